/* Parts 3 and 4: what a loss estimates. A constant c is fitted by gradient descent to a
 * skewed sample with outliers under the squared error, the absolute error and Huber's
 * loss: the first lands on the mean, the second on a median, Huber in between. Moving
 * one outlier 100 further drags only the mean: the squared error's gradient grows with
 * the residual, the others' stay bounded. Then the same with a line through data with
 * outliers, over several seeds. */
#include "losses.h"

#include <stdlib.h>

enum { SAMPLE = 100, SAMPLE_OUTLIERS = 6, GD_STEPS = 4000, CURVE_POINTS = 301, RESIDUALS = 301 };
enum { LINE_POINTS = 100, LINE_OUTLIERS = 10 };
static const nn_real huber_deltas[] = { NN_R(0.5), 1, 2 };
enum { N_DELTAS = sizeof huber_deltas / sizeof huber_deltas[0], N_FITS = 2 + N_DELTAS };
static const nn_real outlier_shift = 100;          /* how far one outlier is moved */
static const nn_real true_slope = NN_R(0.8), true_intercept = NN_R(0.5);

/* The five losses compared: MSE, MAE, Huber(δ) for each δ. */
static nn_loss fit_loss(int k)
{
    if (k == 0) return nn_loss_make(NN_LOSS_MSE);
    if (k == 1) return nn_loss_make(NN_LOSS_MAE);
    nn_loss h = { NN_LOSS_HUBER, huber_deltas[k - 2] };
    return h;
}

static const char *fit_name(int k, char *buf, size_t len)
{
    if (k < 2) snprintf(buf, len, "%s", k == 0 ? "mse" : "mae");
    else snprintf(buf, len, "huber%g", (double)huber_deltas[k - 2]);
    return buf;
}

/* A skewed sample: SAMPLE − SAMPLE_OUTLIERS draws of e^N(0, 0.5²) (a log-normal, median 1),
 * then SAMPLE_OUTLIERS outliers uniform on [8, 12]. */
void skewed_sample(nn_rng *rng, nn_real *x)
{
    for (int i = 0; i < SAMPLE - SAMPLE_OUTLIERS; i++) x[i] = exp(nn_rng_normal(rng, 0, NN_R(0.5)));
    for (int i = SAMPLE - SAMPLE_OUTLIERS; i < SAMPLE; i++) x[i] = nn_rng_uniform(rng, 8, 12);
}

/* Every 100 steps of a fit, the loss against where it started (lib/nn_divergence.h). The
 * step 0.4/√t is safe for these losses and data (the squared error's curvature is 2, or
 * 2·mean(x²) < 5 for the line); a divergence here is a bug, reported and fatal. */
static void watch_fit(nn_divergence *watch, nn_real loss, int t)
{
    char when[32], msg[256];
    if (t % 100 != 1) return;
    snprintf(when, sizeof when, "step %d of a fit", t);
    if (nn_divergence_check(watch, loss, when, msg, sizeof msg)) {
        fprintf(stderr, "04-losses: %s (estimates.c)\n", msg);
        exit(1);
    }
}

/* course:begin fit_constant */
/* Gradient descent on L(c) = (1/n) Σ_i ℓ(c, x_i): the library's backward gives ∂L/∂ŷ_i for
 * every prediction ŷ_i = c, so ∂L/∂c = Σ_i ∂L/∂ŷ_i. The step λ_t = 0.4/√t shrinks, so that
 * the absolute error, whose gradient (#{x_i < c} − #{x_i > c})/n never shrinks, settles. */
nn_real fit_constant(nn_loss loss, const nn_real *x, int n)
{
    nn_matrix C = nn_matrix_new(n, 1), dC = nn_matrix_new(n, 1);
    nn_matrix X = nn_matrix_view((nn_real *)x, n, 1);
    nn_divergence watch = nn_divergence_start("step 0.4/sqrt(t), in fit_constant,", 0.4, 10);
    nn_real c = 0;
    for (int t = 1; t <= GD_STEPS; t++) {
        nn_matrix_fill(C, c);
        watch_fit(&watch, t % 100 == 1 ? nn_loss_forward(loss, C, X) : 0, t);
        nn_loss_backward(loss, C, X, dC);
        nn_real dc = 0;
        for (int i = 0; i < n; i++) dc += NN_AT(dC, i, 0);
        c -= NN_R(0.4) / sqrt((nn_real)t) * dc;
    }
    nn_matrix_free(&C);
    nn_matrix_free(&dC);
    return c;
}
/* course:end fit_constant */

