/* Chapter 3's claims, recomputed by the chapter's own code (compiled into this test):
 *   [C3.2] the 2-2-1 network by hand equals the library's nn_network_loss_grad;
 *   [C3.4] autodiff on y = sin(x1) + x1·x2 equals the analytic gradient, both modes, and
 *          dual numbers (tests/dual.h) give the same forward-mode derivatives;
 *   [C3.5] a full derivative both ways: the one reverse sweep's d partials of f: R^d → R
 *          equal the d forward sweeps' tangents and the dual-number derivatives, the
 *          Jacobian column of g: R → R^d likewise with the modes' roles swapped; the
 *          costs, counted by the tape per multiply-add performed, are E for one sweep and
 *          d·E for d sweeps of a tape with E operand edges;
 *   [C3.6] the error of central differences is smallest for h in [1e-7, 1e-3], near
 *          ε^{1/3}; forward differences for h in [1e-10, 1e-6], and do worse;
 *   [C3.7] a central difference of ReLU at z0 is exact while h ≤ z0 and equals
 *          1/2 + z0/(2h) once h > z0, so it is off by 1/2 − z0/(2h): near 0 just past z0,
 *          near 1/2 for h ≫ z0;
 *   [C3.8] deep sigmoid nets: first-layer ‖dW‖ orders of magnitude below the last
 *          hidden layer's; deep ReLU (He init) within a factor 10;
 *   [C3.9] training the 2-2-1 network by plain gradient descent on its hand-written
 *          gradients: at every step they equal the library's gradients at the same θ,
 *          and the same comparison one step out of step tells them apart. */
#include "../chapters/03-backprop/hand.c"
#include "../chapters/03-backprop/layers.c"
#include "../chapters/03-backprop/autodiff_demo.c"
#include "../chapters/03-backprop/gradcheck.c"
#include "../chapters/03-backprop/vanishing.c"
#include "../chapters/03-backprop/train.c"
#include "tap.h"
#include "dual.h"

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
    /* The same derivatives by dual numbers: seed x1 (then x2) with ε and read the ε part. */
    dual d1 = dual_add(dual_sin(dual_var(0.5)), dual_mul(dual_var(0.5), dual_const(2)));
    dual d2 = dual_add(dual_sin(dual_const(0.5)), dual_mul(dual_const(0.5), dual_var(2)));
    double g1 = fabs(d1.d - ex.forward_dx1), g2 = fabs(d2.d - ex.forward_dx2);
    tap_ok(g1 <= tol && g2 <= tol && fabs(d1.v - ex.y) <= tol,
           "[C3.4] dual numbers on y = sin(x1) + x1 x2: y = %.6f + %.6f eps seeding x1, %.6f eps seeding x2; "
           "the tape's forward mode differs by %.1e, %.1e", d1.v, d1.d, d2.d, g1, g2);
    nn_autodiff_free(g);
}

/* f(x) = Σ_i sin(x_i) x_{i+1 mod d} at x_i = 0.1(i + 1), and g_j(t) = sin((j + 1)t)·t at
 * t = 0.3 (autodiff_demo.c's functions), differentiated here by dual numbers. */
/* The inputs exactly as the tape records them (nn_real: float in the float build). */
static double input_x(int i) { return (double)(NN_R(0.1) * (i + 1)); }

static double dual_f_partial(int d, int seed)
{
    dual sum = dual_const(0);
    for (int i = 0; i < d; i++) {
        int next = (i + 1) % d;
        dual xi = i == seed ? dual_var(input_x(i)) : dual_const(input_x(i));
        dual xn = next == seed ? dual_var(input_x(next)) : dual_const(input_x(next));
        sum = dual_add(sum, dual_mul(dual_sin(xi), xn));
    }
    return sum.d;
}

static double dual_g_derivative(int j)
{
    dual t = dual_var((double)NN_R(0.3));
    return dual_mul(dual_sin(dual_mul(dual_const(j + 1), t)), t).d;
}

/* E: the operand edges of a tape like the ones measure_mode_costs records, counted from
 * the formulas: f has per term a sin (1 edge), a product (2) and, after the first, a sum
 * (2); g has per output a constant times t (2), a sin (1) and a product (2). */
static long edges_of_f(int d) { return 3L * d + 2L * (d - 1); }
static long edges_of_g_up_to(int j) { return 5L * (j + 1); }

