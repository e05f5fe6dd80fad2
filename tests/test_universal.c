/* Chapter 6's claims, tested on the chapter's own code (targets.c, build.c and measure.c
 * of chapters/06-universal are compiled into this test) against numbers computed here:
 * closed forms of the interpolation error, brute-force moduli and derivatives, exact
 * dyadic arithmetic. Each bound is checked where it holds and where it is attained, so a
 * bound made smaller by 1% would fail. ([C6.9], built against trained, is read from a run
 * of the chapter by tests/ch6-claims.t.)
 *
 *   [C6.1]  the built network equals f at the knots and the chord between them (1e-12),
 *           as does the lecture's no-bias form
 *   [C6.2]  sup error ≤ ω_f(h), attained by a jump just past a knot
 *   [C6.3]  sup error ≤ Lh/2, = 2u(h − u)/h for |x − c|, = h/2 with c at a midpoint
 *   [C6.4]  sup error ≤ h²/8·max|f″|, = h²/4 for x²
 *   [C6.5]  log-log slopes within 0.05 of −2, −1, −½; the jump's error = max(t, 1 − t) ≥ ½
 *   [C6.6]  N from the bound meets ε; where the bound is tight, N − 1 does not
 *   [C6.7]  binary data interpolated exactly with 2Nd + N + 1 neurons, 0 at other corners
 *   [C6.8]  the N-ReLU network equals it on the cube [−1, 1]^d, not outside
 *   [C6.10] rescaling (c > 0) and permuting hidden units keep the function (1e-14)
 *   [C6.11] the tent map composed k times has 2^k pieces, k = 1..10
 *   [C6.12] a one-hidden-layer network with m units has at most m + 1 pieces
 * The table of targets (target_table) is run through [C6.1]-[C6.4] and [C6.6] whole, so a
 * target a student adds is checked too (the chapter's exercise 2). */
#include "nn.h"
#include "tap.h"
#include "../chapters/06-universal/targets.c"
#include "../chapters/06-universal/build.c"
#include "../chapters/06-universal/measure.c"

#include <string.h>

#ifdef NN_REAL_FLOAT
static const int in_double = 0;
#else
static const int in_double = 1;
#endif
static const char *why_skip = "the claim is stated in double precision; this build is float";

static const nn_real kink_at = NN_R(1.0) / 3, step_at = NN_R(0.6);
enum { MAX_N = 1024 };

static nn_real rel_gap(nn_real a, nn_real b) { return fabs(a - b) / (fabs(b) > 1e-300 ? fabs(b) : 1); }

/* ---- [C6.1] The construction ---------------------------------------------------------- */

/* max over the knots and the quarter points of |net − want| / max(1, max|y|). */
static nn_real construction_gap(nn_network *net, const nn_real *x, const nn_real *y, int N)
{
    nn_real scale = 1, worst = 0;
    for (int i = 0; i <= N; i++) if (fabs(y[i]) > scale) scale = fabs(y[i]);
    nn_matrix X = nn_matrix_new(4 * N + 1, 1);
    nn_real *want = malloc((4 * N + 1) * sizeof *want), *got = malloc((4 * N + 1) * sizeof *got);
    for (int i = 0; i < N; i++)
        for (int q = 0; q < 4; q++) {
            nn_real s = (nn_real)q / 4;
            X.data[4 * i + q] = x[i] + s * (x[i + 1] - x[i]);
            want[4 * i + q] = (1 - s) * y[i] + s * y[i + 1];
        }
    X.data[4 * N] = x[N];
    want[4 * N] = y[N];
    network_outputs(net, X, got);
    for (int i = 0; i <= 4 * N; i++) if (fabs(got[i] - want[i]) / scale > worst) worst = fabs(got[i] - want[i]) / scale;
    free(want); free(got);
    nn_matrix_free(&X);
    return worst;
}

