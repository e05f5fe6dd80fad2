/* Chapter 3: backpropagation.
 *
 * What you will see, in the order the text teaches it:
 *   1. the 2-2-1 sigmoid/BCE network computed by hand, every z, a and δ printed, and
 *      its nine gradients compared with the library's nn_network_loss_grad;
 *   2. the Jacobians of affine, ReLU, sigmoid and softmax, written out and checked
 *      against finite differences; a network made of these layers, backward by chaining;
 *   3. a tiny automatic differentiation: y = sin(x1) + x1·x2 drawn with its values and
 *      adjoints (autodiff.dot), and the cost of forward vs reverse mode (modes.svg);
 *   4. gradient checking: the error of finite differences against the step h
 *      (fd_error.svg), and ReLU's kink (kink.svg);
 *   5. vanishing gradients: ‖dW_l‖ per layer in deep sigmoid and ReLU nets (vanishing.svg).
 * Run:  make chapter3   (or build/.../03-backprop --out figures/03-backprop)
 * Every number quoted in course.md is in figures/03-backprop/results.txt. */
#include "backprop.h"

#include <stdlib.h>

typedef struct {
    nn_common_flags *common;
    nn_run *run;            /* results.txt, data, scripts, the diagram */
} chapter;

static void write_data(chapter *ch, const char *name, const char *columns, nn_matrix m)
{
    nn_run_table(ch->run, name, columns, m, 0);
}

/* Opens NAME.gp with its title and labels; the caller writes the plot lines. */
static FILE *open_plot(chapter *ch, const char *name, const char *title, const char *xlabel,
                       const char *ylabel)
{
    return nn_figure(ch->run, name, title, xlabel, ylabel);
}

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
    for (int j = 0; j < 2; j++) {
        nn_result(ch->run, h.delta1[j], "hand.delta1_%d", j + 1);
    }
    nn_real mine[9], lib[9];
    static const char *names[9] = { "dW1_11", "dW1_12", "dW1_21", "dW1_22", "db1_1", "db1_2",
                                    "dW2_1", "dW2_2", "db2" };
    hand_gradient_flat(&h, mine);
    nn_real lib_loss = library_loss_grad(&h, lib);
    for (int i = 0; i < 9; i++) {
        nn_result(ch->run, mine[i], "hand.%s", names[i]);
    }
    nn_real diff = max_abs_diff(mine, lib, 9);
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
    nn_say(ch->common, "   softmax(1, 2, 0.5) = (%.4f, %.4f, %.4f); J_ij = S_i(delta_ij - S_j):\n",
           S[0], S[1], S[2]);
    for (int i = 0; i < 3; i++) {
        nn_say(ch->common, "     [%+.4f %+.4f %+.4f]\n", J[3 * i], J[3 * i + 1], J[3 * i + 2]);
        for (int j = 0; j < 3; j++) {
            nn_result(ch->run, J[3 * i + j], "softmax.J%d%d", i + 1, j + 1);
        }
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
    nn_result(ch->run, fmax(fabs(ex.dy_dx1 - ex.analytic_dx1),
                                                     fabs(ex.dy_dx2 - ex.analytic_dx2)), "autodiff.analytic_err");
    nn_result(ch->run, fmax(fabs(ex.dy_dx1 - ex.forward_dx1),
                                                           fabs(ex.dy_dx2 - ex.forward_dx2)), "autodiff.forward_vs_reverse");
    nn_autodiff_write_dot(g, nn_run_file(ch->run, "autodiff.dot"), "y = sin(x1) + x1·x2 at x1 = 0.5, x2 = 2: forward value, adjoint ∂y/∂node, local derivative ∂ on each edge");
    nn_autodiff_free(g);

    enum { N_DIMS = 7 };
    nn_matrix data = nn_matrix_new(N_DIMS, 5);
    nn_say(ch->common, "   cost of a full derivative, in sweeps (multiply-adds):\n");
    for (int k = 0; k < N_DIMS; k++) {
        mode_costs c;
        measure_mode_costs(1 << k, &c);
        nn_real row[5] = { c.dim, c.grad_forward_madds, c.grad_reverse_madds, c.jac_forward_madds,
                           c.jac_reverse_madds };
        for (int j = 0; j < 5; j++) NN_AT(data, k, j) = row[j];
        nn_say(ch->common, "   n = %2d  gradient of R^n->R: forward %2ld (%5ld)  reverse %ld (%4ld)"
               "   Jacobian of R->R^n: forward %ld (%4ld)  reverse %2ld (%5ld)\n",
               c.dim, c.grad_forward_sweeps, c.grad_forward_madds, c.grad_reverse_sweeps,
               c.grad_reverse_madds, c.jac_forward_sweeps, c.jac_forward_madds,
               c.jac_reverse_sweeps, c.jac_reverse_madds);
        if (c.dim == 64) {
            nn_result_int(ch->run, c.grad_forward_sweeps, "modes.n64.grad_forward_sweeps");
            nn_result_int(ch->run, c.grad_reverse_sweeps, "modes.n64.grad_reverse_sweeps");
            nn_result_int(ch->run, c.grad_forward_madds, "modes.n64.grad_forward_madds");
            nn_result_int(ch->run, c.grad_reverse_madds, "modes.n64.grad_reverse_madds");
            nn_result_int(ch->run, c.jac_forward_sweeps, "modes.n64.jac_forward_sweeps");
            nn_result_int(ch->run, c.jac_reverse_sweeps, "modes.n64.jac_reverse_sweeps");
            nn_result_int(ch->run, c.jac_forward_madds, "modes.n64.jac_forward_madds");
            nn_result_int(ch->run, c.jac_reverse_madds, "modes.n64.jac_reverse_madds");
        }
    }
    write_data(ch, "modes.dat", "n grad_forward_madds grad_reverse_madds jac_forward_madds jac_reverse_madds", data);
    nn_matrix_free(&data);
    FILE *gp = open_plot(ch, "modes", "Cost of a full derivative: forward vs reverse mode",
              "dimension n (inputs of f: R^n → R, outputs of g: R → R^n)", "multiply-adds on the tape");
    fprintf(gp, "set logscale xy 2\nset key top left\n"
            "plot 'modes.dat' using 1:2 with linespoints ls 1 title 'gradient of f, forward mode (n sweeps)', \\\n"
            "     'modes.dat' using 1:3 with linespoints ls 2 title 'gradient of f, reverse mode (1 sweep)', \\\n"
            "     'modes.dat' using 1:4 with linespoints ls 3 dt 2 title 'Jacobian of g, forward mode (1 sweep)', \\\n"
            "     'modes.dat' using 1:5 with linespoints ls 4 dt 2 title 'Jacobian of g, reverse mode (n sweeps)'\n");
}

