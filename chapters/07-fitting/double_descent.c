/* 7.8-7.9 Double descent.
 *
 * Random ReLU features. Inputs x ∈ R^d are Gaussian, x ~ N(0, I_d), and the targets are
 * y = βᵀx + σε with β = (1, ..., 1)/√d. A network with p hidden units has a fixed random first
 * layer, φ_q(x) = relu(w_qᵀx)/√p with w_q ~ N(0, I_d), and only its output layer θ ∈ R^p is
 * fitted, on n training examples, by the least-squares solution of smallest norm:
 *     p ≤ n: θ = argmin ‖Φθ − y‖²            p > n: θ = argmin ‖θ‖ subject to Φθ = y.
 * (The factor 1/√p does not change a prediction: scaling every feature by c divides θ by c.)
 * Test error: the expected squared error on a fresh noisy label, (1/T) Σ_t (ŷ(x_t) − βᵀx_t)²
 * + σ², over T test inputs. The sweep is repeated with new data and new features; the curve
 * is the median over the repetitions, the band the middle half. Features are nested: the
 * network of width p uses the first p of one draw of w_1, w_2, ...
 *
 * The closed-form check. Linear regression on the first p of d isotropic Gaussian inputs
 * (Belkin, Hsu & Xu 2019): its expected risk is known for p ≤ n − 2 and p ≥ n + 2, and the
 * Monte-Carlo mean over many training sets is held to it. */
#include "fitting.h"

#include <stdlib.h>
#include <string.h>

enum { TEST_POINTS = 1000, LEVELS = 3 };

/* p from 5 to 20n: a geometric grid (ratio 1.15), refined near n to ±1, ±2, ±5% and ±10%. */
static int make_grid(int n, int *grid, int max)
{
    int count = 0;
    const double near[] = { 0.9, 0.95, 1.05, 1.1 };
    for (double p = 5; p <= 20.0 * n * 1.0001 && count < max; p *= 1.15) grid[count++] = (int)(p + 0.5);
    for (int k = 0; k < 4 && count < max; k++) grid[count++] = (int)(near[k] * n + 0.5);
    for (int dp = -2; dp <= 2 && count < max; dp++) grid[count++] = n + dp;
    if (count < max) grid[count++] = 20 * n;
    for (int i = 1; i < count; i++)                          /* sort, then drop repeats */
        for (int j = i; j > 0 && grid[j] < grid[j - 1]; j--) { int t = grid[j]; grid[j] = grid[j - 1]; grid[j - 1] = t; }
    int unique = 0;
    for (int i = 0; i < count; i++) if (unique == 0 || grid[i] != grid[unique - 1]) grid[unique++] = grid[i];
    return unique;
}

static void fill_normal(nn_matrix M, nn_rng *rng)
{
    for (size_t i = 0; i < nn_matrix_size(M); i++) M.data[i] = nn_rng_normal(rng, 0, 1);
}

/* The finite entries of a[0..n-1] into out; their number. */
static int finite_values(const double *a, int n, double *out)
{
    int kept = 0;
    for (int i = 0; i < n; i++) if (isfinite(a[i])) out[kept++] = a[i];
    return kept;
}

static void relu_in_place(nn_matrix M)
{
    for (size_t i = 0; i < nn_matrix_size(M); i++) if (M.data[i] < 0) M.data[i] = 0;
}

/* The first p columns of F (n×P), as an n×p matrix. */
static void first_columns(nn_matrix F, int p, nn_matrix out)
{
    for (int i = 0; i < F.rows; i++) memcpy(&NN_AT(out, i, 0), &NN_AT(F, i, 0), sizeof(nn_real) * (size_t)p);
}

typedef struct {
    int n, d, reps, G, P;
    long singular;                  /* fits refused as singular to working precision */
    int grid[80];
    nn_real sigma[LEVELS];
    double *test, *train;           /* [level][g][rep] */
} sweep;

static double *at(double *a, const sweep *s, int level, int g) { return a + ((size_t)level * s->G + g) * s->reps; }