int compare_reals(const void *a, const void *b)
{
    nn_real x = *(const nn_real *)a, y = *(const nn_real *)b;
    return (x > y) - (x < y);
}

/* L(c) on a grid, for the figure: every loss's curve and where each minimum fell. */
static void constant_figure(chapter *ch, const nn_real *x, const nn_real *fits, nn_real mean, nn_real median)
{
    nn_table *t = nn_table_open(ch->run, "constant.dat", "c mse mae huber0.5 huber1 huber2");
    nn_table_digits(t, 9);
    nn_matrix C = nn_matrix_new(SAMPLE, 1);
    nn_matrix X = nn_matrix_view((nn_real *)x, SAMPLE, 1);
    for (int g = 0; g < CURVE_POINTS; g++) {
        double row[1 + N_FITS];
        row[0] = 0.01 * g;
        nn_matrix_fill(C, (nn_real)row[0]);
        for (int k = 0; k < N_FITS; k++) row[1 + k] = nn_loss_forward(fit_loss(k), C, X);
        nn_table_add(t, row, 1 + N_FITS);
    }
    nn_matrix_free(&C);
    nn_table *m = nn_table_open(ch->run, "constant-fits.dat", "panel c_fitted L_at_fit");
    for (int k = 0; k < N_FITS; k++) {
        nn_real at = fits[k];
        nn_matrix Cf = nn_matrix_new(SAMPLE, 1);
        nn_matrix_fill(Cf, at);
        nn_table_row(m, k + 1, at, nn_loss_forward(fit_loss(k), Cf, X));
        nn_matrix_free(&Cf);
    }

    FILE *gp = nn_figure(ch->run, "constant", NULL, NULL, NULL);
    fprintf(gp, "eval size(1200, 420)\nset multiplot layout 1,5 title 'Fitting one number c to a skewed sample "
                "with outliers: L(c) under each loss, its minimum (circle), the mean (black dashes) and the median "
                "(black dots)'\nunset key\n"
                "mean = %.17g; median = %.17g\n"
                "set xrange [0:3]\nset xtics 1\nset xlabel 'c'\n"
                "set arrow 1 from first mean, graph 0 to first mean, graph 1 nohead ls 7 dt 2\n"
                "set arrow 2 from first median, graph 0 to first median, graph 1 nohead ls 7 dt 3\n",
            (double)mean, (double)median);
    const char *titles[N_FITS] = { "squared error", "absolute error", "Huber, δ = 0.5", "Huber, δ = 1", "Huber, δ = 2" };
    for (int k = 0; k < N_FITS; k++)
        fprintf(gp, "set title '%s'\nset ylabel '%s'\n"
                    "plot 'constant.dat' using 1:%d with lines ls %d notitle, \\\n"
                    "     'constant-fits.dat' using ($1 == %d ? $2 : 1/0):3 with points ls 7 pt 6 ps 1.6 notitle\n",
                titles[k], k == 0 ? "L(c)" : "", k + 2, k + 1, k + 1);
    fprintf(gp, "unset multiplot\n");
}

