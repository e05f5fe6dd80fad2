/* Inside a 2-2-1 network trained on XOR: the hidden layer as a change of representation.
 *
 * The network computes h = tanh(W1 x + b1) ∈ (−1, 1)², then the logit z = w·h + b. The
 * output layer is one neuron: on its own it can only draw a line. The figure shows the
 * input plane (left) and the same points at their hidden coordinates h (right), with the
 * grid lines of the input plane carried along: tanh bends and folds the plane until the
 * two classes of XOR fall on either side of the output neuron's line w·h + b = 0. */
#include "mlp.h"

#include <stdio.h>
#include <stdlib.h>

/* The width of the hidden layer (exercise: try 1, and read the test [C2.3]). */
#define XOR_HIDDEN 2
#define HIDDEN_STEPS 1500
#define HIDDEN_STARTS 20
#define HIDDEN_DECAY NN_R(0.003) /* keeps the weights moderate, so tanh bends rather than folds flat */
#define LINES 9             /* grid lines per direction */
#define LINE_POINTS 81      /* points along each grid line */
#define SPAN NN_R(2.0)      /* the input grid covers [−SPAN, SPAN]² */
#define HGRID 61            /* image of the output neuron over the hidden square */

/* Grid lines of the input plane, x1 = const then x2 = const, and their images h. */
static void write_grid_lines(ch2_context *cx, nn_network *net)
{
    int rows = 2 * LINES * LINE_POINTS;
    nn_matrix X = nn_matrix_new(rows, 2);
    for (int dir = 0; dir < 2; dir++)
        for (int l = 0; l < LINES; l++)
            for (int p = 0; p < LINE_POINTS; p++) {
                int i = (dir * LINES + l) * LINE_POINTS + p;
                nn_real fixed = -SPAN + 2 * SPAN * l / (LINES - 1);
                nn_real moving = -SPAN + 2 * SPAN * p / (LINE_POINTS - 1);
                NN_AT(X, i, dir) = fixed;
                NN_AT(X, i, 1 - dir) = moving;
            }
    nn_network_forward(net, X, NULL);
    nn_matrix table = nn_matrix_new(rows, 2 + XOR_HIDDEN);
    for (int i = 0; i < rows; i++) {
        NN_AT(table, i, 0) = NN_AT(X, i, 0);
        NN_AT(table, i, 1) = NN_AT(X, i, 1);
        for (int j = 0; j < XOR_HIDDEN; j++) NN_AT(table, i, 2 + j) = NN_AT(net->A[0], i, j);
    }
    ch2_write_blocks(cx, "hidden_gridlines.dat", "x1 x2 h1 h2 (one block per grid line)",
                     table.data, rows, table.cols, LINE_POINTS, 8);
    nn_matrix_free(&table);
    nn_matrix_free(&X);
}

/* The data at both coordinates, and the smallest signed distance of a hidden point to
 * the output line (positive for every point when the line separates the classes). */
static nn_real write_points(ch2_context *cx, nn_network *net, const nn_dataset *d)
{
    nn_matrix Z = nn_network_forward(net, d->X, NULL);
    const nn_dense *out = &net->layers[1];
    nn_real norm = 0;
    for (int j = 0; j < XOR_HIDDEN; j++) norm += out->W.data[j] * out->W.data[j];
    norm = sqrt(norm);
    nn_matrix table = nn_matrix_new(d->X.rows, 3 + XOR_HIDDEN);
    nn_real margin = NN_REAL_MAX;
    for (int i = 0; i < d->X.rows; i++) {
        NN_AT(table, i, 0) = NN_AT(d->X, i, 0);
        NN_AT(table, i, 1) = NN_AT(d->X, i, 1);
        for (int j = 0; j < XOR_HIDDEN; j++) NN_AT(table, i, 2 + j) = NN_AT(net->A[0], i, j);
        NN_AT(table, i, 2 + XOR_HIDDEN) = d->labels[i];
        nn_real signed_distance = (d->labels[i] ? 1 : -1) * Z.data[i] / norm;
        if (signed_distance < margin) margin = signed_distance;
    }
    ch2_write_blocks(cx, "hidden_points.dat", "x1 x2 h1 h2 class", table.data, table.rows,
                     table.cols, 0, 17);
    nn_matrix_free(&table);
    return margin;
}

