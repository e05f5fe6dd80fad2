/* Chapter 3: backpropagation.
 *
 * What you will see, in the order the text teaches it:
 *   1. the 2-2-1 sigmoid/BCE network computed by hand (hand.c), every z, a and δ printed,
 *      and its nine gradients compared with the library's nn_network_loss_grad;
 *   2. the Jacobians of affine, ReLU, sigmoid and softmax (layers.c), written out and
 *      checked against finite differences; a network made of these layers, backward by
 *      chaining;
 *   3. a tiny automatic differentiation (autodiff_demo.c): y = sin(x1) + x1·x2 drawn with
 *      its forward values and its adjoints flowing back (autodiff.svg), and the cost of
 *      forward against reverse mode (modes.svg);
 *   4. gradient checking (gradcheck.c): the error of finite differences against the step h
 *      (fd_error.svg), and ReLU's kink (kink.svg);
 *   5. vanishing gradients (vanishing.c): ‖dW_l‖ per layer in deep sigmoid and ReLU nets
 *      (vanishing.svg);
 *   6. training with your own gradients (train.c): the 2-2-1 network of part 1 trained by
 *      plain gradient descent on its hand-written gradients, equal to the library's at
 *      every step (training.svg).
 * Run:  make chapter3   (or build/.../03-backprop --out figures/03-backprop)
 * This file computes and narrates; figures.c draws. Every number quoted in course.md is in
 * figures/03-backprop/results.txt. */
#include "backprop.h"
#include "figures.h"

#include <stdlib.h>

typedef struct {
    nn_common_flags *common;
    nn_run *run;            /* results.txt, data, scripts, the diagram */
} chapter;

/* ---- 1. By hand ----------------------------------------------------------------------- */
static void part_by_hand(chapter *ch)
{
    hand_network h;
    hand_network_example(&h);
    hand_forward(&h);
    hand_backward(&h);
    const nn_common_flags *c = ch->common;
    nn_say(c, "\n1. The 2-2-1 sigmoid network by hand, x = (%g, %g), y = %g\n", h.x[0], h.x[1], h.y);
    for (int j = 0; j < 2; j++)
        nn_say(c, "   z1_%d = %+.6f   a1_%d = sigma(z1_%d) = %.6f\n", j + 1, h.z1[j], j + 1, j + 1, h.a1[j]);
    nn_say(c, "   z2   = %+.6f   yhat = %.6f   L = %.6f\n", h.z2, h.yhat, h.loss);
    nn_say(c, "   delta2 = yhat - y = %+.6f   dW2 = (%+.6f, %+.6f)   db2 = %+.6f\n",
           h.delta2, h.dW2[0], h.dW2[1], h.db2);
    for (int j = 0; j < 2; j++)
        nn_say(c, "   dL/da1_%d = %+.6f   delta1_%d = %+.6f   dW1[%d] = (%+.6f, %+.6f)   db1_%d = %+.6f\n",
               j + 1, h.da1[j], j + 1, h.delta1[j], j + 1, h.dW1[j][0], h.dW1[j][1], j + 1, h.db1[j]);

    for (int j = 0; j < 2; j++) {
        nn_result(ch->run, h.z1[j], "hand.z1_%d", j + 1);
        nn_result(ch->run, h.a1[j], "hand.a1_%d", j + 1);
    }
    nn_result(ch->run, h.z2, "hand.z2");
    nn_result(ch->run, h.yhat, "hand.yhat");
    nn_result(ch->run, h.loss, "hand.loss");
    nn_result(ch->run, h.delta2, "hand.delta2");
    for (int j = 0; j < 2; j++) nn_result(ch->run, h.delta1[j], "hand.delta1_%d", j + 1);
    nn_real mine[HAND_PARAMS], lib[HAND_PARAMS];
    static const char *names[HAND_PARAMS] = { "dW1_11", "dW1_12", "dW1_21", "dW1_22", "db1_1", "db1_2",
                                              "dW2_1", "dW2_2", "db2" };
    hand_gradient_flat(&h, mine);
    for (int i = 0; i < HAND_PARAMS; i++) nn_result(ch->run, mine[i], "hand.%s", names[i]);
    /* How much smaller a hidden weight's gradient is than its unit's output weight's:
     * ∂L/∂W2_j ÷ ∂L/∂W1_jk = 1 / (W2_j (1 − a1_j) x_k), over j and k. */
    nn_real smallest = NN_REAL_MAX, largest = 0;
    for (int j = 0; j < 2; j++)
        for (int k = 0; k < 2; k++) {
            nn_real ratio = fabs(h.dW2[j] / h.dW1[j][k]);
            smallest = fmin(smallest, ratio);
            largest = fmax(largest, ratio);
        }
    nn_result(ch->run, smallest, "hand.output_over_hidden_min");
    nn_result(ch->run, largest, "hand.output_over_hidden_max");
    nn_real lib_loss = library_loss_grad(&h, lib), diff = max_abs_diff(mine, lib, HAND_PARAMS);
    nn_result(ch->run, fabs(lib_loss - h.loss), "hand.library_loss_diff");
    nn_result(ch->run, diff, "hand.library_grad_max_abs_diff");
    nn_say(c, "   library nn_network_loss_grad: loss differs by %.1e, gradients by at most %.1e\n",
           fabs(lib_loss - h.loss), diff);
}