/* Each loss's ℓ(r) and ψ(r) = dℓ/dr against the residual r = ŷ − y, from the library. */
static void residual_figure(chapter *ch)
{
    nn_table *t = nn_table_open(ch->run, "regression-losses.dat",
                                "r loss_mse loss_mae loss_huber0.5 loss_huber1 loss_huber2 "
                                "grad_mse grad_mae grad_huber0.5 grad_huber1 grad_huber2");
    nn_table_digits(t, 9);
    nn_real zero = 0;
    for (int i = 0; i < RESIDUALS; i++) {
        double row[1 + 2 * N_FITS];
        nn_real r = (nn_real)(i - RESIDUALS / 2) / 50, g;   /* −3 to 3 by 0.02, 0 exactly at the middle */
        row[0] = r;
        for (int k = 0; k < N_FITS; k++) {
            nn_matrix R = nn_matrix_view(&r, 1, 1), Z = nn_matrix_view(&zero, 1, 1);
            row[1 + k] = nn_loss_forward(fit_loss(k), R, Z);
            nn_loss_backward(fit_loss(k), R, Z, nn_matrix_view(&g, 1, 1));
            row[1 + N_FITS + k] = g;
        }
        nn_table_add(t, row, 1 + 2 * N_FITS);
    }
    FILE *gp = nn_figure(ch->run, "regression-losses", NULL, NULL, NULL);
    /* Where the Huber curves coincide (|r| ≤ 0.5), they are drawn as nested stripes: the
     * widest (δ = 2) first, the thinnest (δ = 0.5) on top. */
    const char *curves =
        "plot '%s' using 1:%d with lines ls 2 lw 2 title 'squared error', \\\n"
        "     '%s' using 1:%d with lines ls 1 lw 2 dt 2 title 'absolute error', \\\n"
        "     '%s' using 1:%d with lines ls 5 lw 7 title 'Huber, δ = 2', \\\n"
        "     '%s' using 1:%d with lines ls 3 lw 4 title 'Huber, δ = 1', \\\n"
        "     '%s' using 1:%d with lines ls 7 lw 1.5 title 'Huber, δ = 0.5'\n";
    const char *d = "regression-losses.dat";
    fprintf(gp, "eval size(1100, 440)\nset multiplot layout 1,2\nset xlabel 'residual r = ŷ − y'\n"
                "set title 'The losses ℓ(r)'\nset ylabel 'ℓ(r)'\nset yrange [0:4.5]\nset key top center opaque\n");
    fprintf(gp, curves, d, 2, d, 3, d, 6, d, 5, d, 4);
    fprintf(gp, "set title 'Their gradients ψ(r) = dℓ/dr: the pull of one residual'\nset ylabel 'ψ(r)'\n"
                "set yrange [-3.2:3.2]\nset key top left\n");
    fprintf(gp, curves, d, 7, d, 8, d, 11, d, 10, d, 9);
    fprintf(gp, "unset multiplot\n");
}

static void constant_fits(chapter *ch)
{
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed);
    nn_real x[SAMPLE], sorted[SAMPLE], fits[N_FITS], moved[N_FITS];
    skewed_sample(&rng, x);
    for (int k = 0; k < N_FITS; k++) fits[k] = fit_constant(fit_loss(k), x, SAMPLE);

    /* The largest point moved outlier_shift further: which estimates follow it? */
    nn_real far[SAMPLE];
    int top = 0;
    for (int i = 0; i < SAMPLE; i++) {
        far[i] = x[i];
        if (x[i] > x[top]) top = i;
    }
    far[top] += outlier_shift;
    for (int k = 0; k < N_FITS; k++) moved[k] = fit_constant(fit_loss(k), far, SAMPLE);

    nn_real mean = 0;
    for (int i = 0; i < SAMPLE; i++) mean += x[i];
    mean /= SAMPLE;
    for (int i = 0; i < SAMPLE; i++) sorted[i] = x[i];
    qsort(sorted, SAMPLE, sizeof *sorted, compare_reals);
    nn_real lo = sorted[SAMPLE / 2 - 1], hi = sorted[SAMPLE / 2];
    nn_result_int(ch->run, SAMPLE, "constant.n");
    nn_result_int(ch->run, SAMPLE_OUTLIERS, "constant.outliers");
    nn_result(ch->run, mean, "constant.sample_mean");
    nn_result(ch->run, lo, "constant.lower_median");
    nn_result(ch->run, hi, "constant.upper_median");
    nn_result(ch->run, outlier_shift, "constant.outlier_shift");
    char name[32];
    for (int k = 0; k < N_FITS; k++) {
        nn_result(ch->run, fits[k], "constant.%s.fitted", fit_name(k, name, sizeof name));
        nn_result(ch->run, moved[k] - fits[k], "constant.%s.moved_by", fit_name(k, name, sizeof name));
    }
    nn_say(&ch->common, "3. a constant fitted to %d skewed points: MSE %.4f (mean %.4f), MAE %.4f (medians %.4f, %.4f), "
           "Huber %.4f %.4f %.4f; moving the largest point by %g moves them by %.3g, %.3g, %.3g %.3g %.3g\n",
           SAMPLE, (double)fits[0], (double)mean, (double)fits[1], (double)lo, (double)hi, (double)fits[2],
           (double)fits[3], (double)fits[4], (double)outlier_shift, (double)(moved[0] - fits[0]),
           (double)(moved[1] - fits[1]), (double)(moved[2] - fits[2]), (double)(moved[3] - fits[3]),
           (double)(moved[4] - fits[4]));
    constant_figure(ch, x, fits, mean, (lo + hi) / 2);
    residual_figure(ch);
}

