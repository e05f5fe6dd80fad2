/* Chapter 3's figures: the data tables they draw and the gnuplot scripts that draw them
 * (nn_figure starts each on the shared style, figures/style.gp). */
#include "figures.h"

#include <stdlib.h>

/* rows × cols numbers, row by row, as a matrix view (for nn_run_table). */
static void table_of_rows(nn_run *run, const char *name, const char *columns, const nn_real *rows, int n, int cols)
{
    nn_run_table(run, name, columns, nn_matrix_view((nn_real *)rows, n, cols), 0);
}

void figure_modes(nn_run *run, const mode_costs *c, int count)
{
    nn_real *rows = malloc(sizeof(nn_real) * 5 * (size_t)count);
    for (int k = 0; k < count; k++) {
        const nn_real row[5] = { c[k].dim, c[k].grad_forward_madds, c[k].grad_reverse_madds,
                                 c[k].jac_forward_madds, c[k].jac_reverse_madds };
        for (int j = 0; j < 5; j++) rows[5 * k + j] = row[j];
    }
    table_of_rows(run, "modes.dat", "d grad_forward_madds grad_reverse_madds jac_forward_madds jac_reverse_madds",
                  rows, count, 5);
    free(rows);
    FILE *gp = nn_figure(run, "modes", "Cost of a full derivative: forward against reverse mode",
                         "dimension d (inputs of f: R^d → R, outputs of g: R → R^d)", "multiply-adds, counted on the tape");
    fprintf(gp, "set logscale xy 2\nset key top left\n"
                "plot 'modes.dat' using 1:2 with linespoints ls 1 title 'gradient of f, forward mode (d sweeps)', \\\n"
                "     'modes.dat' using 1:3 with linespoints ls 2 title 'gradient of f, reverse mode (1 sweep)', \\\n"
                "     'modes.dat' using 1:4 with linespoints ls 3 dt 2 title 'Jacobian of g, forward mode (1 sweep)', \\\n"
                "     'modes.dat' using 1:5 with linespoints ls 4 dt 2 title 'Jacobian of g, reverse mode (d sweeps)'\n");
}

void figure_fd_error(nn_run *run, const step_sweep *s)
{
    nn_real rows[STEP_COUNT * 6];
    for (int k = 0; k < STEP_COUNT; k++) {
        const nn_real row[6] = { s->h[k], s->central[k], s->forward[k], s->central_model[k],
                                 s->forward_model[k], s->network_central[k] };
        for (int j = 0; j < 6; j++) rows[6 * k + j] = row[j];
    }
    table_of_rows(run, "fd_error.dat",
                  "h central_rel_err forward_rel_err central_model forward_model network_central_rel_err",
                  rows, STEP_COUNT, 6);
    /* The error models are the text's: truncation h²|f‴|/6 or h|f″|/2, plus round-off
     * ε|f|/h or 2ε|f|/h, relative to |f′|; each drawn dashed in its curve's colour. */
    FILE *gp = nn_figure(run, "fd_error", "Finite differences: truncation (falls with h) against round-off (grows as h shrinks)",
                         "step h", "relative error of the derivative");
    fprintf(gp, "set logscale xy\nset format x '10^{%%T}'\nset format y '10^{%%T}'\nset key top center\n"
                "plot 'fd_error.dat' using 1:2 with linespoints ls 1 title 'central, measured', \\\n"
                "     'fd_error.dat' using 1:4 with lines ls 1 dt 2 title \"central, model h²|f'''|/6 + ε|f|/h\", \\\n"
                "     'fd_error.dat' using 1:3 with linespoints ls 2 title 'forward, measured', \\\n"
                "     'fd_error.dat' using 1:5 with lines ls 2 dt 2 title \"forward, model h|f''|/2 + 2ε|f|/h\", \\\n"
                "     'fd_error.dat' using 1:6 with linespoints ls 3 dt 3 title '2-2-1 network loss, central'\n");
}

void figure_kink(nn_run *run, const kink_sweep *k)
{
    nn_real rows[STEP_COUNT * 3];
    for (int i = 0; i < STEP_COUNT; i++) {
        rows[3 * i] = k->h[i];
        rows[3 * i + 1] = k->fd[i];
        rows[3 * i + 2] = k->model[i];
    }
    table_of_rows(run, "kink.dat", "h central_difference_of_relu_at_z0 model (1 for h <= z0, 1/2 + z0/(2h) beyond)",
                  rows, STEP_COUNT, 3);
    FILE *gp = nn_figure(run, "kink", "ReLU at z0 = 1e-6: a central difference wider than z0 straddles the kink",
                         "step h", "(relu(z0+h) − relu(z0−h)) / 2h");
    fprintf(gp, "set logscale x\nset format x '10^{%%T}'\nset yrange [0:1.1]\nset key bottom left\n"
                "set arrow from %g, graph 0 to %g, graph 1 nohead dt 3 lc rgb '#777777'\n"
                "set label 'h = z0' at %g, graph 0.3 left offset 0.5,0 textcolor rgb '#555555'\n"
                "plot 1 with lines ls 2 lw 4 dt 1 title 'true derivative relu′(z0) = 1', \\\n"
                "     'kink.dat' using 1:3 with lines ls 7 dt 2 title 'model: 1 while h ≤ z0, then 1/2 + z0/(2h)', \\\n"
                "     'kink.dat' using 1:2 with points ls 1 pt 7 title 'central difference, measured'\n",
            (double)k->z0, (double)k->z0, (double)k->z0);
}