/* ---- 2. Jacobians ----------------------------------------------------------------------- */
static void part_jacobians(chapter *ch, nn_rng *rng)
{
    nn_real W[4 * 3], b[4], x[4], dy[4];
    for (int i = 0; i < 12; i++) W[i] = nn_rng_normal(rng, 0, 1);
    for (int i = 0; i < 4; i++) b[i] = nn_rng_normal(rng, 0, 1);
    chapter_layer layers[8];
    int n = chapter_layers(layers, 8, W, b);
    nn_say(ch->common, "\n2. Jacobians: written out vs central differences (h = 1e-6)\n");
    for (int l = 0; l < n; l++) {
        for (int i = 0; i < layers[l].in; i++) x[i] = nn_rng_normal(rng, 0, 1);
        for (int i = 0; i < layers[l].out; i++) dy[i] = nn_rng_normal(rng, 0, 1);
        layer_check c = check_layer(&layers[l], x, dy);
        nn_say(ch->common, "   %-8s J vs FD: max abs err %.1e   backward vs J^T dy: %.1e\n",
               layers[l].name, c.jac_vs_fd, c.backward_vs_jac);
        nn_result(ch->run, c.jac_vs_fd, "jacobian.%s.vs_fd", layers[l].name);
        nn_result(ch->run, c.backward_vs_jac, "jacobian.%s.backward_vs_jt", layers[l].name);
    }

    /* The softmax Jacobian of one small vector, to print and quote. */
    chapter_layer sm = layers[3];
    sm.in = sm.out = 3;
    const nn_real z[3] = { 1.0, 2.0, 0.5 };
    nn_real S[3], J[9];
    sm.forward(&sm, z, S);
    sm.jacobian(&sm, z, S, J);
    nn_say(ch->common, "   softmax(1, 2, 0.5) = (%.4f, %.4f, %.4f); J_ij = dS_i/dz_j = S_i(delta_ij - S_j):\n",
           S[0], S[1], S[2]);
    for (int i = 0; i < 3; i++) {
        nn_say(ch->common, "     [%+.4f %+.4f %+.4f]\n", J[3 * i], J[3 * i + 1], J[3 * i + 2]);
        for (int j = 0; j < 3; j++) nn_result(ch->run, J[3 * i + j], "softmax.J%d%d", i + 1, j + 1);
    }
    nn_real col = 0;
    for (int i = 0; i < 3; i++) col += J[3 * i];                  /* Σ_i ∂S_i/∂z_1 = 0 */
    nn_result(ch->run, col, "softmax.column1_sum");
}

