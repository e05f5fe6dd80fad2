/* Section 6.9: what depth buys. The tent map composed k times, a network of k hidden layers of
 * 2 ReLUs, has 2^k linear pieces on [0, 1], counted from its own forward and backward
 * passes. A one-hidden-layer network of m units has at most m + 1 pieces, so it needs at
 * least 2^k − 1 units to be equal to it; the interpolant on the knots j/2^k is one, with
 * 2^k units. */
#include "universal.h"

#include <stdlib.h>

enum { SAWTOOTH_SHOWN = 4, SAWTOOTH_GRID = 256 };   /* k = 1..4 drawn on the points j/256 */
enum { SHALLOW_MAX_K = 12 };   /* the 1-2^k-1 twin costs 2^k × 2^(k+3) multiply-adds: built up to 4096 units */

/* The largest |breaks[j] − j/2^k|: the pieces' ends where the proof puts them. */
static nn_real ends_off_dyadic(const nn_real *breaks, int pieces)
{
    nn_real worst = 0;
    for (int j = 0; j <= pieces; j++) {
        nn_real off = fabs(breaks[j] - (nn_real)j / (nn_real)pieces);
        if (off > worst) worst = off;
    }
    return worst;
}

/* The 1-2^k-1 interpolant of the deep network on the knots j/2^k, and the largest gap
 * between the two on the points j/2^(k+3). */
static nn_real shallow_twin(nn_network *deep, int k, int *units, int *pieces)
{
    int M = 1 << k, fine = M * 8;
    nn_matrix X = nn_matrix_new(M + 1, 1), F = nn_matrix_new(fine + 1, 1);
    nn_real *y = malloc((M + 1) * sizeof *y), *a = malloc((fine + 1) * sizeof *a), *b = malloc((fine + 1) * sizeof *b);
    uniform_knots(M, X.data);
    network_outputs(deep, X, y);
    nn_network *shallow = build_interpolant(X.data, y, M);
    uniform_knots(fine, F.data);
    network_outputs(deep, F, a);
    network_outputs(shallow, F, b);
    nn_real worst = 0;
    for (int i = 0; i <= fine; i++) if (fabs(a[i] - b[i]) > worst) worst = fabs(a[i] - b[i]);
    *units = shallow->layers[0].out;
    *pieces = count_pieces(shallow, 0, 1, NULL);
    nn_network_free(shallow);
    free(y); free(a); free(b);
    nn_matrix_free(&X);
    nn_matrix_free(&F);
    return worst;
}

static void sawtooth_figure(chapter *ch)
{
    int shown = ch->depth < SAWTOOTH_SHOWN ? ch->depth : SAWTOOTH_SHOWN;
    nn_table *curve = nn_table_open(ch->run, "sawtooth.dat", "x T^k(x) (one block per k = 1, 2, ...)");
    nn_table *ends = nn_table_open(ch->run, "sawtooth-breaks.dat", "x T^k(x) (the pieces' ends, one block per k)");
    nn_matrix X = nn_matrix_new(SAWTOOTH_GRID + 1, 1);
    uniform_knots(SAWTOOTH_GRID, X.data);
    nn_real *y = malloc((SAWTOOTH_GRID + 1) * sizeof *y);
    for (int k = 1; k <= shown; k++) {
        nn_network *net = build_tent(k);
        network_outputs(net, X, y);
        for (int i = 0; i <= SAWTOOTH_GRID; i++) nn_table_row(curve, X.data[i], y[i]);
        nn_table_block(curve);
        nn_table_block(curve);
        nn_real *breaks;
        int pieces = count_pieces(net, 0, 1, &breaks);
        nn_real *at = malloc((pieces + 1) * sizeof *at);
        network_outputs(net, nn_matrix_view(breaks, pieces + 1, 1), at);
        for (int j = 0; j <= pieces; j++) nn_table_row(ends, breaks[j], at[j]);
        nn_table_block(ends);
        nn_table_block(ends);
        free(at);
        free(breaks);
        nn_network_free(net);
    }
    free(y);
    nn_matrix_free(&X);
    FILE *gp = nn_figure(ch->run, "sawtooth", NULL, NULL, NULL);
    fprintf(gp, "eval size(1000, 640)\n"
                "set multiplot layout 2,2 title 'The tent map composed k times, 2 ReLUs per layer: linear pieces = 2^k'\n"
                "set xlabel 'x'\nset ylabel 'T^{k}(x)'\nset yrange [-0.05:1.4]\nset ytics 0, 0.2, 1\n"
                "set key top center horizontal maxcols 2 maxrows 1 width -2\n"
                "do for [k=1:%d] {\n"
                "  stats 'sawtooth-breaks.dat' index (k-1) using 1 nooutput\n"
                "  set title sprintf('k = %%d: %%d hidden units, %%d pieces counted', k, 2*k, STATS_records - 1)\n"
                "  plot 'sawtooth.dat' index (k-1) using 1:2 with lines ls 1 title 'network', \\\n"
                "       'sawtooth-breaks.dat' index (k-1) using 1:2 with points ls 2 pt 7 ps 0.7 title 'pieces'' ends (counted)'\n"
                "}\nunset multiplot\n", shown);
}

void part_depth(chapter *ch)
{
    nn_say(&ch->common, "\n== 9. What depth buys: the tent map composed k times\n");
    nn_table *t = nn_table_open(ch->run, "depth.dat", "k pieces deep_units shallow_lower_bound shallow_units");
    for (int k = 1; k <= ch->depth; k++) {
        nn_network *deep = build_tent(k);
        nn_real *breaks;
        int pieces = count_pieces(deep, 0, 1, &breaks), units, shallow_pieces;
        nn_real off = ends_off_dyadic(breaks, pieces);
        nn_result_int(ch->run, pieces, "depth.k%d.pieces", k);
        nn_result(ch->run, off, "depth.k%d.ends_off_dyadic", k);
        nn_result_int(ch->run, network_neurons(deep) - 1, "depth.k%d.deep_hidden_units", k);
        nn_say(&ch->common, "  k = %2d: %5d pieces (ends off j/2^k by %g) from %2d hidden units; one hidden layer needs >= %5d",
               k, pieces, (double)off, network_neurons(deep) - 1, pieces - 1);
        if (k <= SHALLOW_MAX_K) {
            nn_real gap = shallow_twin(deep, k, &units, &shallow_pieces);
            nn_table_row(t, k, pieces, 2 * k, pieces - 1, units);
            nn_result_int(ch->run, shallow_pieces, "depth.k%d.shallow_pieces", k);
            nn_result(ch->run, gap, "depth.k%d.shallow_gap", k);
            nn_say(&ch->common, "; the interpolant has %5d units and %5d pieces, off by %g", units, shallow_pieces, (double)gap);
        }
        nn_say(&ch->common, "\n");
        free(breaks);
        nn_network_free(deep);
    }
    nn_result_int(ch->run, ch->depth, "depth.max_k");
    sawtooth_figure(ch);
}
