/* Chapter 2's figures: the data tables they draw and the gnuplot scripts that draw them
 * (nn_figure starts each on the shared style, figures/style.gp). Every number drawn is
 * in a .dat file; the scripts hold layout and labels. */
#include "mlp.h"

#include <stdio.h>
#include <stdlib.h>

/* A matrix as a table of `digits` significant digits, a blank line after every `block`
 * rows (the rows of a grid, for gnuplot's `with image`; 0: one block). */
static void write_table(nn_run *run, const char *name, const char *columns, nn_matrix m,
                        int block, int digits)
{
    nn_table *t = nn_table_open(run, name, columns);
    nn_table_digits(t, digits);
    double row[16];
    for (int i = 0; i < m.rows; i++) {
        for (int j = 0; j < m.cols; j++) row[j] = (double)NN_AT(m, i, j);
        nn_table_add(t, row, m.cols);
        if (block > 0 && (i + 1) % block == 0 && i + 1 < m.rows) nn_table_block(t);
    }
}

/* ---- 2.2 The composition, stage by stage ---------------------------------------------- */

enum { CURVE_POINTS = 201 };

void figure_composition(nn_run *run, nn_network *net)
{
    nn_matrix X = nn_matrix_new(CURVE_POINTS, 1);
    for (int i = 0; i < CURVE_POINTS; i++) X.data[i] = NN_R(-6.0) + NN_R(12.0) * i / (CURVE_POINTS - 1);
    nn_network_forward(net, X, NULL);
    nn_matrix table = nn_matrix_new(CURVE_POINTS, 1 + 5 + 3 + 1);
    for (int i = 0; i < CURVE_POINTS; i++) {
        NN_AT(table, i, 0) = X.data[i];
        for (int j = 0; j < 5; j++) NN_AT(table, i, 1 + j) = NN_AT(net->A[0], i, j);
        for (int k = 0; k < 3; k++) NN_AT(table, i, 6 + k) = NN_AT(net->A[1], i, k);
        NN_AT(table, i, 9) = NN_AT(net->A[2], i, 0);
    }
    write_table(run, "composition.dat", "x h1_1 h1_2 h1_3 h1_4 h1_5 h2_1 h2_2 h2_3 y", table, 0, 10);
    FILE *gp = nn_figure(run, "composition", "The 1-5-3-1 sigmoid network, one stage at a time", "input x", NULL);
    fprintf(gp, "eval size(1100, 440)\n"
                "set multiplot layout 1,3 title 'The 1-5-3-1 sigmoid network with random weights, one stage at a time'\n"
                "set key outside right top\n"
                "set title 'h1 = σ(W1 x + b1): 5 units'\nset ylabel 'activation'\n"
                "plot for [j=2:6] 'composition.dat' using 1:j with lines ls (j-1) title sprintf('h1_%%d', j-1)\n"
                "set title 'h2 = σ(W2 h1 + b2): 3 units'\n"
                "plot for [k=7:9] 'composition.dat' using 1:k with lines ls (k-6) title sprintf('h2_%%d', k-6)\n"
                "set title 'y = W3 h2 + b3'\nset ylabel 'output y'\n"
                "plot 'composition.dat' using 1:10 with lines ls 1 title 'y(x)'\n"
                "unset multiplot\n");
    nn_matrix_free(&table);
    nn_matrix_free(&X);
}

/* ---- 2.5 Decision regions -------------------------------------------------------------- */

#define REGION_STEP NN_R(0.04)   /* grid spacing of a region image: exact in 4 digits */
#define REGION_PAD NN_R(0.5)     /* how far the image extends beyond the data */

/* What the image shows at each grid point: p = σ(z) for one output, the predicted class
 * for several. */