static void claim_construction(void)
{
    if (!in_double) { tap_skip(3, why_skip); return; }
    target t[TARGETS_MAX];
    int n = target_table(t, kink_at, step_at), sizes[] = { 3, 8, 50, 257 };
    nn_real worst = 0, worst_no_bias = 0;
    for (int k = 0; k < n; k++)
        for (int s = 0; s < 4; s++) {
            int N = sizes[s];
            nn_real *x = malloc((N + 1) * sizeof *x), *y = malloc((N + 1) * sizeof *y);
            uniform_knots(N, x);
            for (int i = 0; i <= N; i++) y[i] = target_value(&t[k], x[i]);
            nn_network *net = build_interpolant(x, y, N), *lecture = build_interpolant_no_bias(x, y, N);
            nn_real g = construction_gap(net, x, y, N), gl = construction_gap(lecture, x, y, N);
            if (g > worst) worst = g;
            if (gl > worst_no_bias) worst_no_bias = gl;
            nn_network_free(net); nn_network_free(lecture);
            free(x); free(y);
        }
    tap_ok(worst <= 1e-12 && worst_no_bias <= 1e-12,
           "[C6.1] %d targets x N in {3, 8, 50, 257}: the network equals f at the knots and the chord at the "
           "quarter points to %.1e (lecture's no-bias form %.1e; claim 1e-12)", n, (double)worst, (double)worst_no_bias);

    /* Unequal knots on [−2, 3], values of e^x sin 3x: the construction does not need a grid. */
    nn_rng rng;
    nn_rng_seed(&rng, 61);
    enum { K = 40 };
    nn_real x[K + 1], y[K + 1];
    nn_real gaps[K], total = 0;
    for (int i = 0; i < K; i++) total += gaps[i] = nn_rng_uniform(&rng, NN_R(0.1), 1);
    x[0] = -2;
    for (int i = 1; i <= K; i++) x[i] = x[i - 1] + 5 * gaps[i - 1] / total;
    for (int i = 0; i <= K; i++) y[i] = exp(x[i]) * sin(3 * x[i]);
    nn_network *net = build_interpolant(x, y, K);
    nn_real g = construction_gap(net, x, y, K);
    /* The check can fail: one output weight moved by 2e-8 (1e-9 of the values' size, 20) is seen. */
    net->layers[1].W.data[K / 2] += NN_R(2e-8);
    nn_real broken = construction_gap(net, x, y, K);
    nn_network_free(net);
    tap_ok(g <= 1e-12 && broken > 1e-12,
           "[C6.1] %d unequal knots on [%.2f, %.2f], f = e^x sin 3x: gap %.1e <= 1e-12; with one output weight moved "
           "by 2e-8 the same check sees %.1e", K, (double)x[0], (double)x[K], (double)g, (double)broken);

    /* Linear between knots, counted: x² has N pieces of N different slopes, so exactly N pieces. */
    target quadratic = target_quadratic();
    int wrong = 0;
    for (int N = 1; N <= 64; N++) {
        nn_network *q = build_for_target(&quadratic, N);
        wrong += count_pieces(q, 0, 1, NULL) != N;
        nn_network_free(q);
    }
    tap_ok(wrong == 0, "[C6.1] the interpolant of x^2 on N knots has exactly N linear pieces, N = 1..64 (%d wrong)", wrong);
}

/* ---- The table's constants, checked by brute force ------------------------------------ */

/* ω_f(h) = max |f(x) − f(y)| over pairs of a grid of step h/64 with |x − y| ≤ h. */
static nn_real brute_modulus(const target *t, nn_real h)
{
    enum { M = 64 };
    nn_real step = h / M, worst = 0;
    for (nn_real x = 0; x <= 1; x += step)
        for (int j = 1; j <= M && x + j * step <= 1 + 1e-12; j++) {
            nn_real d = fabs(target_value(t, x) - target_value(t, x + j * step));
            if (d > worst) worst = d;
        }
    return worst;
}

/* max |f′| and max |f″| by differences on a grid of step 1e-4 (one-sided near the ends). */
static void brute_derivatives(const target *t, nn_real *L, nn_real *curvature)
{
    nn_real d = NN_R(1e-4);
    *L = 0; *curvature = 0;
    for (nn_real x = d; x <= 1 - d; x += d) {
        nn_real a = target_value(t, x - d), b = target_value(t, x), c = target_value(t, x + d);
        if (fabs(c - a) / (2 * d) > *L) *L = fabs(c - a) / (2 * d);
        if (fabs(c - 2 * b + a) / (d * d) > *curvature) *curvature = fabs(c - 2 * b + a) / (d * d);
    }
}

