/* Chapter 3's claims, recomputed by the chapter's own code (compiled into this test):
 *   [C3.2] the 2-2-1 network by hand equals the library's nn_network_loss_grad;
 *   [C3.4] autodiff on y = sin(x1) + x1·x2 equals the analytic gradient, both modes;
 *   [C3.5] sweeps for a full derivative: gradient of Rⁿ → R, 1 reverse vs n forward;
 *          Jacobian of R → Rᵐ, 1 forward vs m reverse;
 *   [C3.6] the error of central differences is smallest for h in [1e-7, 1e-3], near
 *          ε^{1/3}; forward differences for h in [1e-10, 1e-6], and do worse;
 *   [C3.7] a central difference of ReLU that straddles the kink is wrong by ~1/2;
 *   [C3.8] deep sigmoid nets: first-layer ‖dW‖ orders of magnitude below the last
 *          hidden layer's; deep ReLU (He init) within a factor 10. */
#include "../chapters/03-backprop/hand.c"
#include "../chapters/03-backprop/layers.c"
#include "../chapters/03-backprop/autodiff_demo.c"
#include "../chapters/03-backprop/gradcheck.c"
#include "../chapters/03-backprop/vanishing.c"
#include "tap.h"

static const int double_build = NN_REAL_EPSILON < 1e-10;

static void check_hand_vs_library(void)
{
    hand_network h;
    hand_network_example(&h);
    hand_forward(&h);
    hand_backward(&h);
    nn_real mine[9], lib[9];
    hand_gradient_flat(&h, mine);
    nn_real loss = library_loss_grad(&h, lib);
    double diff = max_abs_diff(mine, lib, 9), loss_diff = fabs(loss - h.loss);
    /* Same formulas, different order (the library goes through BCE's dŷ and σ'):
     * a few ulps of numbers below 1. */
    double tol = 64 * NN_REAL_EPSILON;
    tap_ok(diff <= tol && loss_diff <= tol,
           "[C3.2] 2-2-1 sigmoid/BCE by hand vs nn_network_loss_grad: 9 gradients max abs diff %.1e, loss diff %.1e (tol %.1e)",
           diff, loss_diff, tol);
    if (diff > tol)
        for (int i = 0; i < 9; i++) tap_diag("param %d: hand %.17g library %.17g", i, (double)mine[i], (double)lib[i]);
}

static void check_autodiff_example(void)
{
    nn_autodiff *g = nn_autodiff_new();
    autodiff_example ex;
    autodiff_sin_example(g, NN_R(0.5), NN_R(2.0), &ex);
    double e1 = fabs(ex.dy_dx1 - ex.analytic_dx1), e2 = fabs(ex.dy_dx2 - ex.analytic_dx2);
    double ef = fmax(fabs(ex.forward_dx1 - ex.dy_dx1), fabs(ex.forward_dx2 - ex.dy_dx2));
    double tol = 4 * NN_REAL_EPSILON;
    tap_ok(e1 <= tol && e2 <= tol && ef <= tol,
           "[C3.4] autodiff of y = sin(x1) + x1 x2 at (0.5, 2): reverse (%.6f, %.6f) vs (cos x1 + x2, x1): errors %.1e %.1e; forward mode differs by %.1e",
           ex.dy_dx1, ex.dy_dx2, e1, e2, ef);
    nn_autodiff_free(g);
}

static void check_mode_costs(void)
{
    int ok = 1;
    mode_costs c = { 0 };
    for (int n = 1; n <= 64; n *= 2) {
        measure_mode_costs(n, &c);
        ok &= c.dim == n && c.grad_reverse_sweeps == 1 && c.grad_forward_sweeps == n
              && c.jac_forward_sweeps == 1 && c.jac_reverse_sweeps == n;
        if (n >= 4) ok &= c.grad_forward_madds >= n * c.grad_reverse_madds / 2
                          && c.jac_reverse_madds >= n * c.jac_forward_madds / 8;
    }
    tap_ok(ok, "[C3.5] full derivatives, n = 1..64: gradient of R^n->R in 1 reverse sweep vs n forward "
           "(n=64: %ld vs %ld madds); Jacobian of R->R^n in 1 forward vs n reverse (%ld vs %ld madds)",
           c.grad_reverse_madds, c.grad_forward_madds, c.jac_forward_madds, c.jac_reverse_madds);
}