static void grid_values(nn_network *net, nn_matrix G, nn_matrix out, int column)
{
    nn_matrix Z = nn_network_forward(net, G, NULL);
    for (int i = 0; i < G.rows; i++) {
        int best = 0;
        for (int j = 1; j < Z.cols; j++)
            if (NN_AT(Z, i, j) > NN_AT(Z, i, best)) best = j;
        NN_AT(out, i, column) = Z.cols == 1 ? nn_sigmoid(Z.data[i]) : best;
    }
}

/* The data's box widened by REGION_PAD and rounded out to the grid, then one row
 * (x1, x2, one layer, MLP) per grid point, x1 fastest, a block per row of the grid. */
static void write_region_grid(nn_run *run, const region_set *s)
{
    nn_real lo[2] = { NN_REAL_MAX, NN_REAL_MAX }, hi[2] = { -NN_REAL_MAX, -NN_REAL_MAX };
    for (int i = 0; i < s->data.X.rows; i++)
        for (int j = 0; j < 2; j++) {
            lo[j] = fmin(lo[j], NN_AT(s->data.X, i, j));
            hi[j] = fmax(hi[j], NN_AT(s->data.X, i, j));
        }
    int first[2], count[2];
    for (int j = 0; j < 2; j++) {
        first[j] = (int)floor((lo[j] - REGION_PAD) / REGION_STEP);
        count[j] = (int)ceil((hi[j] + REGION_PAD) / REGION_STEP) - first[j] + 1;
    }
    nn_matrix G = nn_matrix_new(count[0] * count[1], 2), table = nn_matrix_new(G.rows, 4);
    for (int r = 0; r < count[1]; r++)
        for (int c = 0; c < count[0]; c++) {
            NN_AT(G, r * count[0] + c, 0) = NN_AT(table, r * count[0] + c, 0) = (first[0] + c) * REGION_STEP;
            NN_AT(G, r * count[0] + c, 1) = NN_AT(table, r * count[0] + c, 1) = (first[1] + r) * REGION_STEP;
        }
    grid_values(s->one_layer, G, table, 2);
    grid_values(s->mlp, G, table, 3);
    char name[64];
    snprintf(name, sizeof name, "regions_%s_grid.dat", s->name);
    write_table(run, name, "x1 x2 one_layer mlp (p = sigma(z) for two classes, else the class)", table, count[0], 4);
    nn_table *t = nn_table_open(run, (snprintf(name, sizeof name, "regions_%s_points.dat", s->name), name), "x1 x2 class");
    for (int i = 0; i < s->data.X.rows; i++) nn_table_row(t, NN_AT(s->data.X, i, 0), NN_AT(s->data.X, i, 1), s->data.labels[i]);
    nn_matrix_free(&G);
    nn_matrix_free(&table);
}

/* The points of class c, a white disc inside an outline in the class's colour (circle,
 * square, triangle), visible on any region's tint, wrong ones included. */
static const int open_point[3] = { 6, 4, 8 }, filled_point[3] = { 7, 5, 9 };

static void plot_points(FILE *gp, const char *file, int x, int y, int class_column, int classes, int titled)
{
    for (int c = 0; c < classes; c++)
        fprintf(gp, ", \\\n     '%s' using %d:($%d == %d ? $%d : 1/0) with points pt %d ps 0.75 lc rgb '#ffffff' notitle"
                    ", \\\n     '%s' using %d:($%d == %d ? $%d : 1/0) with points ls %d pt %d ps 0.75 lw 1.5 %s%d'",
                file, x, class_column, c, y, filled_point[c], file, x, class_column, c, y, c + 1, open_point[c],
                titled ? "title 'class " : "notitle '", c);
}

/* Region tints: the style's pale two-class palette for p = σ(z); for three classes, one
 * pale tint of each class's colour (Okabe-Ito blue, vermillion, bluish green). */