static void claim_constants(void)
{
    if (!in_double) { tap_skip(1, why_skip); return; }
    target t[TARGETS_MAX + 1];
    int n = target_table(t, kink_at, step_at);
    t[n++] = target_quadratic();
    int bad = 0;
    for (int k = 0; k < n; k++) {
        for (nn_real h = NN_R(0.5); h > 1e-3; h /= 4) {
            nn_real brute = brute_modulus(&t[k], h), stated = t[k].modulus(&t[k], h);
            /* never above the stated ω; within the grid's resolution below it */
            if (brute > stated * (1 + 1e-12) || brute < stated * NN_R(0.97)) {
                bad++;
                tap_diag("%s: omega(%g) stated %.6g, brute force %.6g", t[k].name, (double)h, (double)stated, (double)brute);
            }
        }
        nn_real L, M;
        brute_derivatives(&t[k], &L, &M);
        if (isfinite(t[k].lipschitz) && (L > t[k].lipschitz * (1 + 1e-6) || L < t[k].lipschitz * NN_R(0.99))) {
            bad++;
            tap_diag("%s: L stated %.6g, max |f'| by differences %.6g", t[k].name, (double)t[k].lipschitz, (double)L);
        }
        if (isfinite(t[k].curvature) && (M > t[k].curvature * (1 + 1e-4) || M < t[k].curvature * NN_R(0.99))) {
            bad++;
            tap_diag("%s: max|f''| stated %.6g, by differences %.6g", t[k].name, (double)t[k].curvature, (double)M);
        }
    }
    tap_ok(bad == 0, "[C6.2] [C6.3] [C6.4] the table's omega_f, L and max|f''| of %d targets agree with brute force "
           "(each stated value at least the brute-force one and within 3%% of it for omega, 1%% for L and max|f''|): "
           "%d disagree", n, bad);
}

/* ---- [C6.2]-[C6.4] The bounds, where they hold and where they are attained ---------------- */

/* The sup errors of the table's targets for N = 2, 4, ..., MAX_N, computed once. */
enum { SWEEP = 10 };
static target table[TARGETS_MAX];
static int n_table;
static nn_real sweep_N[SWEEP], sweep_err[TARGETS_MAX][SWEEP];

static void compute_sweep(void)
{
    n_table = target_table(table, kink_at, step_at);
    for (int i = 0; i < SWEEP; i++) {
        sweep_N[i] = (nn_real)(2 << i);
        for (int k = 0; k < n_table; k++) sweep_err[k][i] = interpolation_error(&table[k], 2 << i);
    }
}

static void claim_bounds(void)
{
    if (!in_double) { tap_skip(6, why_skip); return; }
    const target *t = table;
    int n = n_table;
    nn_real worst[3] = { 0, 0, 0 };
    const char *names[3] = { "omega_f(h)", "Lh/2", "h^2/8 max|f''|" };
    for (int i = 0; i < SWEEP; i++)
        for (int k = 0; k < n; k++) {
            nn_real h = 1 / sweep_N[i], e = sweep_err[k][i];
            nn_real bound[3] = { t[k].modulus(&t[k], h), t[k].lipschitz * h / 2, h * h / 8 * t[k].curvature };
            for (int b = 0; b < 3; b++)
                if (isfinite(bound[b]) && e / bound[b] > worst[b]) worst[b] = e / bound[b];
        }
    for (int b = 0; b < 3; b++)
        tap_ok(worst[b] <= 1 + 1e-12, "[C6.%d] every target with a finite %s, N = 2..%d: sup error / %s at most %.6f",
               2 + b, names[b], MAX_N, names[b], (double)worst[b]);

    /* Attained. A jump at x_j + h/1000: the error is 1 − 1/1000 of ω = 1. */
    nn_real least = 1;
    for (int N = 2; N <= MAX_N; N *= 2) {
        nn_real h = NN_R(1.0) / N;
        target s = target_step((N / 2) * h + h / 1000);
        nn_real r = interpolation_error(&s, N);
        if (r < least) least = r;
    }
    tap_ok(least >= NN_R(0.999) - 1e-12 && least <= 1,
           "[C6.2] attained: a jump 1/1000 of a piece past a knot leaves error / omega_f(h) >= %.6f (0.999), N = 2..%d",
           (double)least, MAX_N);

    /* |x − c|: error 2u(h − u)/h, u the distance from c to the knot on its left; h/2 at a midpoint. */
    nn_real off = 0, off_mid = 0;
    nn_rng rng;
    nn_rng_seed(&rng, 62);
    for (int N = 2; N <= MAX_N; N *= 2) {
        nn_real h = NN_R(1.0) / N, c = nn_rng_uniform(&rng, NN_R(0.05), NN_R(0.95));
        int j = (int)floor(c * N);
        nn_real u = c - j * h;
        target kink = target_kink(c), mid = target_kink((N / 3 + NN_R(0.5)) * h);
        off = fmax(off, rel_gap(interpolation_error(&kink, N), 2 * u * (h - u) / h));
        off_mid = fmax(off_mid, rel_gap(interpolation_error(&mid, N), h / 2));
    }
    tap_ok(off <= 1e-10 && off_mid <= 1e-12,
           "[C6.3] |x - c| at a random c: error = 2u(h - u)/h to %.1e; c at a midpoint: error = Lh/2 to %.1e, N = 2..%d",
           (double)off, (double)off_mid, MAX_N);

    target quadratic = target_quadratic();
    nn_real off_q = 0;
    for (int N = 1; N <= MAX_N; N = N < 64 ? N + 1 : 2 * N) {
        nn_real h = NN_R(1.0) / N;
        off_q = fmax(off_q, rel_gap(interpolation_error(&quadratic, N), h * h / 4));
    }
    tap_ok(off_q <= 1e-9, "[C6.4] x^2 (f'' = 2): error = h^2/4 = h^2/8 max|f''| to %.1e, N = 1..64 and 128..%d",
           (double)off_q, MAX_N);
}

