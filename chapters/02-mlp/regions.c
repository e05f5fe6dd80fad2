/* Decision regions on 2-D data sets, and the hidden layer as a change of representation.
 *
 * Each set is learnt twice, full batch with Adam: by one layer (a single neuron for the
 * two-class sets, one softmax layer for the three spirals), whose decision boundary is
 * a straight line (or lines meeting at a point), and by a two-hidden-layer tanh MLP.
 * The figure colours a grid of the input plane by each model's prediction. */
#include "mlp.h"

#include <stdio.h>
#include <stdlib.h>

#define GRID 61             /* grid points per side of a decision-region image */
#define MARGIN NN_R(0.5)    /* how far the image extends beyond the data */

/* Full-batch training: `steps` Adam steps on the whole set. Returns the last loss. */
/* course:begin train_full_batch */
nn_real ch2_train_full_batch(ch2_context *cx, nn_network *net, const nn_dataset *d,
                             nn_loss loss, int steps, nn_real lr, const char *what)
{
    nn_optimizer_config config = nn_optimizer_defaults(NN_OPT_ADAM);
    config.lr = lr;
    nn_optimizer *opt = nn_optimizer_new(config, net->n_params);
    nn_progress progress;
    nn_progress_start(&progress, &cx->common, what, steps);
    nn_real L = 0;
    char loss_of[96];
    snprintf(loss_of, sizeof loss_of, "loss of %s", what);
    for (int t = 1; t <= steps; t++) {
        L = nn_network_loss_grad(net, d->X, d->Y, loss, NULL);
        nn_check_finite(L, loss_of, "lower the learning rate given to ch2_train_full_batch");
        nn_optimizer_step(opt, net->params, net->grads, lr);
        if (t % 100 == 0) nn_progress_update(&progress, t, "loss %.4f", (double)L);
    }
    nn_progress_end(&progress);
    nn_optimizer_free(opt);
    return L;
}
/* course:end train_full_batch */

/* Predicted class of each row of X: the sign of the logit for one output (p ≥ 1/2 ⇔
 * z ≥ 0), the largest logit otherwise. */
void ch2_predict(nn_network *net, nn_matrix X, int *classes)
{
    nn_matrix Z = nn_network_forward(net, X, NULL);
    if (Z.cols == 1) nn_threshold(Z, 0, classes);
    else nn_argmax_rows(Z, classes);
}

nn_real ch2_train_accuracy(nn_network *net, const nn_dataset *d)
{
    int *pred = malloc(sizeof(int) * (size_t)d->X.rows);
    ch2_predict(net, d->X, pred);
    nn_real acc = nn_accuracy(pred, d->labels, d->X.rows);
    free(pred);
    return acc;
}

/* The bounding box of the data, widened by MARGIN. */
static void data_box(const nn_dataset *d, nn_real box[4])
{
    box[0] = box[2] = NN_REAL_MAX;
    box[1] = box[3] = -NN_REAL_MAX;
    for (int i = 0; i < d->X.rows; i++)
        for (int j = 0; j < 2; j++) {
            nn_real v = NN_AT(d->X, i, j);
            if (v < box[2 * j]) box[2 * j] = v;
            if (v > box[2 * j + 1]) box[2 * j + 1] = v;
        }
    for (int j = 0; j < 2; j++) {
        box[2 * j] -= MARGIN;
        box[2 * j + 1] += MARGIN;
    }
}

/* The grid's points as a (GRID·GRID)×2 batch, x2 varying slowest. */
static nn_matrix grid_points(const nn_real box[4])
{
    nn_matrix G = nn_matrix_new(GRID * GRID, 2);
    for (int r = 0; r < GRID; r++)
        for (int s = 0; s < GRID; s++) {
            NN_AT(G, r * GRID + s, 0) = box[0] + (box[1] - box[0]) * s / (GRID - 1);
            NN_AT(G, r * GRID + s, 1) = box[2] + (box[3] - box[2]) * r / (GRID - 1);
        }
    return G;
}

/* What the image shows at each grid point: p = σ(z) for one output, the predicted class
 * for several. */