static void region_palette(FILE *gp, int classes)
{
    if (classes == 2)
        fprintf(gp, "set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')\nset palette maxcolors 0\n"
                    "set cbrange [0:1]\nset cbtics 0.25\nset cblabel 'p = σ(z), the predicted probability of class 1'\n");
    else
        fprintf(gp, "set palette defined (0 '#B5D3EA', 1 '#F2C3A3', 2 '#A8DCC9')\nset palette maxcolors 3\n"
                    "set cbrange [-0.5:2.5]\nset cbtics ('class 0' 0, 'class 1' 1, 'class 2' 2)\nset cblabel 'predicted class'\n");
}

void figure_regions(nn_run *run, const region_set *sets, int count)
{
    for (int i = 0; i < count; i++) write_region_grid(run, &sets[i]);
    /* One row per data set: one layer (left), the MLP (right), the colour bar and the
     * classes' key to the right of the row, every position in screen coordinates. */
    FILE *gp = nn_figure(run, "regions", "Decision regions: one layer against an MLP", "x1", "x2");
    fprintf(gp, "eval size(1100, 1900)\n"
                "set multiplot title 'Decision regions of one layer (left) and of a two-hidden-layer tanh MLP (right);"
                " points: the training data, outlined in their class colour'\n"
                "set size ratio -1\nset autoscale fix\nset grid front\nset tics out\n"
                "set key Left reverse samplen 1 spacing 1.2\n"
                "row_height = 0.95 / %d\n", count);
    for (int i = 0; i < count; i++) {
        const region_set *s = &sets[i];
        fprintf(gp, "# %s\ntop = 0.955 - %d * row_height; bottom = top - row_height + 0.04\n"
                    "set tmargin at screen top - 0.02; set bmargin at screen bottom\n", s->title, i);
        region_palette(gp, s->classes);
        for (int k = 0; k < 2; k++) {
            fprintf(gp, "set lmargin at screen %s; set rmargin at screen %s\n", k ? "0.47" : "0.08", k ? "0.79" : "0.40");
            if (k) fprintf(gp, "set colorbox user origin screen 0.81, screen bottom + 0.02 size screen 0.015, screen (top - bottom) * 0.55\n"
                               "set key at screen 0.81, screen top left top\n");
            else fprintf(gp, "unset colorbox\nset key off\n");
            fprintf(gp, "set title '%s: %s'\nplot 'regions_%s_grid.dat' using 1:2:%d with image notitle",
                    s->title, k ? s->mlp_name : "one layer", s->name, 3 + k);
            char file[64];
            snprintf(file, sizeof file, "regions_%s_points.dat", s->name);
            plot_points(gp, file, 1, 2, 3, s->classes, k);
            fputc('\n', gp);
        }
    }
    fprintf(gp, "unset multiplot\n");
}

/* ---- 2.6 The hidden layer as a change of representation ---------------------------- */

enum { LINES = 9, LINE_POINTS = 81, HGRID = 101 };

/* Grid lines of the input plane, x1 = const then x2 = const, and their images h. */
static void write_grid_lines(nn_run *run, nn_network *net, nn_real span)
{
    int rows = 2 * LINES * LINE_POINTS;
    nn_matrix X = nn_matrix_new(rows, 2);
    for (int dir = 0; dir < 2; dir++)
        for (int l = 0; l < LINES; l++)
            for (int p = 0; p < LINE_POINTS; p++) {
                int i = (dir * LINES + l) * LINE_POINTS + p;
                NN_AT(X, i, dir) = -span + 2 * span * l / (LINES - 1);
                NN_AT(X, i, 1 - dir) = -span + 2 * span * p / (LINE_POINTS - 1);
            }
    nn_network_forward(net, X, NULL);
    nn_matrix table = nn_matrix_new(rows, 4);
    for (int i = 0; i < rows; i++) {
        NN_AT(table, i, 0) = NN_AT(X, i, 0);
        NN_AT(table, i, 1) = NN_AT(X, i, 1);
        NN_AT(table, i, 2) = NN_AT(net->A[0], i, 0);
        NN_AT(table, i, 3) = NN_AT(net->A[0], i, 1);
    }
    write_table(run, "hidden_gridlines.dat", "x1 x2 h1 h2 (one block per grid line)", table, LINE_POINTS, 8);
    nn_matrix_free(&table);
    nn_matrix_free(&X);
}