/* ---- [C6.5] Slopes ------------------------------------------------------------------------ */

static void claim_slopes(void)
{
    if (!in_double) { tap_skip(4, "sin 2pi x at N = 1024 errs by 5e-6, the size of float rounding in its sums"); return; }
    const target *t = table;
    const nn_real theory[3] = { -2, -1, NN_R(-0.5) };
    for (int k = 0; k < 3; k++) {   /* from N = 8: the sweep's 3rd entry on */
        nn_real slope = loglog_slope(sweep_N + 2, sweep_err[k] + 2, SWEEP - 2);
        tap_ok(fabs(slope - theory[k]) <= NN_R(0.05), "[C6.5] %s: fitted log-log slope over N = 8..%d is %.4f, within 0.05 of %g",
               t[k].formula, MAX_N, (double)slope, (double)theory[k]);
    }
    /* The jump at s: on the piece that holds s, t = (s − x_{j})/h; the chord rises from 0 to
     * 1, so the error is max(t, 1 − t) (1 − t at s, t just left of it). */
    nn_real least = 1, off = 0;
    for (int i = 0; i < SWEEP; i++) {
        nn_real N = sweep_N[i], e = sweep_err[3][i], u = step_at * N - floor(step_at * N);
        nn_real predicted = u > 1 - u ? u : 1 - u;
        if (e < least) least = e;
        off = fmax(off, fabs(e - predicted));
    }
    tap_ok(least >= NN_R(0.5) && off <= 1e-12,
           "[C6.5] the jump 1[x >= %.1f]: sup error = max(t, 1 - t) to %.1e, never below %.3f >= 1/2 of the jump, N = 2..%d",
           (double)step_at, (double)off, (double)least, MAX_N);
}

/* ---- [C6.6] Neurons for a tolerance ------------------------------------------------------ */

static int formula_neurons(const target *t, nn_real epsilon)
{
    return isfinite(t->curvature) ? neurons_for_curvature(t->curvature, epsilon)
                                  : neurons_for_lipschitz(t->lipschitz, epsilon);
}

static void claim_tolerance(void)
{
    if (!in_double) { tap_skip(2, why_skip); return; }
    target t[TARGETS_MAX];
    int n = target_table(t, kink_at, step_at), missed = 0, rows = 0, tight_ok = 0, tight_rows = 0;
    const nn_real eps[3] = { NN_R(0.07), NN_R(0.007), NN_R(0.0007) };
    for (int e = 0; e < 3; e++) {
        for (int k = 0; k < n; k++) {
            if (!isfinite(t[k].curvature) && !isfinite(t[k].lipschitz)) continue;
            int N = formula_neurons(&t[k], eps[e]);
            nn_real err = interpolation_error(&t[k], N);
            rows++;
            if (err > eps[e]) {
                missed++;
                tap_diag("%s, eps %g: N = %d gives %.6g", t[k].name, (double)eps[e], N, (double)err);
            }
        }
        target quadratic = target_quadratic();
        int N = formula_neurons(&quadratic, eps[e]), M = neurons_for_lipschitz(1, eps[e]);
        target kink = target_kink(((M - 1) / 3 + NN_R(0.5)) / (nn_real)(M - 1));
        nn_real q = interpolation_error(&quadratic, N), q1 = interpolation_error(&quadratic, N - 1);
        nn_real c = interpolation_error(&kink, M), c1 = interpolation_error(&kink, M - 1);
        tight_rows += 2;
        tight_ok += (q <= eps[e] && q1 > eps[e]) + (c <= eps[e] && c1 > eps[e]);
        tap_diag("eps %g: x^2 N = %d -> %.4g, N - 1 -> %.4g; |x - c| mid-piece N = %d -> %.4g, N - 1 -> %.4g",
                 (double)eps[e], N, (double)q, (double)q1, M, (double)c, (double)c1);
    }
    tap_ok(missed == 0, "[C6.6] N = ceil(L/(2 eps)) or ceil(sqrt(max|f''|/(8 eps))) meets eps for %d target x tolerance "
           "pairs (eps 0.07, 0.007, 0.0007): %d miss", rows, missed);
    tap_ok(tight_ok == tight_rows, "[C6.6] where the bound is tight (x^2; |x - c| with c mid-piece of N - 1 knots) "
           "N meets eps and N - 1 does not: %d of %d", tight_ok, tight_rows);
}