/* The output neuron p = σ(w·h + b) over the square [−1.1, 1.1]² of hidden coordinates,
 * and the network's p over the input square, as images. */
static void write_images(ch2_context *cx, nn_network *net)
{
    const nn_dense *out = &net->layers[1];
    nn_matrix table = nn_matrix_new(HGRID * HGRID, 3);
    for (int r = 0; r < HGRID; r++)
        for (int s = 0; s < HGRID; s++) {
            nn_real h1 = NN_R(-1.1) + NN_R(2.2) * s / (HGRID - 1);
            nn_real h2 = NN_R(-1.1) + NN_R(2.2) * r / (HGRID - 1);
            nn_real z = out->W.data[0] * h1 + out->W.data[1] * h2 + out->b.data[0];
            NN_AT(table, r * HGRID + s, 0) = h1;
            NN_AT(table, r * HGRID + s, 1) = h2;
            NN_AT(table, r * HGRID + s, 2) = nn_sigmoid(z);
        }
    ch2_write_blocks(cx, "hidden_space_grid.dat", "h1 h2 p (p = sigma(w.h + b))", table.data,
                     table.rows, 3, HGRID, 6);
    nn_matrix X = nn_matrix_new(HGRID * HGRID, 2);
    for (int i = 0; i < X.rows; i++) {
        NN_AT(X, i, 0) = -SPAN + 2 * SPAN * (i % HGRID) / (HGRID - 1);
        NN_AT(X, i, 1) = -SPAN + 2 * SPAN * (i / HGRID) / (HGRID - 1);
    }
    nn_matrix Z = nn_network_forward(net, X, NULL);
    for (int i = 0; i < X.rows; i++) {
        NN_AT(table, i, 0) = NN_AT(X, i, 0);
        NN_AT(table, i, 1) = NN_AT(X, i, 1);
        NN_AT(table, i, 2) = nn_sigmoid(Z.data[i]);
    }
    ch2_write_blocks(cx, "hidden_input_grid.dat", "x1 x2 p (p = sigma(z))", table.data,
                     table.rows, 3, HGRID, 6);
    nn_matrix_free(&X);
    nn_matrix_free(&table);
}

/* The output neuron's line w·h + b = 0 across the square [−1.1, 1.1]²: two end points,
 * solved for the coordinate with the larger weight. */
static void write_output_line(ch2_context *cx, const nn_network *net)
{
    const nn_dense *out = &net->layers[1];
    nn_real w1 = out->W.data[0], w2 = out->W.data[1], b = out->b.data[0], ends[4];
    for (int e = 0; e < 2; e++) {
        nn_real t = e ? NN_R(1.1) : NN_R(-1.1);
        int steep = fabs(w2) >= fabs(w1);
        ends[2 * e + !steep] = t;
        ends[2 * e + steep] = steep ? -(b + w1 * t) / w2 : -(b + w2 * t) / w1;
    }
    ch2_write_blocks(cx, "hidden_line.dat", "h1 h2 (end points of w.h + b = 0)", ends, 2, 2, 0, 17);
}

static void hidden_figure(ch2_context *cx)
{
    FILE *gp = ch2_gnuplot(cx, "hidden", "", "", "", 1100, 540);
    fprintf(gp,
        "set multiplot layout 1,2 title 'XOR through a 2-2-1 tanh network: input plane (left), "
        "hidden layer h = tanh(W1 x + b1) (right)'\n"
        "unset colorbox\nset size ratio -1\nset cbrange [0:1]\nset autoscale fix\n"
        CH2_TWO_CLASS_PALETTE
        "set key off\n"
        "set title 'input x: the network’s regions, grid lines'\nset xlabel 'x1'\nset ylabel 'x2'\n"
        "plot 'hidden_input_grid.dat' using 1:2:3 with image, \\\n"
        "     'hidden_gridlines.dat' using 1:2 with lines lc rgb '#999999' lw 0.6, \\\n"
        "     'hidden_points.dat' using 1:($5 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.5, \\\n"
        "     'hidden_points.dat' using 1:($5 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.5\n"
        "set title 'hidden h: the same points and grid lines; the output line w·h + b = 0'\n"
        "set xlabel 'h1'\nset ylabel 'h2'\n"
        "set xrange [-1.1:1.1]\nset yrange [-1.1:1.1]\n"
        "plot 'hidden_space_grid.dat' using 1:2:3 with image, \\\n"
        "     'hidden_gridlines.dat' using 3:4 with lines lc rgb '#999999' lw 0.6, \\\n"
        "     'hidden_points.dat' using 3:($5 == 0 ? $4 : 1/0) with points ls 1 pt 7 ps 0.5, \\\n"
        "     'hidden_points.dat' using 3:($5 == 1 ? $4 : 1/0) with points ls 2 pt 7 ps 0.5, \\\n"
        "     'hidden_line.dat' using 1:2 with lines lc rgb '#000000' lw 1.5\n"
        "unset multiplot\n");
}