/* ---- 4. Gradient checking --------------------------------------------------------------- */
static void part_gradcheck(chapter *ch)
{
    step_sweep s;
    sweep_step_sizes(&s);
    nn_matrix data = nn_matrix_new(STEP_COUNT, 6);
    for (int k = 0; k < STEP_COUNT; k++) {
        nn_real row[6] = { s.h[k], s.central[k], s.forward[k], s.central_model[k],
                           s.forward_model[k], s.network_central[k] };
        for (int j = 0; j < 6; j++) NN_AT(data, k, j) = row[j];
    }
    write_data(ch, "fd_error.dat", "h central_rel_err forward_rel_err central_model forward_model network_central_rel_err", data);
    nn_matrix_free(&data);
    nn_result(ch->run, s.h[s.best_central], "fd.central.best_h");
    nn_result(ch->run, s.central[s.best_central], "fd.central.best_err");
    nn_result(ch->run, s.predicted_central_h, "fd.central.predicted_h");
    nn_result(ch->run, s.h[s.best_forward], "fd.forward.best_h");
    nn_result(ch->run, s.forward[s.best_forward], "fd.forward.best_err");
    nn_result(ch->run, s.predicted_forward_h, "fd.forward.predicted_h");
    nn_result(ch->run, s.h[s.best_network], "fd.network.best_h");
    nn_result(ch->run, s.network_central[s.best_network], "fd.network.best_err");
    nn_result(ch->run, s.central[0], "fd.central.err_h1e-1");
    nn_result(ch->run, s.central[STEP_COUNT - 1], "fd.central.err_h1e-14");
    nn_result(ch->run, cbrt(NN_REAL_EPSILON), "fd.eps_cube_root");
    nn_say(ch->common, "\n4. Gradient checking of f(x) = sin x + 2x at x = 0.5 (rel err vs h):\n"
           "   central: best h = %.1e (rel err %.1e), theory h* = %.1e\n"
           "   forward: best h = %.1e (rel err %.1e), theory h* = %.1e\n"
           "   2-2-1 loss vs W1_11, central: best h = %.1e (rel err %.1e)\n",
           s.h[s.best_central], s.central[s.best_central], s.predicted_central_h,
           s.h[s.best_forward], s.forward[s.best_forward], s.predicted_forward_h,
           s.h[s.best_network], s.network_central[s.best_network]);
    FILE *gp = open_plot(ch, "fd_error", "Finite differences: truncation (falls with h) vs round-off (grows as h shrinks)",
              "step h", "relative error of the derivative");
    fprintf(gp, "set logscale xy\nset format x '10^{%%T}'\nset format y '10^{%%T}'\nset key top center\n"
            "plot 'fd_error.dat' using 1:2 with linespoints ls 1 title 'central, measured', \\\n"
            "     'fd_error.dat' using 1:4 with lines ls 1 dt 2 title \"central, model h²|f'''|/6 + ε|f|/h\", \\\n"
            "     'fd_error.dat' using 1:3 with linespoints ls 2 title 'forward, measured', \\\n"
            "     'fd_error.dat' using 1:5 with lines ls 2 dt 2 title \"forward, model h|f''|/2 + 2ε|f|/h\", \\\n"
            "     'fd_error.dat' using 1:6 with linespoints ls 3 dt 3 title '2-2-1 network loss, central'\n");

    kink_sweep k;
    sweep_relu_kink(&k, NN_R(1e-6));
    data = nn_matrix_new(STEP_COUNT, 2);
    for (int i = 0; i < STEP_COUNT; i++) { NN_AT(data, i, 0) = k.h[i]; NN_AT(data, i, 1) = k.fd[i]; }
    write_data(ch, "kink.dat", "h central_difference_of_relu_at_z0", data);
    nn_matrix_free(&data);
    nn_result(ch->run, k.z0, "kink.z0");
    nn_result(ch->run, k.fd[4], "kink.fd_h1e-2");       /* h = 10^{-8/4} */
    nn_result(ch->run, k.fd[16], "kink.fd_h1e-5");      /* h = 10^{-20/4} */
    nn_result(ch->run, k.fd[28], "kink.fd_h1e-8");      /* h = 10^{-32/4} */
    nn_say(ch->common, "   relu'(1e-6) = 1; central differences: h = 1e-2: %.4f, h = 1e-5: %.4f, h = 1e-8: %.4f\n",
           k.fd[4], k.fd[16], k.fd[28]);
    gp = open_plot(ch, "kink", "ReLU at z0 = 1e-6: a central difference wider than z0 straddles the kink",
              "step h", "(relu(z0+h) − relu(z0−h)) / 2h");
    fprintf(gp, "set logscale x\nset format x '10^{%%T}'\nset yrange [0:1.1]\nset key bottom right\n"
            "plot 'kink.dat' using 1:2 with linespoints ls 1 title 'central difference', \\\n"
            "     1 with lines ls 2 dt 2 title 'true derivative relu′(z0) = 1'\n");
}

