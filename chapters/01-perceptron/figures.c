/* What chapter 1 writes. The data files hold every number drawn; the gnuplot scripts hold
 * only layout and labels (nn_figure starts each on the shared style, figures/style.gp). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"

/* ---- Lines and points as data -------------------------------------------------------- */

/* The box a figure shows: the data's bounding box, widened by a fraction on each side. */
typedef struct { nn_real x0, x1, y0, y1; } plot_box;

static plot_box box_around(nn_matrix X, nn_real pad)
{
    plot_box b = { NN_AT(X, 0, 0), NN_AT(X, 0, 0), NN_AT(X, 0, 1), NN_AT(X, 0, 1) };
    for (int i = 1; i < X.rows; i++) {
        b.x0 = fmin(b.x0, NN_AT(X, i, 0));
        b.x1 = fmax(b.x1, NN_AT(X, i, 0));
        b.y0 = fmin(b.y0, NN_AT(X, i, 1));
        b.y1 = fmax(b.y1, NN_AT(X, i, 1));
    }
    nn_real dx = pad * (b.x1 - b.x0), dy = pad * (b.y1 - b.y0);
    return (plot_box){ b.x0 - dx, b.x1 + dx, b.y0 - dy, b.y1 + dy };
}

/* Where w1 x + w2 y + b = 0 crosses the box's edges: the two crossings farthest apart,
 * the one with the larger x first. Returns 0 when the line misses the box. */
static int clip_line(line l, plot_box box, nn_real end[4])
{
    nn_real px[4], py[4];
    int n = 0;
    for (int k = 0; k < 2 && l.w[1] != 0; k++) {
        nn_real x = k ? box.x1 : box.x0, y = -(l.b + l.w[0] * x) / l.w[1];
        if (y >= box.y0 && y <= box.y1) { px[n] = x; py[n] = y; n++; }
    }
    for (int k = 0; k < 2 && l.w[0] != 0; k++) {
        nn_real y = k ? box.y1 : box.y0, x = -(l.b + l.w[1] * y) / l.w[0];
        if (x >= box.x0 && x <= box.x1) { px[n] = x; py[n] = y; n++; }
    }
    nn_real best = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            nn_real d = (px[i] - px[j]) * (px[i] - px[j]) + (py[i] - py[j]) * (py[i] - py[j]);
            if (d <= best) continue;
            int a = px[i] >= px[j] ? i : j, c = a == i ? j : i;
            best = d;
            end[0] = px[a]; end[1] = py[a]; end[2] = px[c]; end[3] = py[c];
        }
    return best > 0;
}

/* Lines clipped to the box, one block of two rows "x1 x2 k" per line (k = its number). */
static void write_lines(nn_run *run, const char *name, const line *lines, const int *k, int count,
                        plot_box box)
{
    nn_table *t = nn_table_open(run, name, "x1 x2 k (the line w1 x1 + w2 x2 + b = 0, clipped to the plot)");
    for (int i = 0; i < count; i++) {
        nn_real end[4];
        if (!clip_line(lines[i], box, end)) continue;
        nn_table_row(t, end[0], end[1], k[i]);
        nn_table_row(t, end[2], end[3], k[i]);
        nn_table_block(t);
        nn_table_block(t);
    }
}

static void write_points(nn_run *run, const char *name, nn_dataset d)
{
    nn_table *t = nn_table_open(run, name, "x1 x2 label");
    for (int i = 0; i < d.X.rows; i++) nn_table_row(t, NN_AT(d.X, i, 0), NN_AT(d.X, i, 1), NN_AT(d.Y, i, 0));
}

/* errors[0..epochs-1] as "epoch mistakes fraction", epochs counted from 1. */
static void write_errors(nn_run *run, const char *name, const int *errors, int epochs, int examples)
{
    nn_table *t = nn_table_open(run, name, "epoch mistakes fraction_of_examples");
    for (int e = 0; e < epochs; e++) nn_table_row(t, e + 1, errors[e], (nn_real)errors[e] / examples);
}