static void check_step_sweep(void)
{
    if (!double_build) { tap_skip(2, "needs double precision (the V moves to eps_float^(1/3))"); return; }
    step_sweep s;
    sweep_step_sizes(&s);
    double hc = s.h[s.best_central], hf = s.h[s.best_forward], hn = s.h[s.best_network];
    tap_ok(hc >= 1e-7 && hc <= 1e-3 && hn >= 1e-7 && hn <= 1e-3 && fabs(log10(hc / cbrt(DBL_EPSILON))) <= 1,
           "[C3.6] central differences: smallest error at h = %.1e (sin x + 2x, rel err %.1e) and %.1e (2-2-1 loss), "
           "in [1e-7, 1e-3], within a decade of eps^(1/3) = %.1e", hc, s.central[s.best_central], hn, cbrt(DBL_EPSILON));
    tap_ok(hf >= 1e-10 && hf <= 1e-6 && s.forward[s.best_forward] > 10 * s.central[s.best_central]
           && s.central[0] > 1e3 * s.central[s.best_central] && s.central[STEP_COUNT - 1] > 1e3 * s.central[s.best_central],
           "[C3.6] forward differences: smallest error at h = %.1e in [1e-10, 1e-6], %.1e vs central's %.1e; "
           "both ends of the V (h = 1e-1: %.1e, h = 1e-14: %.1e) far above the bottom",
           hf, s.forward[s.best_forward], s.central[s.best_central], s.central[0], s.central[STEP_COUNT - 1]);
}

static void check_relu_kink(void)
{
    kink_sweep k;
    nn_real z0 = NN_R(1e-3);                       /* representable in float too */
    sweep_relu_kink(&k, z0);
    double worst_across = 1, worst_inside = 0;
    for (int i = 0; i < STEP_COUNT; i++) {
        if (k.h[i] > 2 * z0) worst_across = fmin(worst_across, fabs(k.fd[i] - 1));
        if (k.h[i] < z0 / 2 && k.h[i] > 1e4 * NN_REAL_EPSILON * z0) worst_inside = fmax(worst_inside, fabs(k.fd[i] - 1));
    }
    tap_ok(worst_across >= 0.25 && worst_inside <= 1e-2,
           "[C3.7] relu'(z0) = 1 at z0 = 1e-3: central differences with h > 2 z0 straddle the kink and are off by >= %.2f; "
           "with h < z0/2 off by <= %.1e", worst_across, worst_inside);
}

static void check_vanishing(void)
{
    deep_gradients cfg[DEEP_CONFIGS];
    deep_gradient_norms(cfg, 1);
    double ratio[DEEP_CONFIGS];
    for (int c = 0; c < DEEP_CONFIGS; c++) ratio[c] = cfg[c].grad_norm[0] / cfg[c].grad_norm[DEEP_LAYERS - 1];
    tap_ok(ratio[0] < 1e-3 && ratio[1] < 1e-3 && ratio[2] > 0.1 && ratio[2] < 10,
           "[C3.8] 10 hidden layers of width 32, ||dW_1|| / ||dW_10||: sigmoid+Glorot %.1e, sigmoid+He %.1e (< 1e-3); "
           "relu+He %.2f (within [0.1, 10])", ratio[0], ratio[1], ratio[2]);
}

int main(void)
{
    tap_plan(7);
    check_hand_vs_library();
    check_autodiff_example();
    check_mode_costs();
    check_step_sweep();
    check_relu_kink();
    check_vanishing();
    return tap_done();
}
