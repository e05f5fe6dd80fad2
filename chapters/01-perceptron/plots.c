/* The figures of chapter 1. The data files hold every number drawn; the gnuplot scripts
 * hold only layout and labels (they load ../style.gp through nn_gnuplot_open). */
#include <string.h>
#include "plots.h"

plot_box plot_box_around(nn_matrix X, nn_real pad)
{
    plot_box b = { NN_AT(X, 0, 0), NN_AT(X, 0, 0), NN_AT(X, 0, 1), NN_AT(X, 0, 1) };
    for (int i = 1; i < X.rows; i++) {
        nn_real x = NN_AT(X, i, 0), y = NN_AT(X, i, 1);
        if (x < b.x0) b.x0 = x;
        if (x > b.x1) b.x1 = x;
        if (y < b.y0) b.y0 = y;
        if (y > b.y1) b.y1 = y;
    }
    nn_real dx = pad * (b.x1 - b.x0), dy = pad * (b.y1 - b.y0);
    b.x0 -= dx; b.x1 += dx; b.y0 -= dy; b.y1 += dy;
    return b;
}

/* Where w1 x + w2 y + b = 0 crosses the box's edges: the two crossings farthest apart.
 * Returns 0 when the line misses the box. */
static int clip_line(nn_real w1, nn_real w2, nn_real b, plot_box box, nn_real end[4])
{
    nn_real px[4], py[4];
    int n = 0;
    if (w2 != 0) {
        nn_real xs[2] = { box.x0, box.x1 };
        for (int k = 0; k < 2; k++) {
            nn_real y = -(b + w1 * xs[k]) / w2;
            if (y >= box.y0 && y <= box.y1) { px[n] = xs[k]; py[n] = y; n++; }
        }
    }
    if (w1 != 0) {
        nn_real ys[2] = { box.y0, box.y1 };
        for (int k = 0; k < 2; k++) {
            nn_real x = -(b + w2 * ys[k]) / w1;
            if (x >= box.x0 && x <= box.x1) { px[n] = x; py[n] = ys[k]; n++; }
        }
    }
    nn_real best = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            nn_real d = (px[i] - px[j]) * (px[i] - px[j]) + (py[i] - py[j]) * (py[i] - py[j]);
            if (d > best) { best = d; end[0] = px[i]; end[1] = py[i]; end[2] = px[j]; end[3] = py[j]; }
        }
    return best > 0;
}

void write_lines(nn_run *run, const char *name, nn_matrix history, int first, int last, plot_box box)
{
    nn_table *t = nn_table_open(run, name, "x1 x2 epoch (the line w1 x1 + w2 x2 + b = 0 after each epoch, clipped to the plot)");
    for (int e = first; e <= last; e++) {
        nn_real end[4] = { 0 };
        if (!clip_line(NN_AT(history, e, 0), NN_AT(history, e, 1), NN_AT(history, e, 2), box, end)) continue;
        nn_table_row(t, end[0], end[1], e);
        nn_table_row(t, end[2], end[3], e);
        nn_table_block(t);
        nn_table_block(t);
    }
}

void write_points(nn_run *run, const char *name, nn_matrix X, nn_matrix Y)
{
    nn_table *t = nn_table_open(run, name, "x1 x2 label");
    for (int i = 0; i < X.rows; i++) nn_table_row(t, NN_AT(X, i, 0), NN_AT(X, i, 1), NN_AT(Y, i, 0));
}

void write_errors(nn_run *run, const char *name, const int *errors, int epochs, int examples)
{
    nn_table *t = nn_table_open(run, name, "epoch mistakes fraction_of_examples");
    for (int e = 0; e < epochs; e++) nn_table_row(t, e + 1, errors[e], (nn_real)errors[e] / examples);
}

static void one_panel(nn_run *run, const char *name, const char *title, const char *ylabel,
                      const char *data, const char *const *names, int count)
{
    FILE *gp = nn_figure(run, name, title, "pre-activation z", ylabel);
    fprintf(gp, "set key top left\nplot ");
    for (int k = 0; k < count; k++)
        fprintf(gp, "%s'%s' using 1:%d with lines ls %d title '%s' noenhanced", k ? ", \\\n     " : "",
                data, k + 2, k + 1, names[k]);
    fprintf(gp, "\n");
}

void plot_activations(nn_run *run, const char *const *names, int count)
{
    one_panel(run, "activations", "Activations a = f(z)", "a = f(z)", "activations.dat", names, count);
    one_panel(run, "derivatives", "Their derivatives f'(z) (the step's is 0 wherever it exists)",
              "f'(z)", "derivatives.dat", names, count);
}