static void grid_values(nn_network *net, nn_matrix G, nn_real *values)
{
    nn_matrix Z = nn_network_forward(net, G, NULL);
    for (int i = 0; i < G.rows; i++) {
        if (Z.cols == 1) { values[i] = nn_sigmoid(Z.data[i]); continue; }
        int best = 0;
        for (int j = 1; j < Z.cols; j++)
            if (NN_AT(Z, i, j) > NN_AT(Z, i, best)) best = j;
        values[i] = best;
    }
}

typedef struct {
    const char *name, *title;
    nn_dataset data;
    int classes;            /* 2 or 3 */
} region_set;

static void write_region_files(ch2_context *cx, const region_set *s, nn_network *neuron,
                               nn_network *mlp)
{
    nn_real box[4];
    data_box(&s->data, box);
    nn_matrix G = grid_points(box);
    nn_matrix table = nn_matrix_new(G.rows, 4);
    nn_real *values = malloc(sizeof(nn_real) * (size_t)G.rows);
    for (int k = 0; k < 2; k++) {
        grid_values(k == 0 ? neuron : mlp, G, values);
        for (int i = 0; i < G.rows; i++) NN_AT(table, i, 2 + k) = values[i];
    }
    for (int i = 0; i < G.rows; i++) {
        NN_AT(table, i, 0) = NN_AT(G, i, 0);
        NN_AT(table, i, 1) = NN_AT(G, i, 1);
    }
    char name[128];
    snprintf(name, sizeof name, "regions_%s_grid.dat", s->name);
    ch2_write_blocks(cx, name, "x1 x2 one_layer mlp (p = sigma(z) for two classes, else the class)",
                     table.data, table.rows, 4, GRID, 6);
    nn_matrix points = nn_matrix_new(s->data.X.rows, 3);
    for (int i = 0; i < points.rows; i++) {
        NN_AT(points, i, 0) = NN_AT(s->data.X, i, 0);
        NN_AT(points, i, 1) = NN_AT(s->data.X, i, 1);
        NN_AT(points, i, 2) = s->data.labels[i];
    }
    snprintf(name, sizeof name, "regions_%s_points.dat", s->name);
    ch2_write_blocks(cx, name, "x1 x2 class", points.data, points.rows, 3, 0, 17);
    free(values);
    nn_matrix_free(&points);
    nn_matrix_free(&table);
    nn_matrix_free(&G);
}

/* One panel: the grid as an image, then the points of each class. */
static void region_panel(FILE *fp, const region_set *s, int column, const char *title)
{
    if (s->classes == 2)
        fprintf(fp, "set cbrange [0:1]\n" CH2_TWO_CLASS_PALETTE);
    else
        fprintf(fp, "set cbrange [-0.5:2.5]\nset palette maxcolors 3\n"
                    "set palette defined (0 '#bcd7ee', 1 '#f6c9a6', 2 '#c4e6c1')\n");
    fprintf(fp, "set title '%s'\n", title);
    fprintf(fp, "plot 'regions_%s_grid.dat' using 1:2:%d with image notitle", s->name, column);
    for (int c = 0; c < s->classes; c++)
        fprintf(fp, ", \\\n     'regions_%s_points.dat' using 1:($3 == %d ? $2 : 1/0) "
                    "with points ls %d pt 7 ps 0.35 title 'class %d'", s->name, c, c + 1, c);
    fputc('\n', fp);
}

static void regions_figure(ch2_context *cx, const region_set *sets, int n_sets,
                           const char *mlp_name[])
{
    FILE *gp = ch2_gnuplot(cx, "regions", "", "x1", "x2", 1200, 680);
    fprintf(gp, "set multiplot layout 2,%d title 'Decision regions: one layer (top) and a "
                  "two-hidden-layer tanh MLP (bottom)'\n"
                  "unset colorbox\nset size ratio -1\nset key off\nset autoscale fix\n"
                  "set xtics 1\nset ytics 1\nset grid front\n", n_sets);
    char title[160];
    for (int i = 0; i < n_sets; i++) {
        snprintf(title, sizeof title, "%s, one layer", sets[i].title);
        region_panel(gp, &sets[i], 3, title);
    }
    for (int i = 0; i < n_sets; i++) {
        snprintf(title, sizeof title, "%s, %s", sets[i].title, mlp_name[i]);
        region_panel(gp, &sets[i], 4, title);
    }
    fprintf(gp, "unset multiplot\n");
}

