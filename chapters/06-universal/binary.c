/* Section 6.6: exact interpolation of binary data, the lecture's construction, its neuron
 * count, its diagram drawn from the network, and the one-hidden-layer network that does
 * the same on the cube. */
#include "universal.h"

#include <stdlib.h>
#include <string.h>

/* ---- The diagram: every non-zero weight of the struct, as an edge -------------------- */

static void unit_name(char *buf, size_t len, int layer, int j)
{
    if (layer == 0) snprintf(buf, len, "x_%d", j + 1);
    else snprintf(buf, len, "L%d_%d", layer, j + 1);
}

/* Inputs, then each layer's units top to bottom, each labelled with its bias; an edge per
 * non-zero weight: solid for +1, dashed for −1, labelled when it is anything else. Read
 * from net alone, so the diagram is the network that ran. */
static void dot_weights(const nn_network *net, FILE *fp, const char *title)
{
    nn_dot_open(fp, title, "rankdir=LR, nodesep=0.08, ranksep=1.6, ordering=out");
    fputs("  node [shape=circle, style=filled, width=0.42, fixedsize=true, fontsize=10];\n"
          "  edge [arrowsize=0.4, penwidth=0.8];\n", fp);
    char name[32], from[32], label[128];
    const char *order[257];
    char names[257][32];
    for (int l = 0; l <= net->n_layers; l++) {
        int width = l == 0 ? net->n_inputs : net->layers[l - 1].out;
        if (width > 256) width = 256;
        snprintf(names[0], sizeof names[0], "head_%d", l);
        order[0] = names[0];
        if (l == 0) snprintf(label, sizeof label, "input\n%d features", width);
        else if (l == net->n_layers) snprintf(label, sizeof label, "output\n%d × %s", width,
                                              nn_activation_name(net->layers[l - 1].act.kind));
        else snprintf(label, sizeof label, "layer %d\n%d × %s", l, width, nn_activation_name(net->layers[l - 1].act.kind));
        nn_dot_node(fp, names[0], label, "shape=plaintext, style=\"\", fixedsize=false, fontsize=11");
        for (int j = 0; j < width; j++) {
            char *unit = names[j + 1];
            unit_name(unit, sizeof names[j + 1], l, j);
            order[j + 1] = unit;
            if (l == 0) {
                snprintf(label, sizeof label, "<x<sub>%d</sub>>", j + 1);
                nn_dot_node(fp, unit, label, "fillcolor=\"#D6EAF8\"");
            } else {
                nn_real b = net->layers[l - 1].b.data[j];
                snprintf(label, sizeof label, b == 0 ? "0" : "%+g", (double)b);
                nn_dot_node(fp, unit, label, l == net->n_layers ? "fillcolor=\"#FAD7A0\"" : "fillcolor=\"#D5F5E3\"");
            }
        }
        nn_dot_same_rank(fp, order, width + 1);
    }
    for (int l = 1; l <= net->n_layers; l++) {
        const nn_dense *layer = &net->layers[l - 1];
        for (int j = 0; j < layer->out; j++)
            for (int k = 0; k < layer->in; k++) {
                nn_real w = NN_AT(layer->W, j, k);
                if (w == 0) continue;
                unit_name(from, sizeof from, l - 1, k);
                unit_name(name, sizeof name, l, j);
                snprintf(label, sizeof label, "%g", (double)w);
                nn_dot_edge(fp, from, name, fabs(w) == 1 ? NULL : label,
                            w == 1 ? "color=\"#333333\"" : w == -1 ? "color=\"#D55E00\", style=dashed"
                                                                   : "color=\"#0072B2\", fontcolor=\"#0072B2\"");
            }
    }
    nn_dot_close(fp);
}

/* ---- The data and the checks ---------------------------------------------------------- */

/* max_i |F(c_i) − y_i| over the rows of C. */
static nn_real data_error(nn_network *net, nn_matrix C, const nn_real *y)
{
    nn_matrix F = nn_network_forward(net, C, NULL);
    nn_real worst = 0;
    for (int i = 0; i < C.rows; i++)
        if (fabs(F.data[i] - y[i]) > worst) worst = fabs(F.data[i] - y[i]);
    return worst;
}

/* The corner of {−1, 1}^d whose coordinate k is the bit k of `code`. */
static void corner(int code, int d, nn_real *x)
{
    for (int k = 0; k < d; k++) x[k] = (code >> k) & 1 ? 1 : -1;
}

/* max |F| over the corners of the cube that are not data points. */
static nn_real other_corners(nn_network *net, const int *codes, int N, int d)
{
    int corners = 1 << d;
    char *is_data = calloc(corners, 1);
    for (int i = 0; i < N; i++) is_data[codes[i]] = 1;
    nn_matrix X = nn_matrix_new(corners - N, d);
    for (int c = 0, r = 0; c < corners; c++)
        if (!is_data[c]) corner(c, d, &NN_AT(X, r++, 0));
    nn_matrix F = nn_network_forward(net, X, NULL);
    nn_real worst = 0;
    for (int r = 0; r < X.rows; r++) if (fabs(F.data[r]) > worst) worst = fabs(F.data[r]);
    nn_matrix_free(&X);
    free(is_data);
    return worst;
}