/* ---- [C6.7], [C6.8] Binary data --------------------------------------------------------- */

/* N distinct random corners of {−a, a}^d (rows of C) and random labels ±1. */
static void random_binary(nn_rng *rng, int d, int N, nn_real a, nn_matrix C, nn_real *y, int *codes)
{
    int corners = 1 << d;
    int *all = malloc(corners * sizeof *all);
    for (int c = 0; c < corners; c++) all[c] = c;
    nn_rng_shuffle(rng, all, (size_t)corners);
    for (int i = 0; i < N; i++) {
        codes[i] = all[i];
        for (int k = 0; k < d; k++) NN_AT(C, i, k) = (all[i] >> k) & 1 ? a : -a;
        y[i] = nn_rng_below(rng, 2) ? 1 : -1;
    }
    free(all);
}

static void claim_binary(void)
{
    nn_rng rng;
    nn_rng_seed(&rng, 67);
    const int ds[4] = { 2, 3, 6, 8 }, Ns[4] = { 3, 5, 40, 100 };
    int exact = 1, counted = 1, zero_elsewhere = 1;
    nn_real in_cube = 0, outside = 1e300;
    for (int s = 0; s < 4; s++) {
        int d = ds[s], N = Ns[s], corners = 1 << d;
        nn_matrix C = nn_matrix_new(N, d);
        nn_real *y = malloc(N * sizeof *y);
        int *codes = malloc(N * sizeof *codes);
        random_binary(&rng, d, N, 1, C, y, codes);
        nn_network *deep = build_binary_deep(C, y), *shallow = build_binary_shallow(C, y);
        counted &= network_neurons(deep) == 2 * N * d + N + 1 && network_neurons(shallow) == N + 1;
        /* every corner: y_i at the data, 0 elsewhere, from both networks */
        nn_matrix X = nn_matrix_new(corners, d);
        for (int c = 0; c < corners; c++)
            for (int k = 0; k < d; k++) NN_AT(X, c, k) = (c >> k) & 1 ? 1 : -1;
        nn_real *a = malloc(corners * sizeof *a), *b = malloc(corners * sizeof *b);
        network_outputs(deep, X, a);
        network_outputs(shallow, X, b);
        for (int c = 0; c < corners; c++) {
            nn_real want = 0;
            for (int i = 0; i < N; i++) if (codes[i] == c) want = y[i];
            exact &= a[c] == want && b[c] == want;
            zero_elsewhere &= want != 0 || (a[c] == 0 && b[c] == 0);
        }
        /* inside the cube they agree; pushed outside along one coordinate they do not */
        nn_matrix P = nn_matrix_new(500, d), Q = nn_matrix_new(500, d);
        for (int i = 0; i < 500; i++)
            for (int k = 0; k < d; k++) NN_AT(P, i, k) = nn_rng_uniform(&rng, -1, 1);
        for (int i = 0; i < 500; i++) {
            /* a data corner, one coordinate pushed out by 0.5: the deep bump falls, the ridge rises */
            int c = i % N, k = (int)nn_rng_below(&rng, (uint64_t)d);
            for (int j = 0; j < d; j++) NN_AT(Q, i, j) = NN_AT(C, c, j);
            NN_AT(Q, i, k) *= NN_R(1.5);
        }
        nn_real *pa = malloc(500 * sizeof *pa), *pb = malloc(500 * sizeof *pb);
        network_outputs(deep, P, pa);
        network_outputs(shallow, P, pb);
        for (int i = 0; i < 500; i++) in_cube = fmax(in_cube, fabs(pa[i] - pb[i]));
        network_outputs(deep, Q, pa);
        network_outputs(shallow, Q, pb);
        for (int i = 0; i < 500; i++) outside = fmin(outside, fabs(pa[i] - pb[i]));
        free(pa); free(pb); free(a); free(b); free(y); free(codes);
        nn_matrix_free(&P); nn_matrix_free(&Q); nn_matrix_free(&X); nn_matrix_free(&C);
        nn_network_free(deep); nn_network_free(shallow);
    }
    tap_ok(exact && zero_elsewhere, "[C6.7] (d, N) = (2, 3), (3, 5), (6, 40), (8, 100): F(c_i) = y_i exactly at every "
           "data corner (%s) and F = 0 at every other corner (%s)", exact ? "yes" : "no", zero_elsewhere ? "yes" : "no");
    tap_ok(counted, "[C6.7] neurons counted from the network structs: 2Nd + N + 1 for the deep network, N + 1 for "
           "one hidden layer, for all four sets (%s)", counted ? "yes" : "no");

    /* The other side: points of {−1/4, 1/4}^d are 1/2 apart in l1, so the bumps overlap. */
    int d = 3, N = 8;
    nn_matrix C = nn_matrix_new(N, d);
    nn_real y[8];
    int codes[8];
    random_binary(&rng, d, N, NN_R(0.25), C, y, codes);
    nn_network *deep = build_binary_deep(C, y);
    nn_matrix F = nn_network_forward(deep, C, NULL);
    nn_real miss = 0;
    for (int i = 0; i < N; i++) miss = fmax(miss, fabs(F.data[i] - y[i]));
    tap_ok(miss > NN_R(0.1), "[C6.7] the construction needs points >= 1 apart in l1: on {-1/4, 1/4}^3 it misses a "
           "label by %.3f", (double)miss);
    nn_network_free(deep);
    nn_matrix_free(&C);

    if (!in_double) { tap_skip(1, why_skip); return; }
    tap_ok(in_cube <= 1e-14 && outside >= NN_R(0.4),
           "[C6.8] one hidden layer of N ReLUs equals the deep network in the cube [-1, 1]^d to %.1e (claim 1e-14), "
           "and differs by at least %.3f at data corners pushed out by half", (double)in_cube, (double)outside);
}

