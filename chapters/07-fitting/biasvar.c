/* 7.3 Bias and variance, measured.
 *
 * R training sets are drawn from the same distribution; on each, every width is fitted.
 * At T points x_t of a grid on [−1, 1] (where f is known), with f̂_r the fit on set r:
 *     mean prediction   f̄(x_t) = (1/R) Σ_r f̂_r(x_t)
 *     bias²             = (1/T) Σ_t (f̄(x_t) − f(x_t))²
 *     variance          = (1/T) Σ_t (1/R) Σ_r (f̂_r(x_t) − f̄(x_t))²
 *     MSE to f          = (1/T) Σ_t (1/R) Σ_r (f̂_r(x_t) − f(x_t))²
 * and MSE = bias² + variance exactly ([C7.2]): each is computed on its own below, so the
 * identity is a check, not a definition. The error on noisy targets y = f(x) + ε adds σ²
 * in expectation; it is measured with fresh noise at every (r, t).
 * The sums are accumulated in double whatever nn_real is: they are statistics of the fits. */
#include "fitting.h"

#include <stdlib.h>
#include <string.h>

enum { GRID = 201, SHOWN = 20 };

static nn_real grid_x(int t) { return -1 + 2 * (nn_real)t / (GRID - 1); }

typedef struct { double bias2, variance, mse, noisy, noisy_se; } decomposition;

/* course:begin decompose */
/* pred[r*GRID + t] = f̂_r(x_t) for one width; eps[r*GRID + t] fresh noise. */
static decomposition decompose(const nn_real *pred, const nn_real *eps, int R, double sigma)
{
    decomposition d = { 0, 0, 0, 0, 0 };
    for (int t = 0; t < GRID; t++) {
        double f = target(grid_x(t)), mean = 0, var = 0, mse = 0, noisy = 0;
        for (int r = 0; r < R; r++) mean += pred[r * GRID + t];
        mean /= R;                                               /* f̄(x_t) */
        for (int r = 0; r < R; r++) {
            double p = pred[r * GRID + t], y = f + eps[r * GRID + t];
            var += (p - mean) * (p - mean);
            mse += (p - f) * (p - f);
            noisy += (p - y) * (p - y);
        }
        d.bias2 += (mean - f) * (mean - f);
        d.variance += var / R;
        d.mse += mse / R;
        d.noisy += noisy / R;
    }
    d.bias2 /= GRID;
    d.variance /= GRID;
    d.mse /= GRID;
    d.noisy /= GRID;
    /* Given the fits, the noisy error's deviation from mse + σ² is a mean of N = RT independent
     * terms (ε² − σ²) − 2(f̂ − f)ε of variance 2σ⁴ + 4σ²(f̂ − f)²: its standard error. */
    d.noisy_se = sqrt((2 * sigma * sigma * sigma * sigma + 4 * sigma * sigma * d.mse) / ((double)R * GRID));
    return d;
}
/* course:end decompose */

static void figures(chapter *ch, int chosen, int W)
{
    FILE *gp = figure(ch, "bias-variance", "Bias and variance over training sets, against the width",
                      "width w", "squared error (mean over x in [-1, 1])", 900, 500);
    fprintf(gp, "set logscale y\nset format y '10^{%%L}'\nset xrange [0:%d]\nset yrange [1e-5:1]\nset key bottom right\n"
                "plot 'bias-variance.dat' using 1:2 with linespoints ls 1 title 'bias^2', \\\n"
                "     '' using 1:3 with linespoints ls 2 title 'variance', \\\n"
                "     '' using 1:4 with lines ls 7 title 'bias^2 + variance = MSE to f', \\\n"
                "     '' using 1:7 with lines ls 5 title 'MSE + σ^2', \\\n"
                "     '' using 1:5 with points ls 6 pt 6 ps 0.8 title 'error on noisy targets (measured)', \\\n"
                "     'bias-variance-chosen.dat' using 1:2 with points ls 3 pt 6 ps 2.5 lw 2 title 'width chosen on validation'\n", W);
    gp = figure(ch, "bias-variance-fits", NULL, NULL, NULL, 1100, 400);
    fprintf(gp, "set multiplot layout 1,3 title 'The fits of %d training sets (grey), their mean (colour) and f (dashed)'\n"
                "set xlabel 'x'\nset ylabel 'y'\nset yrange [-2.2:2.2]\nset key bottom right\n", SHOWN);
    const char *what[3] = { "high bias", "chosen", "high variance" };
    int widths[3] = { 2, chosen, W };
    for (int k = 0; k < 3; k++) {
        fprintf(gp, "set title 'width %d: %s'\n", widths[k], what[k]);
        fprintf(gp, "plot for [r=0:%d] 'bias-variance-fits.dat' index %d using 1:(column(r + 4)) with lines lc rgb '#B0B0B0' lw 0.7 notitle, \\\n"
                    "     '' index %d using 1:3 with lines ls %d lw 2.5 title 'mean prediction', \\\n"
                    "     '' index %d using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)'\n", SHOWN - 1, k, k, k + 1, k);
    }
    fprintf(gp, "unset multiplot\n");
}