/* The points of a two-class data file, one style per class (blue circles for y = 0,
 * vermillion squares for y = 1), ending the plot command unless more follows. */
static void plot_classes(FILE *gp, const char *data, int more)
{
    fprintf(gp, "     '%s' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.8 title 'class y = 0', \\\n"
                "     '%s' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 5 ps 0.7 title 'class y = 1'%s\n",
            data, data, more ? ", \\" : "");
}

/* ---- 1. Activations ------------------------------------------------------------------- */

void figure_activations(nn_run *run, nn_matrix values, nn_matrix slopes,
                        const char *const *names, const char *const *titles, int count)
{
    char columns[256] = "z";
    for (int k = 0; k < count; k++) snprintf(columns + strlen(columns), sizeof columns - strlen(columns), " %s", names[k]);
    nn_run_table(run, "activations.dat", columns, values, 0);
    nn_run_table(run, "derivatives.dat", columns, slopes, 0);
    /* Small multiples: one panel per activation, f and f′ on the same axes, so that no
     * curve hides another and each derivative sits under its function. */
    FILE *gp = nn_figure(run, "activations", "Activations f(z) and their derivatives f′(z)", "z", NULL);
    fprintf(gp, "eval size(1100, 560)\n"
                "set multiplot layout 2,%d title 'Each activation f (solid) with its derivative f′ (dashed), z from −4 to 4'\n"
                "set xtics 2\nset key left center samplen 1.5\nset offsets 0, 0, graph 0.06, graph 0.06\n", (count + 1) / 2);
    for (int k = 0; k < count; k++)   /* the key once, in the step's empty left half */
        fprintf(gp, "%sset title '%s'\n"
                    "plot 'activations.dat' using 1:%d with lines ls 1 title 'f(z)', \\\n"
                    "     'derivatives.dat' using 1:%d with lines ls 2 dt (6,3) title \"f′(z)\"\n",
                k == 1 ? "unset key\n" : "", titles[k], k + 2, k + 2);
    fprintf(gp, "unset multiplot\n");
}

/* ---- 2. Rosenblatt on the blobs -------------------------------------------------------- */

/* The same run as perceptron_train, taken one example at a time (one step of the online
 * algorithm is an epoch over a one-example set) so that the line can be recorded after
 * every update. lines[k] is the line after update k (lines[0]: the start); culprits row
 * k−1 is (x1, x2, k) for the example that caused update k. Returns the number of updates. */
static int replay_updates(line start, nn_real lr, nn_dataset data, int epochs, line *lines, nn_matrix culprits)
{
    perceptron p = perceptron_new(2, lr);
    NN_AT(p.W, 0, 0) = start.w[0]; NN_AT(p.W, 0, 1) = start.w[1]; p.b = start.b;
    int k = 0;
    lines[0] = start;
    for (int e = 1; e <= epochs; e++)
        for (int i = 0; i < data.X.rows; i++) {
            if (!perceptron_epoch(&p, nn_matrix_row_range(data.X, i, 1), nn_matrix_row_range(data.Y, i, 1))) continue;
            k++;
            assert(k < culprits.rows + 1);
            lines[k] = (line){ { NN_AT(p.W, 0, 0), NN_AT(p.W, 0, 1) }, p.b };
            NN_AT(culprits, k - 1, 0) = NN_AT(data.X, i, 0);
            NN_AT(culprits, k - 1, 1) = NN_AT(data.X, i, 1);
            NN_AT(culprits, k - 1, 2) = k;
        }
    perceptron_free(&p);
    return k;
}