static nn_network *two_d_network(int hidden_layers, int width, nn_activation_kind act,
                                 int outputs, nn_rng *rng)
{
    nn_layer_spec spec[3];
    for (int l = 0; l < hidden_layers; l++)
        spec[l] = (nn_layer_spec){ width, nn_activation_make(act), 0 };
    spec[hidden_layers] = (nn_layer_spec){ outputs, nn_activation_make(NN_IDENTITY), 0 };
    nn_network *net = nn_network_new(2, hidden_layers + 1, spec);
    nn_network_init(net, nn_init_make(NN_INIT_GLOROT_UNIFORM, 0, 0),
                    nn_init_make(NN_INIT_ZEROS, 0, 0), rng);
    return net;
}

#define REGION_STEPS 2000

void ch2_decision_regions(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 5. Decision regions: one layer against an MLP (Adam, full batch, %d steps)\n",
           REGION_STEPS);
    region_set sets[4] = {
        { "xor", "XOR", nn_data_xor(200, NN_R(0.2), &cx->rng), 2 },
        { "moons", "moons", nn_data_moons(200, NN_R(0.1), &cx->rng), 2 },
        { "circles", "circles", nn_data_circles(200, NN_R(0.08), NN_R(0.5), &cx->rng), 2 },
        { "spirals", "spirals", nn_data_spirals(300, 3, NN_R(0.05), &cx->rng), 3 },
    };
    const int width[4] = { 16, 16, 16, 32 };
    const char *mlp_name[4] = { "2-16-16-1", "2-16-16-1", "2-16-16-1", "2-32-32-3" };
    for (int i = 0; i < 4; i++) {
        region_set *s = &sets[i];
        int outputs = s->classes == 2 ? 1 : 3;
        nn_loss loss = nn_loss_make(outputs == 1 ? NN_LOSS_BCE_LOGITS : NN_LOSS_SOFTMAX_CE);
        nn_network *neuron = two_d_network(0, 0, NN_IDENTITY, outputs, &cx->rng);
        nn_network *mlp = two_d_network(2, width[i], NN_TANH, outputs, &cx->rng);
        char what[64];
        snprintf(what, sizeof what, "%s, one layer", s->name);
        nn_real L1 = ch2_train_full_batch(cx, neuron, &s->data, loss, REGION_STEPS, NN_R(0.01), what);
        snprintf(what, sizeof what, "%s, %s", s->name, mlp_name[i]);
        nn_real L2 = ch2_train_full_batch(cx, mlp, &s->data, loss, REGION_STEPS, NN_R(0.01), what);
        nn_real a1 = ch2_train_accuracy(neuron, &s->data), a2 = ch2_train_accuracy(mlp, &s->data);
        nn_say(c, "  %-8s %3d points   one layer: loss %.4f accuracy %.3f   %s: loss %.4f accuracy %.3f\n",
               s->name, s->data.X.rows, (double)L1, (double)a1, mlp_name[i], (double)L2, (double)a2);
        nn_result(cx->run, a1, "%s_one_layer_accuracy", s->name);
        nn_result(cx->run, a2, "%s_mlp_accuracy", s->name);
        nn_result(cx->run, L2, "%s_mlp_loss", s->name);
        write_region_files(cx, s, neuron, mlp);
        nn_network_free(neuron);
        nn_network_free(mlp);
    }
    /* Why the activation matters: the same 2-16-16-1 with identity activations is one
     * linear layer in disguise, and XOR defeats it exactly as it defeats one neuron. */
    nn_network *linear = two_d_network(2, 16, NN_IDENTITY, 1, &cx->rng);
    nn_real L_lin = ch2_train_full_batch(cx, linear, &sets[0].data, nn_loss_make(NN_LOSS_BCE_LOGITS),
                                         REGION_STEPS, NN_R(0.01), "xor, linear stack");
    nn_real a_lin = ch2_train_accuracy(linear, &sets[0].data);
    nn_say(c, "  xor with 2-16-16-1 identity activations (a linear stack): loss %.4f, accuracy %.3f\n",
           (double)L_lin, (double)a_lin);
    nn_result(cx->run, L_lin, "xor_linear_stack_loss");
    nn_result(cx->run, a_lin, "xor_linear_stack_accuracy");
    nn_network_free(linear);

    regions_figure(cx, sets, 4, mlp_name);
    for (int i = 0; i < 4; i++) nn_dataset_free(&sets[i].data);
}