/* ---- 3. Automatic differentiation ---------------------------------------------------------- */
static void part_autodiff(chapter *ch)
{
    nn_autodiff *g = nn_autodiff_new();
    autodiff_example ex;
    autodiff_sin_example(g, NN_R(0.5), NN_R(2.0), &ex);
    nn_say(ch->common, "\n3. Autodiff: y = sin(x1) + x1*x2 at (%.1f, %.1f) = %.6f\n", ex.x1, ex.x2, ex.y);
    nn_say(ch->common, "   reverse: dy/dx1 = %.17g  (cos x1 + x2 = %.17g)\n", ex.dy_dx1, ex.analytic_dx1);
    nn_say(ch->common, "            dy/dx2 = %.17g  (x1 = %.17g)\n", ex.dy_dx2, ex.analytic_dx2);
    nn_result(ch->run, ex.y, "autodiff.y");
    nn_result(ch->run, ex.dy_dx1, "autodiff.dy_dx1");
    nn_result(ch->run, ex.dy_dx2, "autodiff.dy_dx2");
    nn_result(ch->run, fmax(fabs(ex.dy_dx1 - ex.analytic_dx1), fabs(ex.dy_dx2 - ex.analytic_dx2)),
              "autodiff.analytic_err");
    nn_result(ch->run, fmax(fabs(ex.dy_dx1 - ex.forward_dx1), fabs(ex.dy_dx2 - ex.forward_dx2)),
              "autodiff.forward_vs_reverse");
    nn_autodiff_write_dot(g, nn_run_file(ch->run, "autodiff.dot"),
                          "y = sin(x1) + x1·x2 at x1 = 0.5, x2 = 2: the forward pass, then the reverse pass");
    nn_autodiff_free(g);

    enum { N_DIMS = 7 };                                  /* d = 1, 2, 4, ..., 64 */
    mode_costs costs[N_DIMS];
    nn_say(ch->common, "   cost of a full derivative, in sweeps (multiply-adds):\n");
    for (int k = 0; k < N_DIMS; k++) {
        mode_costs *c = &costs[k];
        measure_mode_costs(1 << k, c);
        nn_real gap = 0;                                  /* reverse against forward, both ways */
        for (int i = 0; i < c->dim; i++)
            gap = fmax(gap, fmax(fabs(c->grad_reverse[i] - c->grad_forward[i]), fabs(c->jac_reverse[i] - c->jac_forward[i])));
        nn_say(ch->common, "   d = %2d  gradient of R^d->R: forward %2ld (%5ld)  reverse %ld (%4ld)"
               "   Jacobian of R->R^d: forward %ld (%4ld)  reverse %2ld (%5ld)   modes differ by %.1e\n",
               c->dim, c->grad_forward_sweeps, c->grad_forward_madds, c->grad_reverse_sweeps,
               c->grad_reverse_madds, c->jac_forward_sweeps, c->jac_forward_madds,
               c->jac_reverse_sweeps, c->jac_reverse_madds, gap);
        if (c->dim != 64) continue;
        nn_result(ch->run, gap, "modes.n64.forward_vs_reverse");
        nn_result_int(ch->run, c->grad_forward_sweeps, "modes.n64.grad_forward_sweeps");
        nn_result_int(ch->run, c->grad_reverse_sweeps, "modes.n64.grad_reverse_sweeps");
        nn_result_int(ch->run, c->grad_forward_madds, "modes.n64.grad_forward_madds");
        nn_result_int(ch->run, c->grad_reverse_madds, "modes.n64.grad_reverse_madds");
        nn_result_int(ch->run, c->jac_forward_sweeps, "modes.n64.jac_forward_sweeps");
        nn_result_int(ch->run, c->jac_reverse_sweeps, "modes.n64.jac_reverse_sweeps");
        nn_result_int(ch->run, c->jac_forward_madds, "modes.n64.jac_forward_madds");
        nn_result_int(ch->run, c->jac_reverse_madds, "modes.n64.jac_reverse_madds");
    }
    figure_modes(ch->run, costs, N_DIMS);
}