static void figure_boundary(nn_run *run, const separable_run *s)
{
    plot_box box = box_around(s->blobs.X, NN_R(0.05));
    int updates = (int)s->updates;
    line *lines = malloc(sizeof(line) * (size_t)(updates + 1));
    int *k = malloc(sizeof(int) * (size_t)(updates + 1));
    nn_matrix culprits = nn_matrix_new(updates, 3);
    int replayed = replay_updates(s->start, s->lr, s->blobs, s->epochs, lines, culprits);
    assert(replayed == updates && lines[updates].b == s->final.b && lines[updates].w[0] == s->final.w[0]);
    for (int i = 0; i <= updates; i++) k[i] = i;
    write_points(run, "blobs.dat", s->blobs);
    write_lines(run, "boundary.dat", lines, k, updates + 1, box);
    write_lines(run, "truth.dat", &s->truth, k, 1, box);
    nn_run_table(run, "culprits.dat", "x1 x2 update", culprits, 0);
    /* Line k in a shade from light grey (the start) to black (the final line), its number
     * at its right end; the example behind update k circled and numbered in a white box
     * drawn last, so that no circle covers a number. */
    FILE *gp = nn_figure(run, "boundary", "Separable blobs: the line w·x + b = 0 after each update k", "x_1", "x_2");
    fprintf(gp, "eval size(860, 560)\n"
                "set size ratio -1\nset key outside right top Left reverse width -2 spacing 1.3\n"
                "set cblabel 'update k'\nset cbtics 1\nset colorbox user origin 0.66,0.1 size 0.02,0.35\n"
                "set palette defined (0 '#c8c8c8', 1 '#000000')\nset palette maxcolors %d\nset cbrange [-0.5:%d.5]\n"
                "set style textbox opaque noborder\n"
                "plot 'boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'line after update k (0: the start)', \\\n"
                "     'boundary.dat' every ::0::0 using 1:2:(sprintf('%%d', $3)) with labels left offset 0.4,0 font ',10' notitle, \\\n"
                "     'truth.dat' using 1:2 with lines ls 3 dt (8,4) lw 2 title 'line the blobs were drawn around', \\\n"
                "     'culprits.dat' using 1:2 with points pt 6 ps 2.4 lw 1.5 lc rgb '#000000' title 'example that caused update k', \\\n",
            updates + 1, updates);
    plot_classes(gp, "blobs.dat", 1);
    fprintf(gp, "     'culprits.dat' using 1:2:(sprintf('%%d', $3)) with labels boxed offset 1.6,1.1 font ',11' notitle\n");
    free(lines);
    free(k);
    nn_matrix_free(&culprits);
}

void report_separable(nn_run *run, const separable_run *s)
{
    nn_result_int(run, s->blobs.X.rows, "blobs.points");
    nn_result(run, s->margin, "blobs.margin_requested");
    nn_result(run, s->truth.w[0], "blobs.truth_w1");
    nn_result(run, s->truth.w[1], "blobs.truth_w2");
    nn_result(run, s->truth.b, "blobs.truth_b");
    nn_result(run, s->radius, "blobs.R_augmented");
    nn_result(run, s->gamma, "blobs.gamma_augmented");
    /* The same data in the plane: R = max ‖x‖ and γ = min t (w*·x + b*), w* a unit vector. */
    nn_result(run, sqrt(s->radius * s->radius - 1), "blobs.R_plane");
    nn_result(run, s->gamma * sqrt(1 + s->truth.b * s->truth.b), "blobs.gamma_plane");
    nn_result(run, s->lr, "blobs.lr");
    nn_result(run, s->start.w[0], "blobs.init_w1");
    nn_result(run, s->start.w[1], "blobs.init_w2");
    nn_result(run, s->start.b, "blobs.init_b");
    nn_result_int(run, s->epochs, "blobs.epochs");
    nn_result_int(run, s->updates, "blobs.updates");
    nn_result_int(run, s->errors[0], "blobs.first_epoch_mistakes");
    nn_result(run, s->bound_from_zero, "blobs.bound_from_zero");
    nn_result(run, s->bound_from_start, "blobs.bound_from_init");
    nn_result(run, s->final.w[0], "blobs.final_w1");
    nn_result(run, s->final.w[1], "blobs.final_w2");
    nn_result(run, s->final.b, "blobs.final_b");
    nn_result_int(run, s->misclassified, "blobs.final_misclassified");
    write_errors(run, "errors-blobs.dat", s->errors, s->epochs, s->blobs.X.rows);
    figure_boundary(run, s);
}