/* A 2-2-1 network can represent XOR, but gradient descent from a random start does not
 * always find it: one hidden unit may settle on a line that serves three clusters, and
 * the loss has a flat valley there. So the chapter trains from HIDDEN_STARTS random
 * starts, counts how many separate the data, and keeps the first that does (or the last
 * start, if none does) for the figure. */
/* course:begin hidden_starts */
static int train_from_starts(ch2_context *cx, nn_network *net, const nn_dataset *d,
                             nn_real *loss, nn_real *accuracy)
{
    nn_real *kept = malloc(sizeof(nn_real) * net->n_params);
    int separating = 0;
    for (int s = 0; s < HIDDEN_STARTS; s++) {
        nn_network_init(net, nn_init_make(NN_INIT_GLOROT_UNIFORM, 0, 0),
                        nn_init_make(NN_INIT_ZEROS, 0, 0), &cx->rng);
        nn_real L = ch2_train_full_batch(cx, net, d, nn_loss_make(NN_LOSS_BCE_LOGITS),
                                         HIDDEN_STEPS, NN_R(0.02), "xor, 2-2-1");
        nn_real acc = ch2_train_accuracy(net, d);
        if (acc == 1) separating++;
        if ((acc == 1 && separating == 1) || (separating == 0 && s == HIDDEN_STARTS - 1)) {
            for (size_t i = 0; i < net->n_params; i++) kept[i] = net->params[i];
            *loss = L;
            *accuracy = acc;
        }
    }
    for (size_t i = 0; i < net->n_params; i++) net->params[i] = kept[i];
    free(kept);
    return separating;
}
/* course:end hidden_starts */

void ch2_hidden_representation(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 6. The hidden layer as a change of representation: 2-%d-1 tanh on XOR\n",
           XOR_HIDDEN);
    nn_dataset d = nn_data_xor(200, NN_R(0.2), &cx->rng);
    nn_layer_spec spec[2] = { { XOR_HIDDEN, nn_activation_make(NN_TANH), 0 },
                              { 1, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(2, 2, spec);
    net->weight_decay = HIDDEN_DECAY;
    nn_real L = 0, acc = 0;
    int separating = train_from_starts(cx, net, &d, &L, &acc);
    nn_real margin = write_points(cx, net, &d);
    write_grid_lines(cx, net);
    if (XOR_HIDDEN == 2) {
        write_images(cx, net);
        write_output_line(cx, net);
        hidden_figure(cx);
    }
    const nn_dense *out = &net->layers[1];
    nn_say(c, "  %d of %d random starts separate XOR after %d Adam steps; the figure's network: "
              "loss %.4f, training accuracy %.3f\n", separating, HIDDEN_STARTS, HIDDEN_STEPS,
           (double)L, (double)acc);
    nn_say(c, "  output neuron: z = %+.3f h1 %+.3f h2 %+.3f; smallest signed distance of a "
              "hidden point to its line: %.3f\n", (double)out->W.data[0],
           (double)(XOR_HIDDEN > 1 ? out->W.data[1] : 0), (double)out->b.data[0], (double)margin);
    nn_result_int(cx->run, XOR_HIDDEN, "hidden_units");
    nn_result_int(cx->run, HIDDEN_STARTS, "hidden_starts");
    nn_result_int(cx->run, HIDDEN_STEPS, "hidden_steps");
    nn_result_int(cx->run, separating, "hidden_starts_separating");
    nn_result(cx->run, L, "hidden_xor_loss");
    nn_result(cx->run, acc, "hidden_xor_accuracy");
    nn_result(cx->run, margin, "hidden_min_signed_distance");
    nn_result(cx->run, out->W.data[0], "hidden_output_w1");
    nn_result(cx->run, out->b.data[0], "hidden_output_b");
    nn_network_free(net);
    nn_dataset_free(&d);
}