/* The points of a two-class data file, one style per class. */
static void plot_classes(FILE *fp, const char *data)
{
    fprintf(fp, "     '%s' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 title 'class y = 0', \\\n"
                "     '%s' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 5 title 'class y = 1'\n",
            data, data);
}

void plot_boundary(nn_run *run)
{
    FILE *gp = nn_figure(run, "boundary", "Separable blobs: the line w·x + b = 0 after each update", "x_1", "x_2");
    fprintf(gp, "set size ratio -1\nset lmargin 0\nset rmargin 0\nset key below horizontal maxcols 2 width -6\nset cblabel 'update k'\n"
                "set palette defined (0 '#d9d9d9', 1 '#0072b2')\n"
                "plot 'boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'after update k (0: the random start)', \\\n"
                "     'boundary-final.dat' using 1:2 with lines ls 3 lw 3 title 'final line (an epoch without mistakes)', \\\n"
                "     'culprits.dat' using 1:2 with points ls 7 pt 6 ps 2 title 'example that caused update k', \\\n"
                "     'culprits.dat' using 1:2:3 with labels offset 1.2,0.8 notitle, \\\n"
                "     'truth.dat' using 1:2 with lines ls 7 dt 2 lw 2 title 'line the blobs were drawn around', \\\n");
    plot_classes(gp, "blobs.dat");
}

void plot_errors(nn_run *run)
{
    FILE *gp = nn_figure(run, "errors", "Mistakes per epoch: separable data stop, XOR never does",
                         "epoch", "mistakes in the epoch / number of examples");
    fprintf(gp, "set key center right\nset yrange [0:1.05]\n"
                "plot 'errors-blobs.dat' using 1:3 with linespoints ls 1 pt 7 title 'separable blobs', \\\n"
                "     'errors-xor.dat' using 1:3 with lines ls 2 title 'XOR, noisy clusters', \\\n"
                "     'errors-xor-corners.dat' using 1:3 with lines ls 3 title 'XOR, the four corners'\n");
}

void plot_novikoff(nn_run *run)
{
    FILE *gp = nn_figure(run, "novikoff", "Updates until convergence against Novikoff's bound (R/γ)²",
                         "bound on the number of updates", "updates made");
    fprintf(gp, "set logscale xy\nset key top left\n"
                "plot 'novikoff.dat' using 5:6 with points ls 1 pt 7 title 'from w = 0, bound (R/γ)²', \\\n"
                "     'novikoff.dat' using 7:8 with points ls 2 pt 5 title 'from the random start, its bound', \\\n"
                "     x with lines ls 7 dt 2 title 'updates = bound'\n");
}

void plot_xor(nn_run *run)
{
    FILE *gp = nn_figure(run, "xor-boundary", "XOR: the line keeps moving (the last epochs of training)", "x_1", "x_2");
    fprintf(gp, "set size ratio -1\nset lmargin 0\nset rmargin 0\nset key below horizontal maxcols 2 width -6\nset cblabel 'epoch'\n"
                "set palette defined (0 '#d9d9d9', 1 '#d55e00')\n"
                "plot 'xor-boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'after epoch e (colour)', \\\n");
    plot_classes(gp, "xor.dat");
}

/* Node names are stable: x_1 .. x_d, one, sum, act, out. */
void dot_neuron(nn_run *run, const nn_real *w, int d, nn_real b, const char *activation)
{
    FILE *fp = nn_run_file(run, "neuron.dot");
    fprintf(fp, "digraph neuron {\n  rankdir=LR;\n  labelloc=t;\n"
                "  label=\"One neuron: a = f(z), z = w·x + b (weights learned on the blobs)\";\n"
                "  fontname=\"Helvetica\"; node [fontname=\"Helvetica\"]; edge [fontname=\"Helvetica\"];\n");
    for (int j = 0; j < d; j++)
        fprintf(fp, "  x_%d [label=\"x%d\", shape=circle];\n", j + 1, j + 1);
    fprintf(fp, "  one [label=\"1\", shape=circle, style=dashed];\n"
                "  sum [label=\"Σ\\nz = w·x + b\", shape=circle];\n"
                "  act [label=\"%s(z)\", shape=box];\n"
                "  out [label=\"a = ŷ\", shape=plaintext];\n", activation);
    for (int j = 0; j < d; j++)
        fprintf(fp, "  x_%d -> sum [label=\"w%d = %.3g\"];\n", j + 1, j + 1, (double)w[j]);
    fprintf(fp, "  one -> sum [label=\"b = %.3g\", style=dashed];\n"
                "  sum -> act [label=\"z\"];\n  act -> out;\n}\n", (double)b);
}