/* course:begin dd_rep */
/* One repetition: new data, new features, every width on the grid fitted for each noise level.
 * The fits of width p ≤ n are prefix solves of one factorisation of Φ's first n columns; a
 * width p > n needs its own (the minimum-norm solution changes with every feature added). The
 * predictions of all fits come from one matrix product with the θs as columns, zero-padded. */
static void one_repetition(sweep *s, int rep, nn_rng *rng)
{
    int n = s->n, d = s->d, P = s->P, G = s->G, T = TEST_POINTS;
    nn_matrix X = nn_matrix_new(n, d), Xt = nn_matrix_new(T, d), W = nn_matrix_new(P, d);
    fill_normal(X, rng);
    fill_normal(Xt, rng);
    fill_normal(W, rng);
    nn_matrix F = nn_matrix_new(n, P), Ft = nn_matrix_new(T, P);
    nn_gemm(NN_NO_TRANS, NN_TRANS, 1, X, W, 0, F);           /* Φ = relu(X Wᵀ): n × P */
    nn_gemm(NN_NO_TRANS, NN_TRANS, 1, Xt, W, 0, Ft);
    relu_in_place(F);
    relu_in_place(Ft);
    nn_real *f = malloc(sizeof(nn_real) * (size_t)(n + T)), *y = malloc(sizeof(nn_real) * (size_t)n * LEVELS);
    for (int i = 0; i < n + T; i++) {                        /* f = βᵀx, β = (1, ..., 1)/√d */
        const nn_real *x = i < n ? &NN_AT(X, i, 0) : &NN_AT(Xt, i - n, 0);
        nn_real z = 0;
        for (int j = 0; j < d; j++) z += x[j];
        f[i] = z / sqrt((nn_real)d);
    }
    for (int i = 0; i < n; i++) {
        nn_real e = nn_rng_normal(rng, 0, 1);                /* one noise draw, scaled per level */
        for (int l = 0; l < LEVELS; l++) y[l * n + i] = f[i] + s->sigma[l] * e;
    }
    nn_matrix Theta = nn_matrix_new(P, LEVELS * G);          /* column l*G + g: θ, zero-padded */
    nn_qr square, own;
    nn_matrix Fn = nn_matrix_new(n, n);
    first_columns(F, n, Fn);
    int square_ok = nn_qr_factor(Fn, &square) == 0;
    nn_real *theta = malloc(sizeof(nn_real) * (size_t)P);
    int *usable = malloc(sizeof(int) * (size_t)G);
    for (int g = 0; g < G; g++) {
        int p = s->grid[g], prefix = p <= n && square_ok;
        if (!prefix) {                                       /* p > n: a factorisation of its own */
            nn_matrix Fp = nn_matrix_new(n, p);
            first_columns(F, p, Fp);
            usable[g] = nn_qr_factor(Fp, &own) == 0;
            nn_matrix_free(&Fp);
        } else usable[g] = 1;
        for (int l = 0; l < LEVELS && usable[g]; l++) {
            if (prefix) nn_qr_solve_prefix(&square, y + l * n, p, theta);
            else nn_qr_solve(&own, y + l * n, theta);
            for (int q = 0; q < p; q++) NN_AT(Theta, q, l * G + g) = theta[q];
        }
        if (!prefix) nn_qr_free(&own);
        s->singular += !usable[g];         /* singular to working precision: possible in float */
    }
    nn_matrix Yhat = nn_matrix_new(n, LEVELS * G), Yhat_t = nn_matrix_new(T, LEVELS * G);
    nn_gemm(NN_NO_TRANS, NN_NO_TRANS, 1, F, Theta, 0, Yhat);
    nn_gemm(NN_NO_TRANS, NN_NO_TRANS, 1, Ft, Theta, 0, Yhat_t);
    for (int l = 0; l < LEVELS; l++)
        for (int g = 0; g < G; g++) {
            double train = 0, test = 0;
            for (int i = 0; i < n; i++) {
                double r = NN_AT(Yhat, i, l * G + g) - y[l * n + i];
                train += r * r;
            }
            for (int i = 0; i < T; i++) {
                double r = NN_AT(Yhat_t, i, l * G + g) - f[n + i];
                test += r * r;
            }
            at(s->train, s, l, g)[rep] = usable[g] ? train / n : NAN;      /* NaN: left out */
            at(s->test, s, l, g)[rep] = usable[g] ? test / T + (double)s->sigma[l] * s->sigma[l] : NAN;
        }
    nn_qr_free(&square);
    free(theta); free(f); free(y); free(usable);
    nn_matrix_free(&Fn); nn_matrix_free(&Yhat); nn_matrix_free(&Yhat_t); nn_matrix_free(&Theta);
    nn_matrix_free(&X); nn_matrix_free(&Xt); nn_matrix_free(&W); nn_matrix_free(&F); nn_matrix_free(&Ft);
}
/* course:end dd_rep */