/* ---- A line through outliers --------------------------------------------------------- */

/* y = 0.8x + 0.5 + N(0, 0.3²) for x uniform on [−2, 2]; the last LINE_OUTLIERS points have
 * x on [1, 2] and y raised by 6: a cluster far above the line, at one end. */
void line_data(nn_rng *rng, nn_real *x, nn_real *y)
{
    for (int i = 0; i < LINE_POINTS; i++) {
        int outlier = i >= LINE_POINTS - LINE_OUTLIERS;
        x[i] = outlier ? nn_rng_uniform(rng, 1, 2) : nn_rng_uniform(rng, -2, 2);
        y[i] = true_slope * x[i] + true_intercept + nn_rng_normal(rng, 0, NN_R(0.3)) + (outlier ? 6 : 0);
    }
}

/* course:begin fit_line */
/* ŷ_i = a x_i + b by gradient descent: ∂L/∂a = Σ_i (∂L/∂ŷ_i) x_i, ∂L/∂b = Σ_i ∂L/∂ŷ_i. */
void fit_line(nn_loss loss, const nn_real *x, const nn_real *y, int n, nn_real *a, nn_real *b)
{
    nn_matrix Yhat = nn_matrix_new(n, 1), dYhat = nn_matrix_new(n, 1);
    nn_matrix Y = nn_matrix_view((nn_real *)y, n, 1);
    nn_divergence watch = nn_divergence_start("step 0.4/sqrt(t), in fit_line,", 0.4, 10);
    *a = *b = 0;
    for (int t = 1; t <= GD_STEPS; t++) {
        for (int i = 0; i < n; i++) NN_AT(Yhat, i, 0) = *a * x[i] + *b;
        watch_fit(&watch, t % 100 == 1 ? nn_loss_forward(loss, Yhat, Y) : 0, t);
        nn_loss_backward(loss, Yhat, Y, dYhat);
        nn_real da = 0, db = 0;
        for (int i = 0; i < n; i++) {
            da += NN_AT(dYhat, i, 0) * x[i];
            db += NN_AT(dYhat, i, 0);
        }
        nn_real step = NN_R(0.4) / sqrt((nn_real)t);
        *a -= step * da;
        *b -= step * db;
    }
    nn_matrix_free(&Yhat);
    nn_matrix_free(&dYhat);
}
/* course:end fit_line */

static const int line_fits[] = { 0, 1, 3 };   /* MSE, MAE, Huber(1) */
enum { N_LINE_FITS = sizeof line_fits / sizeof line_fits[0] };