/* p = σ(z) as an image over a square of side 2·half: of the whole network over the input
 * plane (hidden = 0), or of the output neuron alone, p = σ(w·h + b), over the hidden one. */
static void write_probability_image(nn_run *run, const char *name, const char *columns, nn_network *net,
                                    int hidden, nn_real half)
{
    nn_matrix G = nn_matrix_new(HGRID * HGRID, 2), table = nn_matrix_new(HGRID * HGRID, 3);
    for (int i = 0; i < G.rows; i++) {
        NN_AT(G, i, 0) = NN_AT(table, i, 0) = -half + 2 * half * (i % HGRID) / (HGRID - 1);
        NN_AT(G, i, 1) = NN_AT(table, i, 1) = -half + 2 * half * (i / HGRID) / (HGRID - 1);
    }
    const nn_dense *out = &net->layers[1];
    nn_matrix Z = hidden ? (nn_matrix){ 0, 0, NULL } : nn_network_forward(net, G, NULL);
    for (int i = 0; i < G.rows; i++) {
        nn_real z = hidden ? out->W.data[0] * NN_AT(G, i, 0) + out->W.data[1] * NN_AT(G, i, 1) + out->b.data[0]
                           : Z.data[i];
        NN_AT(table, i, 2) = nn_sigmoid(z);
    }
    write_table(run, name, columns, table, HGRID, 6);
    nn_matrix_free(&G);
    nn_matrix_free(&table);
}

void figure_hidden(nn_run *run, nn_network *net, const nn_dataset *d, nn_real span)
{
    write_grid_lines(run, net, span);
    nn_network_forward(net, d->X, NULL);
    nn_table *t = nn_table_open(run, "hidden_points.dat", "x1 x2 h1 h2 class");
    for (int i = 0; i < d->X.rows; i++)
        nn_table_row(t, NN_AT(d->X, i, 0), NN_AT(d->X, i, 1), NN_AT(net->A[0], i, 0), NN_AT(net->A[0], i, 1),
                     d->labels[i]);
    write_probability_image(run, "hidden_input_grid.dat", "x1 x2 p (p = sigma(z))", net, 0, span);
    write_probability_image(run, "hidden_space_grid.dat", "h1 h2 p (p = sigma(w.h + b))", net, 1, NN_R(1.1));
    /* The output neuron's line w·h + b = 0 across [−1.1, 1.1]²: two end points, solved
     * for the coordinate with the larger weight. */
    const nn_dense *out = &net->layers[1];
    nn_real w1 = out->W.data[0], w2 = out->W.data[1], b = out->b.data[0];
    int steep = fabs(w2) >= fabs(w1);
    t = nn_table_open(run, "hidden_line.dat", "h1 h2 (end points of w.h + b = 0)");
    for (int e = 0; e < 2; e++) {
        nn_real u = e ? NN_R(1.1) : NN_R(-1.1), v = steep ? -(b + w1 * u) / w2 : -(b + w2 * u) / w1;
        if (steep) nn_table_row(t, u, v);
        else nn_table_row(t, v, u);
    }

    FILE *gp = nn_figure(run, "hidden", "XOR through a 2-2-1 tanh network: the input plane and the hidden layer", NULL, NULL);
    fprintf(gp, "eval size(1100, 560)\n"
                "set multiplot layout 1,2 title 'XOR through a 2-2-1 tanh network: the input plane (left) and the hidden"
                " layer h = tanh(W₁x + b₁) (right)'\n"
                "set size ratio -1\nset autoscale fix\nset cbrange [0:1]\n"
                "set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')\nunset colorbox\n"
                "set key below Left reverse samplen 1.5 maxrows 2 width -2\n"
                "set title 'input x: the network’s p = σ(z), and grid lines'\nset xlabel 'x_1'\nset ylabel 'x_2'\n"
                "plot 'hidden_input_grid.dat' using 1:2:3 with image notitle, \\\n"
                "     'hidden_gridlines.dat' using 1:2 with lines lc rgb '#404040' lw 0.8 title 'grid lines of the input plane'");
    plot_points(gp, "hidden_points.dat", 1, 2, 5, 2, 1);
    fprintf(gp, "\nset title 'hidden h: the same points and grid lines, and the output neuron’s line'\n"
                "set xlabel 'h_1'\nset ylabel 'h_2'\nset xrange [-1.1:1.1]\nset yrange [-1.1:1.1]\n"
                "set colorbox\nset cblabel 'p = σ(w·h + b): the network’s output, in both panels'\n"
                "plot 'hidden_space_grid.dat' using 1:2:3 with image notitle, \\\n"
                "     'hidden_gridlines.dat' using 3:4 with lines lc rgb '#404040' lw 0.8 title 'the same grid lines, carried to h', \\\n"
                "     'hidden_line.dat' using 1:2 with lines lc rgb '#000000' lw 2 dt (8,4) title 'output line w·h + b = 0'");
    plot_points(gp, "hidden_points.dat", 3, 4, 5, 2, 0);   /* at their hidden coordinates */
    fprintf(gp, "\nunset multiplot\n");
}