static void figure_double_descent(chapter *ch, const sweep *s)
{
    FILE *gp = figure(ch, "double-descent", NULL, NULL, NULL, 1100, 460);
    fprintf(gp, "set multiplot layout 1,2 title 'Random ReLU features, minimum-norm least squares: n = %d examples in d = %d "
                "dimensions, median over %d repetitions (band: middle half)'\n"
                "set logscale xy\nset format y '10^{%%L}'\nset xlabel 'features p'\nset xrange [4:2500]\n"
                "stats 'double-descent-n.dat' using 1 nooutput\n"
                "set arrow 1 from STATS_max, graph 0 to STATS_max, graph 1 nohead ls 7 dt 2 lw 1\n"
                "set label 1 'p = n' at STATS_max, graph 0.96 offset 0.6,0\n", s->n, s->d, s->reps);
    fprintf(gp, "set title 'test error'\nset ylabel 'squared error on a new noisy label'\nset key top right\n"
                "plot 'double-descent.dat' index 2 using 1:3:5 with filledcurves fc ls 2 fs transparent solid 0.15 noborder notitle, \\\n"
                "     '' index 1 using 1:3:5 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \\\n"
                "     '' index 0 using 1:3:5 with filledcurves fc ls 3 fs transparent solid 0.2 noborder notitle, \\\n"
                "     '' index 2 using 1:4 with lines ls 2 title 'noise σ = %.2g', \\\n"
                "     '' index 1 using 1:4 with lines ls 1 title 'noise σ = %.2g', \\\n"
                "     '' index 0 using 1:4 with lines ls 3 title 'noise σ = %.2g'\n",
            (double)s->sigma[2], (double)s->sigma[1], (double)s->sigma[0]);
    fprintf(gp, "set title 'training error, noise σ = %.2g'\nset ylabel 'mean squared training residual'\n"
                "set format y '10^{%%L}'\nset key right center\n"
                "plot 'double-descent.dat' index 1 using 1:6:8 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \\\n"
                "     '' index 1 using 1:7 with linespoints ls 1 title 'training error (median, middle half)'\n"
                "unset multiplot\n", (double)s->sigma[1]);
}