static void line_fits_over_seeds(chapter *ch)
{
    nn_real x[LINE_POINTS], y[LINE_POINTS];
    nn_real worst_ratio = INFINITY, err[N_LINE_FITS], a[N_LINE_FITS], b[N_LINE_FITS];
    nn_matrix errors = nn_matrix_new(ch->seeds, 1 + N_LINE_FITS);
    char name[32];
    for (int s = 0; s < ch->seeds; s++) {
        nn_rng rng;
        nn_rng_seed(&rng, ch->common.seed + (uint64_t)s);
        line_data(&rng, x, y);
        NN_AT(errors, s, 0) = (nn_real)(ch->common.seed + (uint64_t)s);
        for (int k = 0; k < N_LINE_FITS; k++) {
            fit_line(fit_loss(line_fits[k]), x, y, LINE_POINTS, &a[k], &b[k]);
            err[k] = fabs(a[k] - true_slope);
            NN_AT(errors, s, 1 + k) = err[k];
            nn_result(ch->run, err[k], "line.seed%d.%s.slope_error", s, fit_name(line_fits[k], name, sizeof name));
        }
        nn_real ratio = err[0] / fmax(err[1], err[2]);
        if (ratio < worst_ratio) worst_ratio = ratio;
        if (s > 0) continue;
        /* The first seed is drawn: its points and the three lines. */
        nn_table *p = nn_table_open(ch->run, "line-points.dat", "x y outlier");
        for (int i = 0; i < LINE_POINTS; i++) nn_table_row(p, x[i], y[i], i >= LINE_POINTS - LINE_OUTLIERS);
        nn_table *l = nn_table_open(ch->run, "line-fits.dat", "x mse mae huber1 truth");
        for (int e = 0; e <= 1; e++) {
            nn_real at = e ? 2 : -2;
            nn_table_row(l, at, a[0] * at + b[0], a[1] * at + b[1], a[2] * at + b[2], true_slope * at + true_intercept);
        }
        for (int k = 0; k < N_LINE_FITS; k++) {
            nn_result(ch->run, a[k], "line.%s.slope", fit_name(line_fits[k], name, sizeof name));
            nn_result(ch->run, b[k], "line.%s.intercept", fit_name(line_fits[k], name, sizeof name));
        }
    }
    for (int k = 0; k < N_LINE_FITS; k++) {
        nn_real lo = INFINITY, hi = 0;
        for (int s = 0; s < ch->seeds; s++) {
            lo = fmin(lo, NN_AT(errors, s, 1 + k));
            hi = fmax(hi, NN_AT(errors, s, 1 + k));
        }
        nn_result(ch->run, lo, "line.%s.min_slope_error", fit_name(line_fits[k], name, sizeof name));
        nn_result(ch->run, hi, "line.%s.max_slope_error", fit_name(line_fits[k], name, sizeof name));
    }
    nn_result_int(ch->run, ch->seeds, "line.seeds");
    nn_result_int(ch->run, LINE_POINTS, "line.points");
    nn_result_int(ch->run, LINE_OUTLIERS, "line.outliers");
    nn_result(ch->run, worst_ratio, "line.worst_mse_over_robust_slope_error");
    nn_result(ch->run, true_slope, "line.true_slope");
    nn_result(ch->run, true_intercept, "line.true_intercept");
    nn_say(&ch->common, "4. a line through %d points, %d of them outliers, %d seeds: the MSE slope error is at least "
           "%.1f times the larger of MAE's and Huber's\n", LINE_POINTS, LINE_OUTLIERS, ch->seeds, (double)worst_ratio);

    FILE *gp = nn_figure(ch->run, "line-fit", "A line fitted through 10 outliers: squared error, absolute error, Huber (δ = 1)",
                         "x", "y");
    fprintf(gp, "set key top left\n"
                "plot 'line-points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 7 pt 7 ps 0.5 title 'data', \\\n"
                "     'line-points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 7 pt 6 ps 1.2 title 'outliers (y + 6)', \\\n"
                "     'line-fits.dat' using 1:5 with lines ls 7 dt 2 lw 1.5 title 'the line the data were drawn from', \\\n"
                "     'line-fits.dat' using 1:2 with lines ls 2 title 'squared error', \\\n"
                "     'line-fits.dat' using 1:3 with lines ls 1 title 'absolute error', \\\n"
                "     'line-fits.dat' using 1:4 with lines ls 3 dt 4 title 'Huber, δ = 1'\n");
    nn_matrix_free(&errors);
}

void part_estimates(chapter *ch)
{
    constant_fits(ch);
    line_fits_over_seeds(ch);
}