/* ---- 2.7 Fashion-MNIST -------------------------------------------------------------- */

void figure_fashion_curves(nn_run *run, nn_matrix curve, int hidden)
{
    nn_run_table(run, "fashion_epochs.dat", "epoch train_loss train_accuracy test_loss test_accuracy", curve, 0);
    char title[128];
    snprintf(title, sizeof title, "Fashion-MNIST, 784-%d-10 ReLU, Adam: loss and accuracy per epoch", hidden);
    FILE *gp = nn_figure(run, "fashion_curves", title, "epoch", NULL);
    fprintf(gp, "eval size(1000, 440)\n"
                "set multiplot layout 1,2 title '%s'\n"
                "set title 'loss (softmax cross-entropy)'\nset ylabel 'mean loss'\nset key top right\n"
                "plot 'fashion_epochs.dat' using 1:2 with linespoints ls 1 title 'training (mean over the epoch)', \\\n"
                "     '' using 1:4 with linespoints ls 2 title 'test (after the epoch)'\n"
                "set title 'accuracy'\nset ylabel 'fraction correct'\nset key bottom right\n"
                "plot 'fashion_epochs.dat' using 1:3 with linespoints ls 1 title 'training (mean over the epoch)', \\\n"
                "     '' using 1:5 with linespoints ls 2 title 'test (after the epoch)'\n"
                "unset multiplot\n", title);
}

void figure_confusion(nn_run *run, const int *C)
{
    nn_table *t = nn_table_open(run, "confusion.dat", "predicted true count (test set)");
    for (int truth = 0; truth < 10; truth++) {
        for (int p = 0; p < 10; p++) nn_table_row(t, p, truth, C[truth * 10 + p]);
        if (truth < 9) nn_table_block(t);
    }
    FILE *gp = nn_figure(run, "confusion", "Fashion-MNIST test set: confusion matrix (counts)",
                         "predicted class", "true class");
    fprintf(gp, "eval size(860, 720)\n"
                "set size ratio -1\nset yrange [9.5:-0.5]\nset xrange [-0.5:9.5]\n"
                "set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#4a98c9')\n"
                "set logscale cb\nset cbrange [1:1000]\nset cblabel 'images (log scale)'\n"
                "set xtics font ',11'\nset key off\n");
    /* class names on both axes; on x, a name of two words takes two lines so that
     * ten of them fit side by side */
    for (int axis = 0; axis < 2; axis++) {
        fprintf(gp, "set %s (", axis ? "ytics" : "xtics");
        for (int k = 0; k < 10; k++) {
            fprintf(gp, "%s\"", k ? ", " : "");
            for (const char *ch = nn_fashion_mnist_classes[k]; *ch; ch++) {
                if (axis == 0 && (*ch == ' ' || *ch == '/')) fputs(*ch == '/' ? "/\\n" : "\\n", gp);
                else fputc(*ch, gp);
            }
            fprintf(gp, "\" %d", k);
        }
        fprintf(gp, ")\n");
    }
    fprintf(gp, "plot 'confusion.dat' using 1:2:($3 > 0 ? $3 : 1) with image pixels, \\\n"
                "     '' using 1:2:(sprintf('%%d', $3)) with labels font ',9'\n");
}