void bias_variance(chapter *ch, int chosen)
{
    const nn_common_flags *c = &ch->common;
    int n = ch->points, W = n - 1, R = ch->resamples;
    nn_say(c, "\n== 7.3 Bias and variance over %d training sets of %d points\n", R, n);
    nn_rng rng = part_stream(ch, STREAM_BIASVAR);
    /* predictions, by width: pred[w][r*GRID + t] */
    nn_real **pred = malloc(sizeof(nn_real *) * (size_t)(W + 1));
    for (int w = 1; w <= W; w++) pred[w] = malloc(sizeof(nn_real) * (size_t)R * GRID);
    nn_real *eps = malloc(sizeof(nn_real) * (size_t)R * GRID);
    for (int r = 0; r < R; r++) {
        fixed_layer_fits fits;
        sample tr = fitted_training_draw(ch, n, W, &rng, &fits);
        for (int w = 1; w <= W; w++)
            for (int t = 0; t < GRID; t++) pred[w][r * GRID + t] = fit_predict(&fits, w, grid_x(t));
        for (int t = 0; t < GRID; t++) eps[r * GRID + t] = nn_rng_normal(&rng, 0, ch->noise);
        fits_free(&fits);
        sample_free(&tr);
    }
    double sigma2 = (double)ch->noise * ch->noise, worst_gap = 0, worst_z = 0;
    int best = 1;
    decomposition *d = malloc(sizeof *d * (size_t)(W + 1));
    nn_table *t = nn_table_open(ch->run, "bias-variance.dat",
                                "width bias2 variance mse_to_f noisy_error noisy_error_se mse_plus_sigma2");
    for (int w = 1; w <= W; w++) {
        d[w] = decompose(pred[w], eps, R, ch->noise);
        nn_table_row(t, w, d[w].bias2, d[w].variance, d[w].mse, d[w].noisy, d[w].noisy_se, d[w].mse + sigma2);
        double gap = fabs(d[w].mse - d[w].bias2 - d[w].variance) / d[w].mse;
        double z = fabs(d[w].noisy - d[w].mse - sigma2) / d[w].noisy_se;
        if (gap > worst_gap) worst_gap = gap;
        if (z > worst_z) worst_z = z;
        if (d[w].mse < d[best].mse) best = w;
    }
    /* the curves of the three widths: x, f, mean prediction, then SHOWN fits */
    char columns[400] = "x f mean_prediction";
    int shown = SHOWN < R ? SHOWN : R;
    for (int r = 0; r < shown; r++) snprintf(columns + strlen(columns), sizeof columns - strlen(columns), " fit_%d", r + 1);
    nn_table *f = nn_table_open(ch->run, "bias-variance-fits.dat", columns);
    nn_table_digits(f, 6);
    int widths[3] = { 2, chosen, W };
    for (int k = 0; k < 3; k++) {
        for (int g = 0; g < GRID; g++) {
            double row[3 + SHOWN], mean = 0;
            for (int r = 0; r < R; r++) mean += pred[widths[k]][r * GRID + g];
            row[0] = grid_x(g);
            row[1] = target(grid_x(g));
            row[2] = mean / R;
            for (int r = 0; r < shown; r++) row[3 + r] = pred[widths[k]][r * GRID + g];
            nn_table_add(f, row, 3 + shown);
        }
        if (k < 2) end_dataset(f);
    }
    nn_table *mark = nn_table_open(ch->run, "bias-variance-chosen.dat", "width mse_to_f (the width chosen on validation in 7.2)");
    nn_table_row(mark, chosen, d[chosen].mse);
    figures(ch, chosen, W);

    nn_result_int(ch->run, R, "biasvar.training_sets");
    nn_result_int(ch->run, GRID, "biasvar.grid_points");
    for (int k = 0; k < 3; k++) {
        const char *name[3] = { "width2", "chosen", "widest" };
        nn_result(ch->run, d[widths[k]].bias2, "biasvar.%s.bias2", name[k]);
        nn_result(ch->run, d[widths[k]].variance, "biasvar.%s.variance", name[k]);
        nn_result(ch->run, d[widths[k]].mse, "biasvar.%s.mse", name[k]);
        nn_result(ch->run, d[widths[k]].noisy, "biasvar.%s.noisy_error", name[k]);
    }
    nn_result_int(ch->run, best, "biasvar.best_width");
    nn_result(ch->run, d[best].mse, "biasvar.best_mse");
    nn_result(ch->run, worst_gap, "biasvar.identity_max_rel_gap");
    nn_result(ch->run, worst_z, "biasvar.noisy_max_abs_z");
    nn_say(c, "  width 2: bias^2 %.4f + variance %.4f = %.4f;  chosen width %d: %.4f + %.4f = %.4f;  width %d: %.4f + %.4f = %.4f\n",
           d[2].bias2, d[2].variance, d[2].mse, chosen, d[chosen].bias2, d[chosen].variance, d[chosen].mse,
           W, d[W].bias2, d[W].variance, d[W].mse);
    nn_say(c, "  smallest MSE to f at width %d (%.4f); [C7.2] |MSE - bias^2 - variance| / MSE at most %.1e; "
           "noisy error - MSE - sigma^2 within %.2f standard errors\n", best, d[best].mse, worst_gap, worst_z);
    for (int w = 1; w <= W; w++) free(pred[w]);
    free(pred);
    free(eps);
    free(d);
}