/* ---- 4. Gradient checking --------------------------------------------------------------- */
static void part_gradcheck(chapter *ch)
{
    step_sweep s;
    sweep_step_sizes(&s);
    figure_fd_error(ch->run, &s);
    nn_result(ch->run, s.h[s.best_central], "fd.central.best_h");
    nn_result(ch->run, s.central[s.best_central], "fd.central.best_err");
    nn_result(ch->run, s.predicted_central_h, "fd.central.predicted_h");
    nn_result(ch->run, s.h[s.best_forward], "fd.forward.best_h");
    nn_result(ch->run, s.forward[s.best_forward], "fd.forward.best_err");
    nn_result(ch->run, s.forward_model[s.best_forward], "fd.forward.model_at_best_h");
    nn_result(ch->run, s.predicted_forward_h, "fd.forward.predicted_h");
    nn_result(ch->run, s.central_model[s.best_central], "fd.central.model_at_best_h");
    nn_result(ch->run, s.forward[s.best_forward] / s.central[s.best_central], "fd.forward_over_central");
    nn_real model_central = s.central_model[0], model_forward = s.forward_model[0];   /* the models' minima */
    for (int k = 1; k < STEP_COUNT; k++) {
        model_central = fmin(model_central, s.central_model[k]);
        model_forward = fmin(model_forward, s.forward_model[k]);
    }
    nn_result(ch->run, model_forward / model_central, "fd.model_forward_over_central");
    nn_result(ch->run, s.h[s.best_network], "fd.network.best_h");
    nn_result(ch->run, s.network_central[s.best_network], "fd.network.best_err");
    nn_result(ch->run, s.central[0], "fd.central.err_h1e-1");
    nn_result(ch->run, s.central[STEP_COUNT - 1], "fd.central.err_h1e-14");
    nn_result(ch->run, cbrt(NN_REAL_EPSILON), "fd.eps_cube_root");
    nn_say(ch->common, "\n4. Gradient checking of f(x) = sin x + 2x at x = 0.5 (rel err vs h):\n"
           "   central: best h = %.1e (rel err %.1e), theory h* = %.1e\n"
           "   forward: best h = %.1e (rel err %.1e, the model says %.1e there), theory h* = %.1e\n"
           "   2-2-1 loss vs W1_11, central: best h = %.1e (rel err %.1e)\n",
           s.h[s.best_central], s.central[s.best_central], s.predicted_central_h,
           s.h[s.best_forward], s.forward[s.best_forward], s.forward_model[s.best_forward], s.predicted_forward_h,
           s.h[s.best_network], s.network_central[s.best_network]);

    kink_sweep k;
    sweep_relu_kink(&k, NN_R(1e-6));
    figure_kink(ch->run, &k);
    nn_result(ch->run, k.z0, "kink.z0");
    nn_result(ch->run, k.fd[4], "kink.fd_h1e-2");       /* h = 10^{-8/4} */
    nn_result(ch->run, k.fd[16], "kink.fd_h1e-5");      /* h = 10^{-20/4} */
    nn_result(ch->run, k.fd[19], "kink.fd_h1.8e-6");    /* h = 10^{-23/4}, just past z0 */
    nn_result(ch->run, k.h[19], "kink.h_just_past_z0");
    nn_result(ch->run, k.fd[28], "kink.fd_h1e-8");      /* h = 10^{-32/4} */
    nn_say(ch->common, "   relu'(1e-6) = 1; central differences: h = 1e-2: %.4f, h = 1e-5: %.4f, h = %.1e: %.4f, "
           "h = 1e-8: %.4f\n", k.fd[4], k.fd[16], k.h[19], k.fd[19], k.fd[28]);
}