/* The first WEIGHT_TILES² hidden units' weights: each row of W1 (784 numbers) folded back
 * to 28×28 and tiled, with a gap of one pixel between columns and TILE_GAP rows (room for
 * the tile's label) between rows, the gaps left at 0. All on one colour scale, so that a
 * unit's contrast is its weights' size. Every pixel of the mosaic is a row (column, row,
 * w), a block per mosaic row; weights_tiles.dat places each tile's label and marks the dead
 * units (no training image activates them, so their weights never moved from the start). */
enum { TILE_GAP = 5 };

void figure_weights(nn_run *run, const nn_network *net, int rows, int cols, const long *active)
{
    int tiles = WEIGHT_TILES;
    if (tiles * tiles > net->layers[0].out) tiles = 1;
    int side_r = tiles * (rows + TILE_GAP), side_c = tiles * (cols + 1) - 1;
    nn_matrix mosaic = nn_matrix_new(side_r * side_c, 3);
    for (int i = 0; i < side_r * side_c; i++) {
        NN_AT(mosaic, i, 0) = i % side_c;
        NN_AT(mosaic, i, 1) = i / side_c;
    }
    nn_table *t = nn_table_open(run, "weights_tiles.dat", "column row unit dead (the tile's centre)");
    for (int u = 0; u < tiles * tiles; u++) {
        const nn_real *w = &NN_AT(net->layers[0].W, u, 0);
        int r0 = (u / tiles) * (rows + TILE_GAP) + TILE_GAP, c0 = (u % tiles) * (cols + 1);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) NN_AT(mosaic, (r0 + r) * side_c + c0 + c, 2) = w[r * cols + c];
        nn_table_row(t, c0 + (cols - 1) / 2.0, r0 + (rows - 1) / 2.0, u + 1, active[u] == 0);
    }
    write_table(run, "weights.dat", "column row w (hidden units 1..16 of W1 as 28x28 tiles)", mosaic, side_c, 4);
    nn_matrix_free(&mosaic);
    FILE *gp = nn_figure(run, "weights", "First-layer weights of hidden units 1-16, each row of W₁ as a 28×28 image",
                         NULL, NULL);
    fprintf(gp, "eval size(700, 760)\n"
                "set size ratio -1\nunset xtics\nunset ytics\nunset border\nunset grid\nset autoscale fix\n"
                "set yrange [*:*] reverse\n"
                "stats 'weights.dat' using 3 nooutput\nm = abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max)\n"
                "set cbrange [-m:m]\nset cblabel 'weight w (red +, blue −; one scale for every tile)'\n"
                "set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b')\n"
                "set key below\n"
                "plot 'weights.dat' using 1:2:3 with image notitle, \\\n"
                "     'weights_tiles.dat' using 1:($2 - %g):(sprintf('unit %%d%%s', $3, $4 > 0 ? ', dead' : '')) "
                "with labels font ',10' notitle, \\\n"
                "     'weights_tiles.dat' using ($4 > 0 ? $1 : 1/0):2:(%g):(%g) with boxxyerror fs empty "
                "lc rgb '#000000' lw 2 title 'dead unit: no training image activates it'\n",
            rows / 2.0 + 2, cols / 2.0, rows / 2.0);
}