static void check_mode_costs(void)
{
    /* Rounding: g_j's argument (j + 1)t, up to 0.3·64, carries ε of its size, and g_j′ has a
     * factor (j + 1) in front of its cosine: up to ~d² ε absolute on values up to ~d, so a few
     * d ε relative to 1 + |value|. */
    double worst_modes = 0, worst_dual = 0, tol = 4.0 * MODE_MAX_DIM * NN_REAL_EPSILON;
    int costs_ok = 1;
    mode_costs c = { 0 };
    for (int d = 1; d <= MODE_MAX_DIM; d *= 2) {
        measure_mode_costs(d, &c);
        for (int i = 0; i < d; i++) {              /* differences relative to 1 + |value| */
            double fi = dual_f_partial(d, i), gi = dual_g_derivative(i);
            worst_modes = fmax(worst_modes, fmax(fabs(c.grad_reverse[i] - c.grad_forward[i]) / (1 + fabs(fi)),
                                                 fabs(c.jac_forward[i] - c.jac_reverse[i]) / (1 + fabs(gi))));
            worst_dual = fmax(worst_dual, fmax(fabs(c.grad_reverse[i] - fi) / (1 + fabs(fi)),
                                               fabs(c.jac_forward[i] - gi) / (1 + fabs(gi))));
        }
        long E = edges_of_f(d), jac_reverse = 0;
        for (int j = 0; j < d; j++) jac_reverse += edges_of_g_up_to(j);
        costs_ok &= c.grad_reverse_madds == E && c.grad_forward_madds == d * E
                    && c.jac_forward_madds == edges_of_g_up_to(d - 1) && c.jac_reverse_madds == jac_reverse;
    }
    tap_ok(worst_modes <= tol && worst_dual <= tol,
           "[C3.5] d = 1..64: the reverse sweep's d partials of f equal the d forward tangents (max diff %.1e "
           "relative to 1 + |value|) and dual numbers (%.1e); the Jacobian column of g likewise (tol %.1e)", worst_modes, worst_dual, tol);
    tap_ok(costs_ok,
           "[C3.5] costs counted per multiply-add: gradient of f at d = 64, 1 reverse sweep %ld = E = %ld, 64 forward "
           "sweeps %ld = 64 E; Jacobian of g, 1 forward sweep %ld, 64 reverse sweeps %ld",
           c.grad_reverse_madds, edges_of_f(64), c.grad_forward_madds, c.jac_forward_madds, c.jac_reverse_madds);
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
    /* Each side of z0: the measured difference against its model, within the rounding of
     * the difference (a few ε·(z0 + h)/h), and how wrong it is. */
    double model_excess = 0, inside = 0, just_past = -1, h_past = 1e300, far = 0;
    for (int i = 0; i < STEP_COUNT; i++) {
        double h = k.h[i], err = fabs(k.fd[i] - 1), rounding = 8 * NN_REAL_EPSILON * (z0 + h) / h;
        model_excess = fmax(model_excess, fabs(k.fd[i] - k.model[i]) / rounding);
        if (h < z0) inside = fmax(inside, err / rounding);
        if (h > z0 && h < h_past) { h_past = h; just_past = err; }   /* the smallest h past z0 */
        if (h > 50 * z0) far = fmax(far, err);
    }
    tap_ok(model_excess <= 1 && inside <= 1,
           "[C3.7] relu'(z0) = 1 at z0 = 1e-3: the central difference is exact to rounding while h < z0 and equals "
           "1/2 + z0/(2h) beyond (largest gap to the model: %.2f of the rounding bound 8 eps (z0 + h)/h)", model_excess);
    tap_ok(just_past > 0.1 && just_past < 0.25 && far > 0.49 && far < 0.5,
           "[C3.7] past the kink the error 1/2 - z0/(2h) grows from %.3f at h = %.2g (just past z0) to %.3f for "
           "h > 50 z0: never more than 1/2, and small just past z0", just_past, h_past, far);
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

static void check_training(void)
{
    nn_rng rng;
    nn_rng_seed(&rng, 1);
    nn_dataset data = nn_data_moons(TRAIN_POINTS, TRAIN_NOISE, &rng);
    plain_run r = { .loss = calloc(TRAIN_STEPS, sizeof(nn_real)), .gap = calloc(TRAIN_STEPS, sizeof(nn_real)) };
    train_plain(&data, TRAIN_LR, TRAIN_STEPS, &rng, &r);
    /* One step out of step: the hand gradient at θ₀ against the library's at θ₁. */
    hand_network h;
    hand_network_example(&h);
    nn_real grad[HAND_PARAMS], next[HAND_PARAMS];
    hand_set_parameters(&h, r.start);
    hand_batch_gradient(&h, data.X, data.Y, grad);
    for (int k = 0; k < HAND_PARAMS; k++) next[k] = r.start[k] - TRAIN_LR * grad[k];
    nn_network *twin = hand_library_twin();
    double off_by_one = gap_to_library(twin, next, data.X, data.Y, grad);
    double tol = 64 * NN_REAL_EPSILON;
    tap_ok(r.worst_gap <= tol && off_by_one > 1e3 * tol,
           "[C3.9] %d steps of plain gradient descent on the 2-2-1 network (%d moons points, lr %g): hand gradients "
           "equal the library's at every step, max |diff| %.1e (tol %.1e); compared one step out of step they differ "
           "by %.1e; loss %.3f -> %.3f", TRAIN_STEPS, TRAIN_POINTS, (double)TRAIN_LR, (double)r.worst_gap, tol,
           off_by_one, (double)r.loss[0], (double)r.final_loss);
    nn_network_free(twin);
    free(r.loss);
    free(r.gap);
    nn_dataset_free(&data);
}

int main(void)
{
    tap_plan(11);
    check_hand_vs_library();
    check_autodiff_example();
    check_mode_costs();
    check_step_sweep();
    check_relu_kink();
    check_vanishing();
    check_training();
    return tap_done();
}