/* ---- 3. Novikoff's bound --------------------------------------------------------------- */

void report_novikoff(nn_run *run, nn_matrix rows)
{
    static const char *names[NOVIKOFF_COLUMNS] = { "margin", "run", "R_augmented", "gamma_augmented", "bound",
                                                   "updates", "bound_from_init", "updates_from_init" };
    nn_real worst = 0, worst_from_start = 0;
    for (int r = 0; r < rows.rows; r++) {
        for (int c = 2; c < NOVIKOFF_COLUMNS; c++)
            nn_result(run, NN_AT(rows, r, c), "novikoff.margin%.2f.run%d.%s", (double)NN_AT(rows, r, 0),
                      (int)NN_AT(rows, r, 1), names[c]);
        worst = fmax(worst, NN_AT(rows, r, 5) / NN_AT(rows, r, 4));
        worst_from_start = fmax(worst_from_start, NN_AT(rows, r, 7) / NN_AT(rows, r, 6));
    }
    nn_result_int(run, rows.rows, "novikoff.runs");
    nn_result(run, worst, "novikoff.worst_ratio");
    nn_result(run, worst_from_start, "novikoff.worst_ratio_from_init");
    nn_run_table(run, "novikoff.dat",
                 "margin run R_aug gamma_aug bound updates bound_from_init updates_from_init", rows, 0);
    FILE *gp = nn_figure(run, "novikoff", "Updates until convergence against Novikoff's bound (R̃/γ̃)²",
                         "bound on the number of updates", "updates made");
    fprintf(gp, "set logscale xy\nset key top left Left reverse\nset offsets 0, 0, graph 0.3, 0\n"
                "plot 'novikoff.dat' using 5:6 with points ls 1 pt 7 title 'from w̃ = 0, against (R̃/γ̃)²', \\\n"
                "     'novikoff.dat' using 7:8 with points ls 2 pt 5 title 'from the random start w̃₀, against its bound', \\\n"
                "     x with lines ls 7 dt 2 title 'updates = bound'\n");
}

/* ---- 4. XOR ------------------------------------------------------------------------------ */

static void figure_errors(nn_run *run)
{
    /* Two panels: the blobs stop after a couple of epochs, XOR runs for all of them; on one
     * axis the blobs would be two points against the y-axis. */
    FILE *gp = nn_figure(run, "errors", "Mistakes per epoch: separable data stop, XOR never does",
                         "epoch", "mistakes in the epoch / number of examples");
    fprintf(gp, "eval size(1000, 420)\n"
                "set multiplot layout 1,2 title 'Mistakes per epoch, as a fraction of the examples: separable data stop, XOR never does'\n"
                "set yrange [0:1.05]\nset key top right\n"
                "set title 'separable blobs: the run stops at the first epoch without a mistake'\n"
                "set xrange [0.5:*]\nset xtics 1\nset offsets 0, 0.5, 0, 0\n"
                "plot 'errors-blobs.dat' using 1:3 with linespoints ls 1 pt 7 ps 1.2 title 'separable blobs'\n"
                "set title 'XOR: no epoch is ever free of mistakes'\n"
                "set xrange [0:*]\nset xtics autofreq\nset offsets 0, 0, 0, 0\nset key bottom right opaque\n"
                "plot 'errors-xor.dat' using 1:3 with lines ls 2 title 'XOR, noisy clusters', \\\n"
                "     'errors-xor-corners.dat' using 1:3 with lines ls 3 title 'XOR, the four corners'\n"
                "unset multiplot\n");
}