/* max |deep − shallow| over n points: in the cube [−1, 1]^d, or outside it (one coordinate
 * pushed to ±(1 + u), u in (0, 1]). */
static nn_real networks_differ(nn_network *deep, nn_network *shallow, int d, int n, int outside, nn_rng *rng)
{
    nn_matrix X = nn_matrix_new(n, d);
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++) NN_AT(X, i, k) = nn_rng_uniform(rng, -1, 1);
        if (outside) {
            int k = (int)nn_rng_below(rng, (uint64_t)d);
            nn_real u = 1 - nn_rng_uniform(rng, 0, 1);
            NN_AT(X, i, k) = NN_AT(X, i, k) < 0 ? -1 - u : 1 + u;
        }
    }
    nn_real *a = malloc(n * sizeof *a), worst = 0;
    network_outputs(deep, X, a);
    nn_matrix F = nn_network_forward(shallow, X, NULL);
    for (int i = 0; i < n; i++) if (fabs(a[i] - F.data[i]) > worst) worst = fabs(a[i] - F.data[i]);
    free(a);
    nn_matrix_free(&X);
    return worst;
}

/* ---- The lecture's example, d = 2, N = 3 ------------------------------------------------ */

enum { MAP_SIDE = 61 };    /* the maps' grid over [−2, 2]²: 61 points a side, step 1/15 */

static void maps(chapter *ch, nn_network *deep, nn_network *shallow, nn_matrix C, const nn_real *y)
{
    nn_matrix X = nn_matrix_new(MAP_SIDE * MAP_SIDE, 2);
    for (int i = 0; i < MAP_SIDE; i++)
        for (int j = 0; j < MAP_SIDE; j++) {
            NN_AT(X, i * MAP_SIDE + j, 0) = -2 + 4 * (nn_real)i / (MAP_SIDE - 1);
            NN_AT(X, i * MAP_SIDE + j, 1) = -2 + 4 * (nn_real)j / (MAP_SIDE - 1);
        }
    nn_real *a = malloc(X.rows * sizeof *a), *b = malloc(X.rows * sizeof *b);
    network_outputs(deep, X, a);
    network_outputs(shallow, X, b);
    nn_table *t = nn_table_open(ch->run, "binary-map.dat", "x1 x2 deep shallow (blocks of constant x1)");
    nn_table_digits(t, 6);
    for (int r = 0; r < X.rows; r++) {
        nn_table_row(t, NN_AT(X, r, 0), NN_AT(X, r, 1), a[r], b[r]);
        if ((r + 1) % MAP_SIDE == 0 && r + 1 < X.rows) nn_table_block(t);
    }
    nn_table *p = nn_table_open(ch->run, "binary-points.dat", "x1 x2 y (the data)");
    for (int i = 0; i < C.rows; i++) nn_table_row(p, NN_AT(C, i, 0), NN_AT(C, i, 1), y[i]);
    free(a); free(b);
    nn_matrix_free(&X);

    FILE *gp = nn_figure(ch->run, "binary-map", NULL, NULL, NULL);
    fprintf(gp, "eval size(1200, 440)\n"
                "set multiplot layout 1,3 title 'Three corners of the square, labels ±1, interpolated exactly: "
                "the two networks agree on the square [−1, 1]², not outside it'\n"
                "set size ratio -1\nset xrange [-2:2]\nset yrange [-2:2]\nset xlabel 'x_1'\nset ylabel 'x_2'\n"
                "set palette defined (-3 '#08306B', -1 '#0072B2', 0 '#F7F7F7', 1 '#D55E00', 3 '#7F2704')\n"
                "set cbrange [-3:3]\nset cblabel 'network output'\nset key off\nunset grid\n"
                "set object 1 rect from -1,-1 to 1,1 fs empty border rgb '#000000' dt 2 lw 1.5 front\n"
                "points = \"'binary-points.dat' using 1:2:(sprintf('y = %%+g', $3)) with labels point pt 7 ps 1.2 "
                "lc rgb '#000000' offset 0,-1.1\"\n"
                "fourth = \"'+' using (1):(1):('no data') every ::0::0 with labels point pt 6 ps 1.2 lc rgb '#000000' offset 0,1.1\"\n"
                "set title 'deep: Σ_i y_i ReLU(1 − ‖x − c_i‖_1), %d neurons'\n"
                "plot 'binary-map.dat' using 1:2:3 with image, @points, @fourth\n"
                "set title 'one hidden layer: Σ_i y_i ReLU(c_i·x − 1), %d neurons'\n"
                "plot 'binary-map.dat' using 1:2:4 with image, @points, @fourth\n"
                "set title 'deep − one hidden layer'\nset cblabel 'difference of the outputs'\n"
                "plot 'binary-map.dat' using 1:2:($3 - $4) with image, @points, @fourth\n"
                "unset multiplot\n", network_neurons(deep), network_neurons(shallow));
}