/* ---- 5. Vanishing gradients --------------------------------------------------------------- */
static void part_vanishing(chapter *ch)
{
    deep_gradients cfg[DEEP_CONFIGS];
    deep_gradient_norms(cfg, ch->common->seed);
    nn_matrix data = nn_matrix_new(DEEP_LAYERS + 1, 1 + DEEP_CONFIGS);
    nn_say(ch->common, "\n5. Gradient norm per layer, 10 hidden layers of width 32:\n   layer");
    for (int c = 0; c < DEEP_CONFIGS; c++) nn_say(ch->common, " %16s", cfg[c].name);
    nn_say(ch->common, "\n");
    for (int l = 0; l <= DEEP_LAYERS; l++) {
        NN_AT(data, l, 0) = l + 1;
        nn_say(ch->common, "   %5d", l + 1);
        for (int c = 0; c < DEEP_CONFIGS; c++) {
            NN_AT(data, l, 1 + c) = cfg[c].grad_norm[l];
            nn_say(ch->common, " %16.3e", cfg[c].grad_norm[l]);
            nn_result(ch->run, cfg[c].grad_norm[l], "vanishing.%s.layer%d", cfg[c].name, l + 1);
        }
        nn_say(ch->common, "\n");
    }
    for (int c = 0; c < DEEP_CONFIGS; c++) {
        nn_result(ch->run, cfg[c].grad_norm[0] / cfg[c].grad_norm[DEEP_LAYERS - 1], "vanishing.%s.first_over_last", cfg[c].name);
    }
    write_data(ch, "vanishing.dat", "layer sigmoid_glorot sigmoid_he relu_he", data);
    nn_matrix_free(&data);
    FILE *gp = open_plot(ch, "vanishing", "Gradient norm per layer, 10 hidden layers of width 32 (+ linear output)",
              "layer l (1 = first hidden, 11 = output)", "‖dW_l‖_F");
    fprintf(gp, "set logscale y\nset format y '10^{%%T}'\nset xtics 1\nset key bottom right\n"
            "plot 'vanishing.dat' using 1:2 with linespoints ls 1 title 'sigmoid, Glorot uniform', \\\n"
            "     'vanishing.dat' using 1:3 with linespoints ls 2 title 'sigmoid, He normal', \\\n"
            "     'vanishing.dat' using 1:4 with linespoints ls 3 title 'ReLU, He normal'\n");
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

    nn_say(&common, "\nresults: %s/results.txt\n", nn_run_out(ch.run));
    return nn_run_finish(ch.run);
}