/* ---- 5. Vanishing gradients --------------------------------------------------------------- */
static void part_vanishing(chapter *ch)
{
    deep_gradients cfg[DEEP_CONFIGS];
    deep_gradient_norms(cfg, ch->common->seed);
    figure_vanishing(ch->run, cfg);
    nn_say(ch->common, "\n5. Gradient norm per layer, 10 hidden layers of width 32:\n   layer");
    for (int c = 0; c < DEEP_CONFIGS; c++) nn_say(ch->common, " %16s", cfg[c].name);
    nn_say(ch->common, "\n");
    for (int l = 0; l <= DEEP_LAYERS; l++) {
        nn_say(ch->common, "   %5d", l + 1);
        for (int c = 0; c < DEEP_CONFIGS; c++) {
            nn_say(ch->common, " %16.3e", cfg[c].grad_norm[l]);
            nn_result(ch->run, cfg[c].grad_norm[l], "vanishing.%s.layer%d", cfg[c].name, l + 1);
        }
        nn_say(ch->common, "\n");
    }
    for (int c = 0; c < DEEP_CONFIGS; c++)
        nn_result(ch->run, cfg[c].grad_norm[0] / cfg[c].grad_norm[DEEP_LAYERS - 1], "vanishing.%s.first_over_last",
                  cfg[c].name);
}

/* ---- 6. Train with your own gradients ----------------------------------------------------- */
static void part_training(chapter *ch, nn_rng *rng)
{
    nn_dataset data = nn_data_moons(TRAIN_POINTS, TRAIN_NOISE, rng);
    plain_run r = { .loss = calloc(TRAIN_STEPS, sizeof(nn_real)), .gap = calloc(TRAIN_STEPS, sizeof(nn_real)) };
    train_plain(&data, TRAIN_LR, TRAIN_STEPS, rng, &r);
    figure_training(ch->run, &data, &r, TRAIN_STEPS);
    int rises = 0;                                        /* steps after which L went up */
    for (int t = 1; t < TRAIN_STEPS; t++) rises += r.loss[t] > r.loss[t - 1];
    nn_say(ch->common, "\n6. The 2-2-1 network trained on its hand-written gradients: %d moons points, "
           "%d steps of plain gradient descent, lr %g\n"
           "   loss %.4f -> %.4f (rose after %d steps), training accuracy %.3f; hand vs library "
           "gradients differ by at most %.1e over all steps\n",
           data.X.rows, TRAIN_STEPS, (double)TRAIN_LR, (double)r.loss[0], (double)r.final_loss, rises,
           (double)r.accuracy, (double)r.worst_gap);
    nn_result_int(ch->run, data.X.rows, "train.points");
    nn_result(ch->run, TRAIN_NOISE, "train.noise");
    nn_result_int(ch->run, TRAIN_STEPS, "train.steps");
    nn_result(ch->run, TRAIN_LR, "train.lr");
    nn_result(ch->run, r.loss[0], "train.first_loss");
    nn_result(ch->run, r.final_loss, "train.final_loss");
    nn_result_int(ch->run, rises, "train.steps_where_loss_rose");
    nn_result(ch->run, r.accuracy, "train.accuracy");
    nn_result(ch->run, r.worst_gap, "train.max_gradient_gap");
    free(r.loss);
    free(r.gap);
    nn_dataset_free(&data);
}

int main(int argc, char **argv)
{
    nn_common_flags common = nn_common_defaults("figures/03-backprop");
    nn_cli_parse(argc, argv, "Chapter 3: backpropagation, Jacobians, autodiff, gradient checking",
                 &common, NULL, 0);
    chapter ch = { .common = &common, .run = nn_run_start("03-backprop", &common) };
    nn_rng rng;
    nn_rng_seed(&rng, common.seed);

    part_by_hand(&ch);
    part_jacobians(&ch, &rng);
    part_autodiff(&ch);
    part_gradcheck(&ch);
    part_vanishing(&ch);
    part_training(&ch, &rng);

    nn_say(&common, "\nresults: %s/results.txt\n", nn_run_out(ch.run));
    return nn_run_finish(ch.run);
}