void double_descent(chapter *ch)
{
    const nn_common_flags *c = &ch->common;
    sweep s = { .n = ch->dd_n, .d = ch->dd_dims, .reps = ch->dd_reps };
    s.G = make_grid(s.n, s.grid, 80);
    s.P = s.grid[s.G - 1];
    s.sigma[0] = 0;
    s.sigma[1] = ch->dd_noise;
    s.sigma[2] = 2 * ch->dd_noise;
    nn_say(c, "\n== 7.8 Double descent: n = %d, d = %d, p from %d to %d (%d widths), %d repetitions, noise %.2g (and 0, %.2g)\n",
           s.n, s.d, s.grid[0], s.P, s.G, s.reps, (double)s.sigma[1], (double)s.sigma[2]);
    s.test = malloc(sizeof(double) * (size_t)LEVELS * s.G * s.reps);
    s.train = malloc(sizeof(double) * (size_t)LEVELS * s.G * s.reps);
    nn_rng rng = part_stream(ch, STREAM_DOUBLE_DESCENT);
    nn_progress progress;
    nn_progress_start(&progress, c, "double descent", s.reps);
    for (int r = 0; r < s.reps; r++) {
        one_repetition(&s, r, &rng);
        nn_progress_update(&progress, r + 1, "repetition %d", r + 1);
    }
    nn_progress_end(&progress);

    /* medians and quartiles; the claims' numbers for the main noise level */
    nn_table *t = nn_table_open(ch->run, "double-descent.dat",
                                "p p_over_n test_q25 test_median test_q75 train_q25 train_median train_q75 (blocks: noise 0, sigma, 2 sigma)");
    double *v = malloc(sizeof(double) * (size_t)s.reps);
    double peak_value[LEVELS] = { 0 }, best_under = INFINITY, last = 0, worst_above = 0, least_below = INFINITY;
    int peak_p[LEVELS] = { 0 }, best_under_p = 0;
    double y_ms = 0;                                 /* mean square of the targets: 1 + σ² in expectation */
    for (int l = 0; l < LEVELS; l++) {
        for (int g = 0; g < s.G; g++) {
            int p = s.grid[g];
            double qt[3], qr[3];
            int kept = finite_values(at(s.test, &s, l, g), s.reps, v);
            if (kept == 0) continue;                         /* every fit at this p refused */
            quartiles(v, kept, qt);
            finite_values(at(s.train, &s, l, g), s.reps, v);
            quartiles(v, kept, qr);
            nn_table_row(t, p, (double)p / s.n, qt[0], qt[1], qt[2], qr[0], qr[1], qr[2]);
            if (qt[1] > peak_value[l]) { peak_value[l] = qt[1]; peak_p[l] = p; }
            if (l != 1) continue;
            if (p < s.n && qt[1] < best_under) { best_under = qt[1]; best_under_p = p; }
            if (g == s.G - 1) last = qt[1];
            for (int r = 0; r < s.reps; r++) {
                double mse = at(s.train, &s, l, g)[r];
                if (p > s.n && mse > worst_above) worst_above = mse;
                if (p < s.n && mse < least_below) least_below = mse;
            }
        }
        if (l < LEVELS - 1) end_dataset(t);
    }
    y_ms = 1 + (double)s.sigma[1] * s.sigma[1];
    nn_table *mark = nn_table_open(ch->run, "double-descent-n.dat", "n (the figure marks p = n)");
    nn_table_row(mark, s.n);
    figure_double_descent(ch, &s);

    nn_result_int(ch->run, s.n, "dd.n");
    nn_result_int(ch->run, s.d, "dd.d");
    nn_result_int(ch->run, s.reps, "dd.repetitions");
    nn_result_int(ch->run, s.G, "dd.widths");
    nn_result_int(ch->run, s.P, "dd.max_p");
    nn_result_int(ch->run, TEST_POINTS, "dd.test_points");
    for (int l = 0; l < LEVELS; l++) {
        nn_result(ch->run, s.sigma[l], "dd.noise%d.sigma", l);
        nn_result_int(ch->run, peak_p[l], "dd.noise%d.peak_p", l);
        nn_result(ch->run, peak_value[l], "dd.noise%d.peak_median_test", l);
    }
    nn_result(ch->run, fabs((double)peak_p[1] - s.n) / s.n, "dd.peak_rel_offset");
    nn_result_int(ch->run, best_under_p, "dd.best_under_p");
    nn_result(ch->run, best_under, "dd.best_under_median_test");
    nn_result(ch->run, last, "dd.last_median_test");
    nn_result(ch->run, worst_above, "dd.max_train_mse_above_n");
    nn_result(ch->run, least_below, "dd.min_train_mse_below_n");
    nn_result(ch->run, y_ms, "dd.expected_target_mean_square");
    nn_result_int(ch->run, s.singular, "dd.singular_fits");
    ch->singular += s.singular;
    nn_say(c, "  [C7.6] noise %.2g: median test error peaks at p = %d (%.1f%% from n = %d) at %.3g; best below n %.4f (p = %d); "
           "at p = %d: %.4f\n", (double)s.sigma[1], peak_p[1], 100 * fabs((double)peak_p[1] - s.n) / s.n, s.n, peak_value[1],
           best_under, best_under_p, s.P, last);
    nn_say(c, "  training MSE: largest beyond n %.1e, smallest below n %.1e (targets' mean square about %.2f)\n",
           worst_above, least_below, y_ms);
    nn_say(c, "  peak height by noise level: %.3g (sigma 0), %.3g (sigma %.2g), %.3g (sigma %.2g)\n", peak_value[0],
           peak_value[1], (double)s.sigma[1], peak_value[2], (double)s.sigma[2]);
    free(v);
    free(s.test);
    free(s.train);
}