void figure_vanishing(nn_run *run, const deep_gradients *cfg)
{
    nn_real rows[(DEEP_LAYERS + 1) * (1 + DEEP_CONFIGS)];
    for (int l = 0; l <= DEEP_LAYERS; l++) {
        rows[l * (1 + DEEP_CONFIGS)] = l + 1;
        for (int c = 0; c < DEEP_CONFIGS; c++) rows[l * (1 + DEEP_CONFIGS) + 1 + c] = cfg[c].grad_norm[l];
    }
    table_of_rows(run, "vanishing.dat", "layer sigmoid_glorot sigmoid_he relu_he", rows, DEEP_LAYERS + 1, 1 + DEEP_CONFIGS);
    FILE *gp = nn_figure(run, "vanishing", "Gradient norm per layer, 10 hidden layers of width 32 (+ linear output)",
                         "layer l (1 = first hidden, 11 = output)", "‖dW_l‖_F");
    fprintf(gp, "set logscale y\nset format y '10^{%%T}'\nset xtics 1\nset key bottom right\n"
                "plot 'vanishing.dat' using 1:2 with linespoints ls 1 title 'sigmoid, Glorot uniform', \\\n"
                "     'vanishing.dat' using 1:3 with linespoints ls 2 title 'sigmoid, He normal', \\\n"
                "     'vanishing.dat' using 1:4 with linespoints ls 3 title 'ReLU, He normal'\n");
}

/* The loss per step (left; training.dat also keeps the hand-vs-library gradient gap of
 * each step), and the trained network's ŷ over the plane with the training points (right). */
enum { TRAIN_GRID = 101 };

void figure_training(nn_run *run, const nn_dataset *data, const plain_run *r, int steps)
{
    nn_table *t = nn_table_open(run, "training.dat", "step loss gap (max |hand - library| over the 9 gradients)");
    for (int s = 0; s < steps; s++) nn_table_row(t, s + 1, r->loss[s], r->gap[s]);
    t = nn_table_open(run, "training_points.dat", "x1 x2 class");
    for (int i = 0; i < data->X.rows; i++) nn_table_row(t, NN_AT(data->X, i, 0), NN_AT(data->X, i, 1), data->labels[i]);
    /* p over the data's box widened by 0.5, by the hand network itself */
    nn_real lo[2] = { NN_REAL_MAX, NN_REAL_MAX }, hi[2] = { -NN_REAL_MAX, -NN_REAL_MAX };
    for (int i = 0; i < data->X.rows; i++)
        for (int j = 0; j < 2; j++) {
            lo[j] = fmin(lo[j], NN_AT(data->X, i, j) - NN_R(0.5));
            hi[j] = fmax(hi[j], NN_AT(data->X, i, j) + NN_R(0.5));
        }
    hand_network h;
    hand_network_example(&h);
    hand_set_parameters(&h, r->theta);
    t = nn_table_open(run, "training_regions.dat", "x1 x2 p (p = yhat of the trained network)");
    nn_table_digits(t, 5);
    for (int row = 0; row < TRAIN_GRID; row++) {
        for (int col = 0; col < TRAIN_GRID; col++) {
            h.x[0] = lo[0] + (hi[0] - lo[0]) * col / (TRAIN_GRID - 1);
            h.x[1] = lo[1] + (hi[1] - lo[1]) * row / (TRAIN_GRID - 1);
            hand_forward(&h);
            nn_table_row(t, h.x[0], h.x[1], h.yhat);
        }
        if (row + 1 < TRAIN_GRID) nn_table_block(t);
    }
    FILE *gp = nn_figure(run, "training", "Training the 2-2-1 network with its hand-written gradients", NULL, NULL);
    fprintf(gp, "eval size(1100, 480)\n"
                "set multiplot layout 1,2 title 'The 2-2-1 sigmoid/BCE network of §3.3, trained by plain gradient descent on its hand-written gradients'\n"
                "set title 'the mean loss L after each step'\n"
                "set xlabel 'step t (log scale)'\nset ylabel 'L (binary cross-entropy)'\nset logscale x\nset autoscale xfix\nset key top right\n"
                "plot 'training.dat' using 1:2 with lines ls 1 lw 2.5 title 'loss L on the training set'\n"
                "unset logscale\n"
                "set title 'the trained network: ŷ over the plane, and the training points'\n"
                "set xlabel 'x_1'\nset ylabel 'x_2'\nset size ratio -1\nset autoscale fix\nset grid front\n"
                "set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')\nset cbrange [0:1]\nset cblabel 'ŷ = σ(z_2)'\n"
                "set key below horizontal\n"
                "plot 'training_regions.dat' using 1:2:3 with image notitle, \\\n"
                "     'training_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \\\n"
                "     'training_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \\\n"
                "     'training_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \\\n"
                "     'training_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1'\n"
                "unset multiplot\n");
}