static void lecture_example(chapter *ch, nn_rng *rng)
{
    /* Three corners of the square, labelled by y = x₁x₂ (XOR in ±1); the fourth, (1, 1), is
     * not data. */
    nn_real points[3][2] = { { -1, -1 }, { 1, -1 }, { -1, 1 } }, y[3] = { 1, -1, -1 };
    int codes[3] = { 0, 1, 2 };
    nn_matrix C = nn_matrix_view(&points[0][0], 3, 2);
    nn_network *deep = build_binary_deep(C, y), *shallow = build_binary_shallow(C, y);
    int N = 3, d = 2, neurons = network_neurons(deep);
    nn_real error = data_error(deep, C, y), fourth = other_corners(deep, codes, N, d);
    nn_real shallow_error = data_error(shallow, C, y);
    nn_real inside = networks_differ(deep, shallow, d, 1000, 0, rng);
    nn_real outside = networks_differ(deep, shallow, d, 1000, 1, rng);
    nn_result_int(ch->run, neurons, "binary.example.neurons");
    nn_result_int(ch->run, 2 * N * d + N + 1, "binary.example.formula_neurons");
    nn_result(ch->run, error, "binary.example.max_error");
    nn_result(ch->run, fourth, "binary.example.fourth_corner");
    nn_result_int(ch->run, network_neurons(shallow), "binary.example.shallow_neurons");
    nn_result(ch->run, shallow_error, "binary.example.shallow_max_error");
    nn_result(ch->run, inside, "binary.example.cube_difference");
    nn_result(ch->run, outside, "binary.example.outside_difference");
    nn_say(&ch->common, "  d = 2, N = 3 (the lecture's figure): %d neurons (2Nd + N + 1 = %d), error on the data %g, "
           "output %g at the fourth corner\n", neurons, 2 * N * d + N + 1, (double)error, (double)fourth);
    nn_say(&ch->common, "  one hidden layer of N = 3 ReLUs: error on the data %g; differs from the deep one by at most "
           "%.1e in the square, by up to %.3f outside it\n", (double)shallow_error, (double)inside, (double)outside);
    dot_weights(deep, nn_run_file(ch->run, "binary.dot"),
                "F(x) = Σ y_i ReLU(1 − ‖x − c_i‖₁) for 3 points of {−1, 1}², drawn from the network: "
                "each node shows its bias, solid edges weigh +1, dashed −1");
    maps(ch, deep, shallow, C, y);
    nn_network_free(deep);
    nn_network_free(shallow);
}

/* ---- A larger set: N random distinct corners of {−1, 1}^d, random labels --------------- */

enum { RANDOM_D = 6, RANDOM_N = 40 };

static void random_corners(chapter *ch, nn_rng *rng)
{
    int d = RANDOM_D, N = RANDOM_N, corners = 1 << d;
    int *codes = malloc(corners * sizeof *codes);
    for (int c = 0; c < corners; c++) codes[c] = c;
    nn_rng_shuffle(rng, codes, (size_t)corners);        /* the first N: distinct corners */
    nn_matrix C = nn_matrix_new(N, d);
    nn_real y[RANDOM_N];
    for (int i = 0; i < N; i++) {
        corner(codes[i], d, &NN_AT(C, i, 0));
        y[i] = nn_rng_below(rng, 2) ? 1 : -1;
    }
    nn_network *deep = build_binary_deep(C, y), *shallow = build_binary_shallow(C, y);
    int neurons = network_neurons(deep);
    nn_real error = data_error(deep, C, y), others = other_corners(deep, codes, N, d);
    nn_real shallow_error = data_error(shallow, C, y), inside = networks_differ(deep, shallow, d, 1000, 0, rng);
    nn_result_int(ch->run, d, "binary.random.d");
    nn_result_int(ch->run, N, "binary.random.points");
    nn_result_int(ch->run, neurons, "binary.random.neurons");
    nn_result(ch->run, error, "binary.random.max_error");
    nn_result(ch->run, others, "binary.random.other_corners");
    nn_result(ch->run, shallow_error, "binary.random.shallow_max_error");
    nn_result(ch->run, inside, "binary.random.cube_difference");
    nn_say(&ch->common, "  d = %d, N = %d random corners: %d neurons (2Nd + N + 1 = %d), error on the data %g, "
           "largest output at the %d other corners %g; one hidden layer: error %g\n", d, N, neurons,
           2 * N * d + N + 1, (double)error, corners - N, (double)others, (double)shallow_error);
    free(codes);
    nn_matrix_free(&C);
    nn_network_free(deep);
    nn_network_free(shallow);
}

void part_binary(chapter *ch)
{
    nn_say(&ch->common, "\n== 6. Exact interpolation of binary data\n");
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed);
    lecture_example(ch, &rng);
    random_corners(ch, &rng);
}