/* ---- The closed form (Belkin, Hsu & Xu 2019) ----------------------------------------------- */

/* course:begin closed_form */
/* Expected risk of the minimum-norm fit on the first p of d isotropic Gaussian inputs, with
 * y = xᵀβ + σε, ‖β‖ = 1, b = ‖β_{1..p}‖², s² = 1 − b + σ² (the part of y the p inputs cannot see):
 *     p ≤ n − 2:  s² (1 + p/(n − p − 1))
 *     p ≥ n + 2:  b (1 − n/p) + s² (1 + n/(p − n − 1))
 * (infinite for n − 1 ≤ p ≤ n + 1). Derived in the text. */
static double closed_form_risk(int p, int n, double b, double sigma)
{
    double s2 = 1 - b + sigma * sigma;
    if (p <= n - 2) return s2 * (1 + (double)p / (n - p - 1));
    if (p >= n + 2) return b * (1 - (double)n / p) + s2 * (1 + (double)n / (p - n - 1));
    return INFINITY;
}
/* course:end closed_form */

enum { BHX_GAP = 8 };               /* the claim is tested where |p − n| ≥ 8 */
static const double bhx_sigma = 0.5;

void closed_form_check(chapter *ch)
{
    const nn_common_flags *c = &ch->common;
    int n = ch->bhx_n, d = ch->bhx_dims, R = ch->bhx_reps;
    nn_say(c, "\n== 7.9 The closed form: linear regression on the first p of d = %d Gaussian inputs, n = %d, %d training sets\n",
           d, n, R);
    int grid[400], G = 0;
    for (int p = 1; p <= n - 2; p++) grid[G++] = p;
    for (int p = n + 2; p <= d && G < 400; p += p < n + 12 ? 1 : (p < 2 * n ? 2 : (d - 2 * n) / 24 + 1)) grid[G++] = p;
    if (grid[G - 1] != d) grid[G++] = d;
    /* β = (1, ..., 1)/√d: the first p inputs carry b = p/d of its squared norm */
    nn_real *beta = malloc(sizeof(nn_real) * (size_t)d), *y = malloc(sizeof(nn_real) * (size_t)n);
    nn_real *theta = malloc(sizeof(nn_real) * (size_t)d);
    for (int j = 0; j < d; j++) beta[j] = 1 / sqrt((nn_real)d);
    double *sum = calloc((size_t)G, sizeof(double)), *sum2 = calloc((size_t)G, sizeof(double));
    long *count = calloc((size_t)G, sizeof(long)), singular = 0;
    nn_rng rng = part_stream(ch, STREAM_CLOSED_FORM);
    nn_matrix X = nn_matrix_new(n, d), Xn = nn_matrix_new(n, n);
    nn_progress progress;
    nn_progress_start(&progress, c, "closed form", R);
    for (int r = 0; r < R; r++) {
        if ((r + 1) % 100 == 0) nn_progress_update(&progress, r + 1, "training set %d", r + 1);
        fill_normal(X, &rng);
        for (int i = 0; i < n; i++) {
            nn_real z = 0;
            for (int j = 0; j < d; j++) z += NN_AT(X, i, j) * beta[j];
            y[i] = z + (nn_real)bhx_sigma * nn_rng_normal(&rng, 0, 1);
        }
        first_columns(X, n, Xn);
        nn_qr square;
        int square_ok = nn_qr_factor(Xn, &square) == 0;
        for (int g = 0; g < G; g++) {
            int p = grid[g];
            if (p <= n && square_ok) nn_qr_solve_prefix(&square, y, p, theta);
            else {
                nn_matrix Xp = nn_matrix_new(n, p);
                first_columns(X, p, Xp);
                int ok = nn_lstsq(Xp, y, theta) == 0;
                nn_matrix_free(&Xp);
                if (!ok) { singular++; continue; }           /* singular to working precision */
            }
            /* the risk of this fit on a fresh (x, y): ‖β_T − θ‖² + ‖β_{not T}‖² + σ² */
            double risk = bhx_sigma * bhx_sigma;
            for (int j = 0; j < d; j++) {
                double e = (double)beta[j] - (j < p ? (double)theta[j] : 0);
                risk += e * e;
            }
            sum[g] += risk;
            sum2[g] += risk * risk;
            count[g]++;
        }
        nn_qr_free(&square);
    }
    nn_progress_end(&progress);
    nn_table *t = nn_table_open(ch->run, "closed-form.dat",
                                "p mc_mean mc_standard_error b_first_p_norm2 closed_form z (b = |beta_1..p|^2)");
    double worst_z = 0;
    int tested = 0, wrong_rejected = 0;
    for (int g = 0; g < G; g++) {
        int p = grid[g];
        long k = count[g];                                   /* R, but for fits refused as singular */
        if (k < 2) continue;
        double mean = sum[g] / k, var = (sum2[g] - k * mean * mean) / (k - 1), se = sqrt(var > 0 ? var : 0) / sqrt((double)k);
        double b = (double)p / d, form = closed_form_risk(p, n, b, bhx_sigma), z = (mean - form) / se;
        if (g > 0 && grid[g - 1] < n && p > n) nn_table_block(t);     /* the formula has no value between */
        nn_table_row(t, p, mean, se, b, form, z);
        if (abs(p - n) < BHX_GAP) continue;
        tested++;
        if (fabs(z) > worst_z) worst_z = fabs(z);
        /* the naive guess p/(n − p) for p/(n − p − 1) (and n/(p − n) below): rejected? */
        double s2 = 1 - b + bhx_sigma * bhx_sigma;
        double naive = p < n ? s2 * (1 + (double)p / (n - p)) : b * (1 - (double)n / p) + s2 * (1 + (double)n / (p - n));
        wrong_rejected += fabs(mean - naive) > 4 * se;
    }
    nn_table *gap = nn_table_open(ch->run, "closed-form-gap.dat", "low high (|p - n| < gap: shown, not tested)");
    nn_table_row(gap, n - BHX_GAP, n + BHX_GAP);
    FILE *gp = figure(ch, "closed-form", "Linear regression on the first p of d Gaussian inputs: Monte-Carlo mean against "
                      "the closed form", "inputs used p", "expected squared error on a new example", 900, 520);
    fprintf(gp, "set logscale y\nset format y '10^{%%L}'\nset key top right\nset yrange [0.8:100]\n"
                "stats 'closed-form-gap.dat' using 1 nooutput\nlow = STATS_min\n"
                "stats 'closed-form-gap.dat' using 2 nooutput\nhigh = STATS_min\n"
                "set object 1 rect from low, graph 0 to high, graph 1 fc rgb '#EEEEEE' fs solid 1.0 noborder behind\n"
                "set label 1 'not tested' at (low + high) / 2, graph 0.04 center font ',10'\n"
                "plot 'closed-form.dat' using 1:2:(2*$3) with yerrorbars ls 2 pt 6 ps 0.7 title 'Monte-Carlo mean ± 2 standard errors', \\\n"
                "     '' using 1:5 with lines ls 7 lw 1.2 title 'closed form (Belkin, Hsu and Xu 2019)'\n");
    nn_result_int(ch->run, n, "bhx.n");
    nn_result_int(ch->run, d, "bhx.d");
    nn_result_int(ch->run, R, "bhx.repetitions");
    nn_result(ch->run, bhx_sigma, "bhx.noise");
    nn_result_int(ch->run, BHX_GAP, "bhx.gap");
    nn_result_int(ch->run, tested, "bhx.points_tested");
    nn_result(ch->run, worst_z, "bhx.max_abs_z");
    nn_result_int(ch->run, wrong_rejected, "bhx.naive_formula_rejected_points");
    nn_result_int(ch->run, singular, "bhx.singular_fits");
    ch->singular += singular;
    nn_say(c, "  [C7.7] at %d widths with |p - n| >= %d the Monte-Carlo mean is within %.2f standard errors of the closed form; "
           "the naive p/(n-p) form is off by more than 4 at %d of them\n", tested, BHX_GAP, worst_z, wrong_rejected);
    nn_matrix_free(&X);
    nn_matrix_free(&Xn);
    free(beta); free(y); free(theta); free(sum); free(sum2); free(count);
}