static void figure_xor(nn_run *run, const xor_run *x)
{
    int first = x->epochs > 10 ? x->epochs - 10 : 0, count = x->epochs - first + 1;
    line *lines = malloc(sizeof(line) * (size_t)count);
    int *k = malloc(sizeof(int) * (size_t)count);
    for (int i = 0; i < count; i++) {
        const nn_real *w = &NN_AT(x->history, first + i, 0);
        lines[i] = (line){ { w[0], w[1] }, w[2] };
        k[i] = first + i;
    }
    write_points(run, "xor.dat", x->noisy);
    write_lines(run, "xor-boundary.dat", lines, k, count, box_around(x->noisy.X, NN_R(0.05)));
    /* Lines in grey to black: neither class's colour. */
    FILE *gp = nn_figure(run, "xor-boundary", "XOR: the line keeps moving (the last epochs of training)", "x_1", "x_2");
    fprintf(gp, "eval size(860, 560)\n"
                "set size ratio -1\nset key outside right top Left reverse width -2 spacing 1.3\nset cblabel 'epoch e'\n"
                "set colorbox user origin 0.66,0.1 size 0.02,0.35\n"
                "set palette defined (0 '#c8c8c8', 1 '#000000')\n"
                "plot 'xor-boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'line after epoch e (shade)', \\\n");
    plot_classes(gp, "xor.dat", 0);
    free(lines);
    free(k);
}

void report_xor(nn_run *run, const xor_run *x)
{
    write_errors(run, "errors-xor.dat", x->errors, x->epochs, x->noisy.X.rows);
    write_errors(run, "errors-xor-corners.dat", x->corner_errors, x->epochs, 4);
    figure_errors(run);
    figure_xor(run, x);
    nn_result_int(run, x->noisy.X.rows, "xor.points");
    nn_result(run, x->noise, "xor.noise");
    nn_result_int(run, x->epochs, "xor.epochs");
    nn_result_int(run, x->fewest, "xor.fewest_mistakes_in_an_epoch");
    nn_result_int(run, x->most, "xor.most_mistakes_in_an_epoch");
    nn_result_int(run, x->best_line, "xor.best_end_of_epoch_misclassified");
    nn_result_int(run, x->corners_fewest, "xor.corners.fewest_mistakes_in_an_epoch");
    nn_result_int(run, x->corners_last, "xor.corners.last_epoch_mistakes");
}

/* ---- 5. One neuron ------------------------------------------------------------------------ */

/* Node names are stable: x_1, x_2, one, sum, act, out. */
void diagram_neuron(nn_run *run, line learned, const char *activation)
{
    FILE *fp = nn_run_file(run, "neuron.dot");
    char label[64], name[16];
    nn_dot_open(fp, "One neuron: a = f(z), z = w·x + b (weights learned on the blobs)", "rankdir=LR");
    for (int j = 0; j < 2; j++) {
        snprintf(name, sizeof name, "x_%d", j + 1);
        snprintf(label, sizeof label, "<x<sub>%d</sub>>", j + 1);
        nn_dot_node(fp, name, label, "shape=circle");
    }
    nn_dot_node(fp, "one", "1", "shape=circle, style=dashed");
    nn_dot_node(fp, "sum", "Σ\nz = w·x + b", "shape=circle");
    snprintf(label, sizeof label, "%s(z)", activation);
    nn_dot_node(fp, "act", label, "shape=box");
    nn_dot_node(fp, "out", "a = ŷ", "shape=plaintext");
    for (int j = 0; j < 2; j++) {
        snprintf(name, sizeof name, "x_%d", j + 1);
        snprintf(label, sizeof label, "<w<sub>%d</sub> = %.3f>", j + 1, (double)learned.w[j]);
        nn_dot_edge(fp, name, "sum", label, NULL);
    }
    snprintf(label, sizeof label, "b = %.3f", (double)learned.b);
    nn_dot_edge(fp, "one", "sum", label, "style=dashed");
    nn_dot_edge(fp, "sum", "act", "z", NULL);
    nn_dot_edge(fp, "act", "out", NULL, NULL);
    nn_dot_close(fp);
}