/* ---- [C6.10] Symmetries ------------------------------------------------------------------- */

/* max |a − b| / max(1, max |a|) on n random inputs in [−2, 2]^d */
static nn_real relative_difference(nn_network *a, nn_network *b, nn_rng *rng)
{
    int d = a->n_inputs, n = 500;
    nn_matrix X = nn_matrix_new(n, d);
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_uniform(rng, -2, 2);
    nn_real *ya = malloc(n * sizeof *ya), *yb = malloc(n * sizeof *yb), scale = 1, worst = 0;
    network_outputs(a, X, ya);
    network_outputs(b, X, yb);
    for (int i = 0; i < n; i++) { scale = fmax(scale, fabs(ya[i])); worst = fmax(worst, fabs(ya[i] - yb[i])); }
    free(ya); free(yb);
    nn_matrix_free(&X);
    return worst / scale;
}

static void claim_symmetry(void)
{
    nn_rng rng;
    nn_rng_seed(&rng, 71);
    target smooth = target_smooth();
    nn_real points[3][2] = { { -1, -1 }, { 1, -1 }, { -1, 1 } }, labels[3] = { 1, -1, -1 };
    nn_layer_spec spec[3] = { { 8, nn_activation_make(NN_RELU), 0 }, { 8, nn_activation_make(NN_RELU), 0 },
                              { 2, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *nets[3] = { build_for_target(&smooth, 16), build_binary_deep(nn_matrix_view(&points[0][0], 3, 2), labels),
                            nn_network_new(3, 3, spec) };
    nn_network_init(nets[2], nn_init_make(NN_INIT_HE_NORMAL, 0, 0), nn_init_make(NN_INIT_UNIFORM, -1, 1), &rng);
    nn_real same = 0, distance = 1e300, negative = 1e300, incoming = 1e300;
    for (int m = 0; m < 3; m++) {
        nn_network *net = nets[m], *moved = copy_network(net);
        for (int l = 0; l + 1 < net->n_layers; l++) {
            int perm[64];
            for (int j = 0; j < net->layers[l].out; j++) {
                rescale_unit(moved, l, j, exp(nn_rng_uniform(&rng, -3, 3)));
                perm[j] = j;
            }
            nn_rng_shuffle(&rng, perm, (size_t)net->layers[l].out);
            permute_units(moved, l, perm);
        }
        same = fmax(same, relative_difference(net, moved, &rng));
        double dd = 0, nn = 0;
        for (size_t i = 0; i < net->n_params; i++) {
            dd += (double)(net->params[i] - moved->params[i]) * (net->params[i] - moved->params[i]);
            nn += (double)net->params[i] * net->params[i];
        }
        distance = fmin(distance, sqrt(dd / nn));
        nn_network_free(moved);
        /* the wrong moves: c = −1 on unit 0 (whose outgoing weights are not all 0), and the
         * first layer's units swapped without their outgoing weights */
        moved = copy_network(net);
        rescale_unit(moved, 0, 0, -1);
        negative = fmin(negative, relative_difference(net, moved, &rng));
        nn_network_free(moved);
        moved = copy_network(net);
        int cycle[64], width = net->layers[0].out;
        for (int j = 0; j < width; j++) cycle[j] = (j + 1) % width;
        permute_units(moved, 0, cycle);
        for (int j = 0; j < width; j++) cycle[j] = (j + width - 1) % width;   /* put the columns back */
        nn_dense *next = &moved->layers[1];
        nn_matrix V = nn_matrix_new(next->out, next->in);
        for (int r = 0; r < next->out; r++)
            for (int j = 0; j < width; j++) NN_AT(V, r, j) = NN_AT(next->W, r, cycle[j]);
        nn_network_set_layer(moved, 1, V, next->b);
        nn_matrix_free(&V);
        incoming = fmin(incoming, relative_difference(net, moved, &rng));
        nn_network_free(moved);
        nn_network_free(net);
    }
    if (in_double)
        tap_ok(same <= 1e-14, "[C6.10] every hidden unit rescaled by c in [e^-3, e^3) and every hidden layer permuted, "
               "in a 1-16-1, a 2-12-3-1 and a random 3-8-8-2 ReLU network: outputs equal to %.1e of their size (claim 1e-14)",
               (double)same);
    else tap_skip(1, why_skip);
    tap_ok(distance >= NN_R(0.5) && negative >= NN_R(0.01) && incoming >= NN_R(0.01),
           "[C6.10] not injective: those parameters are at least %.0f%% apart; the same moves done wrong (c = -1, or "
           "incoming weights permuted alone) change the outputs by at least %.3f and %.3f of their size",
           100 * (double)distance, (double)negative, (double)incoming);
}

/* ---- [C6.11], [C6.12] Pieces ------------------------------------------------------------- */

/* Pieces of net on [0, 1] counted on the dyadic grid j/2^m: the slopes of consecutive grid
 * segments, compared exactly. Right only when every breakpoint is on the grid and the
 * arithmetic is exact (dyadic weights): then it is an independent count. */
static int grid_pieces(nn_network *net, int m)
{
    int n = 1 << m;
    nn_matrix X = nn_matrix_new(n + 1, 1);
    nn_real *y = malloc((n + 1) * sizeof *y);
    uniform_knots(n, X.data);
    network_outputs(net, X, y);
    int pieces = 1;
    for (int j = 1; j < n; j++)
        if ((y[j + 1] - y[j]) != (y[j] - y[j - 1])) pieces++;   /* equal steps: equal slopes */
    free(y);
    nn_matrix_free(&X);
    return pieces;
}

static void claim_depth(void)
{
    int wrong = 0, wrong_grid = 0, off_dyadic = 0;
    for (int k = 1; k <= 10; k++) {
        nn_network *net = build_tent(k);
        nn_real *breaks;
        int pieces = count_pieces(net, 0, 1, &breaks);
        wrong += pieces != 1 << k;
        wrong_grid += grid_pieces(net, k + 2) != 1 << k;
        for (int j = 0; j <= pieces && pieces == 1 << k; j++) off_dyadic += breaks[j] != (nn_real)j / (nn_real)pieces;
        if (pieces != 1 << k) tap_diag("k = %d: %d pieces counted", k, pieces);
        free(breaks);
        nn_network_free(net);
    }
    tap_ok(wrong == 0 && off_dyadic == 0,
           "[C6.11] the tent map composed k times (k hidden layers of 2 ReLUs) has exactly 2^k linear pieces, k = 1..10, "
           "counted from its forward and backward passes, ending exactly at j/2^k: %d counts wrong, %d ends off",
           wrong, off_dyadic);
    tap_ok(wrong_grid == 0, "[C6.11] the same counts on the dyadic grid j/2^(k+2), exactly: %d of 10 differ", wrong_grid);

    /* A one-hidden-layer network of m units with kinks at random dyadic points of (0, 1) and
     * output weights ±1..±4: at most m + 1 pieces, m + 1 when the kinks are distinct. */
    nn_rng rng;
    nn_rng_seed(&rng, 73);
    int above = 0, below_distinct = 0, disagree = 0, nets = 0;
    for (int m = 1; m <= 40; m++)
        for (int rep = 0; rep < 5; rep++, nets++) {
            nn_layer_spec spec[2] = { { m, nn_activation_make(NN_RELU), 0 }, { 1, nn_activation_make(NN_IDENTITY), 0 } };
            nn_network *net = nn_network_new(1, 2, spec);
            int distinct = 1;
            nn_real kinks[40];
            for (int j = 0; j < m; j++) {
                kinks[j] = (nn_real)(1 + nn_rng_below(&rng, 255)) / 256;
                for (int i = 0; i < j; i++) distinct &= kinks[i] != kinks[j];
                nn_real w = nn_rng_below(&rng, 2) ? 1 : -1, v = (nn_real)(1 + nn_rng_below(&rng, 4));
                NN_AT(net->layers[0].W, j, 0) = w;
                net->layers[0].b.data[j] = -w * kinks[j];
                NN_AT(net->layers[1].W, 0, j) = nn_rng_below(&rng, 2) ? v : -v;
            }
            int grid = grid_pieces(net, 8), counted = count_pieces(net, 0, 1, NULL);
            above += grid > m + 1;
            below_distinct += distinct && grid != m + 1;
            disagree += grid != counted;
            nn_network_free(net);
        }
    tap_ok(above == 0 && below_distinct == 0 && disagree == 0,
           "[C6.12] %d random one-hidden-layer networks, m = 1..40 units, counted on the grid j/256: none above m + 1 "
           "pieces (%d), m + 1 whenever the kinks differ (%d wrong), count_pieces agrees (%d differ)",
           nets, above, below_distinct, disagree);

    /* So one hidden layer needs ≥ 2^k − 1 units for T^k; the interpolant on j/2^k has 2^k. */
    int not_equal = 0;
    for (int k = 1; k <= 10; k++) {
        nn_network *deep = build_tent(k);
        int M = 1 << k;
        nn_matrix X = nn_matrix_new(M + 1, 1);
        nn_real *y = malloc((M + 1) * sizeof *y);
        uniform_knots(M, X.data);
        network_outputs(deep, X, y);
        nn_network *shallow = build_interpolant(X.data, y, M);
        not_equal += grid_pieces(shallow, k + 2) != M || grid_pieces(deep, k + 2) != M;
        nn_matrix F = nn_matrix_new(4 * M + 1, 1);
        nn_real *a = malloc((4 * M + 1) * sizeof *a), *b = malloc((4 * M + 1) * sizeof *b);
        uniform_knots(4 * M, F.data);
        network_outputs(deep, F, a);
        network_outputs(shallow, F, b);
        for (int i = 0; i <= 4 * M; i++) not_equal += a[i] != b[i];
        free(a); free(b); free(y);
        nn_matrix_free(&F); nn_matrix_free(&X);
        nn_network_free(shallow); nn_network_free(deep);
    }
    tap_ok(not_equal == 0, "[C6.12] for k = 1..10 the one-hidden-layer interpolant with 2^k units equals T^k on the "
           "grid j/2^(k+2) exactly (%d values or counts differ): 2^k units against the bound 2^k - 1, and 2k in k layers",
           not_equal);
}

int main(void)
{
    /* One thread: these are claims about numbers (the chapter's run checks that threads do
     * not change them), and small forward passes on a loaded machine only wait for each other. */
    nn_set_threads(1);
    tap_plan(3 + 1 + 6 + 4 + 2 + 4 + 2 + 4);
    compute_sweep();
    claim_construction();
    claim_constants();
    claim_bounds();
    claim_slopes();
    claim_tolerance();
    claim_binary();
    claim_symmetry();
    claim_depth();
    return tap_done();
}
