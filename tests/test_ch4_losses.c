/* Chapter 4's claims that its own code can be held to directly (the chapter's sources are
 * compiled into this test). What the test compares against is computed here: the sample's
 * mean and medians by sorting, the likelihoods from the densities in long double, the
 * gradients by dual numbers (dual.h). The claims about trained models and Fashion-MNIST
 * ([C4.16]-[C4.20]) are read from a fresh run by tests/ch4-claims.t.
 *   [C4.1]  Rosenblatt's rule = SGD on the perceptron loss, update by update;
 *   [C4.2]  from w = 0 the perceptron loss is 0 and SGD never moves, Rosenblatt does;
 *   [C4.3]  Gaussian NLL − n·MSE/(2σ²) = n log(σ√(2π)) for any predictions;
 *   [C4.4]  Laplace NLL − n·MAE/β = n log(2β);
 *   [C4.5]  Bernoulli NLL = n·BCE, categorical NLL = n·CE;
 *   [C4.6]  gradient descent lands on the mean (MSE) and between the medians (MAE);
 *   [C4.7]  Huber's estimate lies strictly between median and mean, and grows with δ;
 *   [C4.8]  one point moved 100 further moves the MSE estimate by 100/n, the others by 0;
 *   [C4.9]  a line through outliers: the MSE slope error ≥ 3 × MAE's and Huber's;
 *   [C4.10] the naive BCE and softmax CE overflow (Inf, NaN), the library's forms do not;
 *   [C4.12] ∂CE/∂z = softmax(z) − onehot, against dual numbers;
 *   [C4.13] multi-label BCE (a sigmoid per output): ∂ℓ/∂z = σ(z) − y;
 *   [C4.14] the quadratic margin loss (1 − ys)² is the squared error (y − s)² for y = ±1;
 *   [C4.15] which margin losses are convex upper bounds of the 0-1 loss, which are not.
 * Exercise 2 of the chapter (a fixed step in fit_constant) is caught by [C4.6]; exercise 3
 * (the perceptron loss's derivative at the kink) by [C4.2]. */
#include "../chapters/04-losses/credit.c"
#include "../chapters/04-losses/likelihood.c"
#include "../chapters/04-losses/estimates.c"
#include "../chapters/04-losses/cross_entropy.c"
#include "../chapters/04-losses/margins.c"
#include "tap.h"
#include "dual.h"
#include "gradcheck.h"
#include "test_util.h"

static const int double_build = NN_REAL_EPSILON < 1e-10;
enum { SEEDS = 10 };

/* ---- [C4.1], [C4.2] ------------------------------------------------------------------ */

static void check_rosenblatt_is_sgd(void)
{
    long steps = 0, updates = 0;
    nn_real worst = 0, hinge_gap = INFINITY;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        nn_rng rng;
        nn_rng_seed(&rng, seed);
        nn_dataset blobs = nn_data_blobs(CH1_POINTS, ch1_margin, ch1_spread, &rng);
        line2 start = random_start(&rng);
        nn_dataset xor = nn_data_xor(CH1_POINTS, ch1_xor_noise, &rng);
        line2 xor_start = random_start(&rng);
        side_by_side a = run_both(blobs, start, nn_loss_make(NN_LOSS_PERCEPTRON), MAX_EPOCHS);
        side_by_side b = run_both(xor, xor_start, nn_loss_make(NN_LOSS_PERCEPTRON), CH1_XOR_EPOCHS);
        side_by_side h = run_both(blobs, start, nn_loss_make(NN_LOSS_HINGE), MAX_EPOCHS);
        if (a.updates != a.other_updates || b.updates != b.other_updates) worst = INFINITY;
        worst = fmax(worst, fmax(a.max_gap, b.max_gap));
        hinge_gap = fmin(hinge_gap, h.max_gap);
        steps += a.steps + b.steps;
        updates += a.updates + b.updates;
        nn_dataset_free(&blobs);
        nn_dataset_free(&xor);
    }
    tap_ok(worst == 0 && hinge_gap > 0.1,
           "[C4.1] Rosenblatt's update = SGD on max(0, -t z): blobs and noisy XOR of 5 seeds, %ld examples, "
           "%ld updates: largest weight difference after any example %g (0); the hinge instead differs by %.3g",
           steps, updates, (double)worst, (double)hinge_gap);
}

static void check_perceptron_from_zero(void)
{
    long sgd_moves = 0, rosenblatt_moves = 0;
    nn_real sgd_norm = 0;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        nn_rng rng;
        nn_rng_seed(&rng, seed);
        nn_dataset blobs = nn_data_blobs(CH1_POINTS, ch1_margin, ch1_spread, &rng);
        line2 zero = { { 0, 0 }, 0 };
        side_by_side r = run_both(blobs, zero, nn_loss_make(NN_LOSS_PERCEPTRON), MAX_EPOCHS);
        sgd_moves += r.other_updates;
        rosenblatt_moves += r.updates;
        sgd_norm += fabs(r.other_end.w[0]) + fabs(r.other_end.w[1]) + fabs(r.other_end.b);
        nn_dataset_free(&blobs);
    }
    tap_ok(sgd_moves == 0 && sgd_norm == 0 && rosenblatt_moves >= 5,
           "[C4.2] from w = 0 on 5 blob sets: SGD on the perceptron loss moves %ld times (0: the loss and its "
           "derivative are 0 at m = 0), Rosenblatt's rule %ld times (step(0) = 1 makes each negative a mistake)",
           sgd_moves, rosenblatt_moves);
}

/* ---- [C4.3] - [C4.5] ----------------------------------------------------------------- */

enum { LN = 40, PREDICTIONS = 200 };

/* −Σ log p(y_i | ŷ_i), from the density, in long double: the test's own. */
static long double density_nll(const nn_real *yhat, const nn_real *y, int n, double scale, int laplace)
{
    const long double pi = 3.141592653589793238462643383279502884L;
    long double nll = 0;
    for (int i = 0; i < n; i++) {
        long double r = (long double)y[i] - (long double)yhat[i], s = scale;
        long double p = laplace ? expl(-fabsl(r) / s) / (2 * s) : expl(-r * r / (2 * s * s)) / (s * sqrtl(2 * pi));
        nll -= logl(p);
    }
    return nll;
}

static void check_regression_likelihoods(nn_rng *rng)
{
    nn_matrix Y = nn_matrix_new(LN, 1), Yhat = nn_matrix_new(LN, 1);
    fill_uniform(Y, rng, -2, 2);
    double worst[2] = { 0, 0 }, wrong_half = INFINITY, chapter_gap = 0;
    const double scales[3] = { 0.3, 1, 2.5 };
    for (int laplace = 0; laplace <= 1; laplace++)
        for (int s = 0; s < 3; s++) {
            double lo = INFINITY, hi = -INFINITY, lo_wrong = INFINITY, hi_wrong = -INFINITY, size = 1;
            double sc = scales[s];
            double expected = laplace ? LN * log(2 * sc) : LN * log(sc * sqrt(2 * 3.14159265358979323846));
            for (int k = 0; k < PREDICTIONS; k++) {
                fill_uniform(Yhat, rng, -3, 3);
                double nll = (double)density_nll(Yhat.data, Y.data, LN, sc, laplace);
                double loss = laplace ? LN * nn_loss_forward(nn_loss_make(NN_LOSS_MAE), Yhat, Y) / sc
                                      : LN * nn_loss_forward(nn_loss_make(NN_LOSS_MSE), Yhat, Y) / (2 * sc * sc);
                double left = nll - loss;
                lo = fmin(lo, left);
                hi = fmax(hi, left);
                size = fmax(size, fabs(nll));              /* what cancels: deviations are relative to it */
                worst[laplace] = fmax(worst[laplace], fabs(left - expected) / (fabs(nll) + 1));
                /* The control: the Gaussian with the factor 1/2 forgotten leaves no constant. */
                double wrong = nll - 2 * loss;
                lo_wrong = fmin(lo_wrong, wrong);
                hi_wrong = fmax(hi_wrong, wrong);
                double mine = laplace ? laplace_nll(Yhat.data, Y.data, LN, sc) : gaussian_nll(Yhat.data, Y.data, LN, sc);
                chapter_gap = fmax(chapter_gap, fabs(mine - nll) / (fabs(nll) + 1));
            }
            worst[laplace] = fmax(worst[laplace], (hi - lo) / size);
            if (!laplace) wrong_half = fmin(wrong_half, hi_wrong - lo_wrong);
        }
    double tol = 64 * NN_REAL_EPSILON;
    /* the chapter forms y − ŷ in nn_real: in float that rounding alone is ~1e-7 */
    double chapter_tol = double_build ? 1e-13 : 1e-6;
    tap_ok(worst[0] <= tol && wrong_half > 1 && chapter_gap <= chapter_tol,
           "[C4.3] Gaussian NLL - n MSE/(2 sigma^2) = n log(sigma sqrt(2 pi)) on %d random predictions x 3 sigmas: "
           "max rel dev %.1e (tol %.0e); with the 1/2 forgotten the 'constant' spreads over %.3g; chapter's NLL "
           "agrees to %.1e", PREDICTIONS, worst[0], tol, wrong_half, chapter_gap);
    tap_ok(worst[1] <= tol,
           "[C4.4] Laplace NLL - n MAE/beta = n log(2 beta) on %d random predictions x 3 scales: max rel dev %.1e (tol %.0e)",
           PREDICTIONS, worst[1], tol);
    nn_matrix_free(&Y);
    nn_matrix_free(&Yhat);
}

static void check_label_likelihoods(nn_rng *rng)
{
    enum { K = 5 };
    nn_matrix P = nn_matrix_new(LN, 3), Yb = nn_matrix_new(LN, 3), Z = nn_matrix_new(LN, K), Y = nn_matrix_new(LN, K);
    double worst = 0;
    for (int k = 0; k < PREDICTIONS; k++) {
        nn_matrix_fill(Y, 0);
        long double bern = 0, cat = 0;
        for (int i = 0; i < LN; i++) {
            for (int j = 0; j < 3; j++) {                  /* three independent labels per example */
                NN_AT(P, i, j) = nn_rng_uniform(rng, NN_R(0.01), NN_R(0.99));
                NN_AT(Yb, i, j) = (nn_real)nn_rng_below(rng, 2);
                long double p = NN_AT(P, i, j);
                bern -= logl(NN_AT(Yb, i, j) == 1 ? p : 1 - p);
            }
            int c = (int)nn_rng_below(rng, K);
            NN_AT(Y, i, c) = 1;
            long double sum = 0;
            for (int j = 0; j < K; j++) {
                NN_AT(Z, i, j) = nn_rng_uniform(rng, -6, 6);
                sum += expl((long double)NN_AT(Z, i, j));
            }
            cat -= logl(expl((long double)NN_AT(Z, i, c)) / sum);
        }
        double b = LN * (double)nn_loss_forward(nn_loss_make(NN_LOSS_BCE), P, Yb);
        double ce = LN * (double)nn_loss_forward(nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, Y);
        worst = fmax(worst, fabs(b - (double)bern) / (double)bern);
        worst = fmax(worst, fabs(ce - (double)cat) / (double)cat);
    }
    double tol = 64 * NN_REAL_EPSILON;
    tap_ok(worst <= tol, "[C4.5] Bernoulli NLL = n BCE (3 labels per example) and categorical NLL = n CE, on %d random "
           "batches: max rel dev %.1e (tol %.0e), no constant left", PREDICTIONS, worst, tol);
    nn_matrix_free(&P); nn_matrix_free(&Yb); nn_matrix_free(&Z); nn_matrix_free(&Y);
}

/* ---- [C4.6] - [C4.9] ----------------------------------------------------------------- */

typedef struct { nn_real mean, lo, hi; } sample_stats;

static sample_stats stats_of(const nn_real *x)
{
    nn_real sorted[SAMPLE];
    long double sum = 0;
    for (int i = 0; i < SAMPLE; i++) {
        sum += x[i];
        sorted[i] = x[i];
    }
    for (int i = 1; i < SAMPLE; i++)                        /* insertion sort: the test's own */
        for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
            nn_real t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t;
        }
    sample_stats s = { (nn_real)(sum / SAMPLE), sorted[SAMPLE / 2 - 1], sorted[SAMPLE / 2] };
    return s;
}

static void check_estimates(void)
{
    double worst_mean = 0;
    int mae_inside = 0, huber_between = 0, moved_ok = 0;
    double worst_mse_move = 0, worst_other_move = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        nn_rng rng;
        nn_rng_seed(&rng, seed);
        nn_real x[SAMPLE], fits[N_FITS];
        skewed_sample(&rng, x);
        sample_stats st = stats_of(x);
        for (int k = 0; k < N_FITS; k++) fits[k] = fit_constant(fit_loss(k), x, SAMPLE);
        worst_mean = fmax(worst_mean, fabs(fits[0] - st.mean) / st.mean);
        mae_inside += fits[1] >= st.lo && fits[1] <= st.hi;
        /* median < huber(0.5) < huber(1) < huber(2) < mean */
        huber_between += st.hi < fits[2] && fits[2] < fits[3] && fits[3] < fits[4] && fits[4] < st.mean;

        int top = 0;
        for (int i = 1; i < SAMPLE; i++) if (x[i] > x[top]) top = i;
        x[top] += 100;
        double mse_move = fabs(fit_constant(fit_loss(0), x, SAMPLE) - fits[0] - 1.0), other = 0;
        for (int k = 1; k < N_FITS; k++) other = fmax(other, fabs(fit_constant(fit_loss(k), x, SAMPLE) - fits[k]));
        worst_mse_move = fmax(worst_mse_move, mse_move);
        worst_other_move = fmax(worst_other_move, other);
        moved_ok += mse_move <= 1e-9 && other == 0;
    }
    double tol = double_build ? 1e-12 : 1e-5;
    tap_ok(worst_mean <= tol && mae_inside == SEEDS,
           "[C4.6] gradient descent on %d skewed samples of %d: MSE lands on the mean (max rel gap %.1e, tol %.0e), "
           "MAE inside [lower median, upper median] in %d of %d", SEEDS, SAMPLE, worst_mean, tol, mae_inside, SEEDS);
    tap_ok(huber_between == SEEDS,
           "[C4.7] Huber's estimate for delta = 0.5, 1, 2: upper median < c(0.5) < c(1) < c(2) < mean in %d of %d samples",
           huber_between, SEEDS);
    if (double_build)
        tap_ok(moved_ok == SEEDS,
               "[C4.8] the largest point moved 100 further: the MSE estimate moves by 100/n = 1 (worst gap %.1e), "
               "MAE's and Huber's by %g (0), in %d of %d samples", worst_mse_move, worst_other_move, moved_ok, SEEDS);
    else
        tap_skip(1, "[C4.8] the move of 100/n is checked to 1e-9: double precision only");
}

static void check_line_fits(void)
{
    nn_real x[LINE_POINTS], y[LINE_POINTS], worst = INFINITY, a, b;
    nn_real mse = 0, robust = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        nn_rng rng;
        nn_rng_seed(&rng, seed);
        line_data(&rng, x, y);
        nn_real err[N_LINE_FITS];
        for (int k = 0; k < N_LINE_FITS; k++) {
            fit_line(fit_loss(line_fits[k]), x, y, LINE_POINTS, &a, &b);
            err[k] = fabs(a - true_slope);
        }
        nn_real ratio = err[0] / fmax(err[1], err[2]);
        if (ratio < worst) { worst = ratio; mse = err[0]; robust = fmax(err[1], err[2]); }
    }
    tap_ok(worst >= 3, "[C4.9] a line through 10 outliers, %d seeds: the squared error's slope error is at least 3 times "
           "the larger of the absolute error's and Huber's: smallest ratio %.2f (%.3f vs %.3f)", SEEDS, (double)worst,
           (double)mse, (double)robust);
}

/* ---- [C4.10], [C4.12], [C4.13] ------------------------------------------------------- */

static void check_naive_forms(void)
{
    double z3[3] = { 1000, -1000, 0 };
    nn_real zr[3] = { 1000, -1000, 0 };
    int l0 = 0, l1 = 1;
    nn_real s0 = nn_loss_cross_entropy_index_forward(nn_matrix_view(zr, 1, 3), &l0);
    nn_real s1 = nn_loss_cross_entropy_index_forward(nn_matrix_view(zr, 1, 3), &l1);
    int naive_breaks = isinf(naive_bce(37, 0)) && isinf(naive_bce(40, 0)) && isinf(naive_bce(1000, 0))
                       && isnan(naive_bce_gradient(40, 0)) && isfinite(naive_bce(36, 0))
                       && isnan(naive_softmax_ce(z3, 3, 0)) && isinf(naive_softmax_ce(z3, 3, 1));
    int stable_exact = stable_bce(40, 0) == 40 && stable_bce(1000, 0) == 1000 && stable_bce_gradient(40, 0) == 1
                       && s0 == 0 && s1 == 2000;
    tap_ok(naive_breaks && stable_exact,
           "[C4.10] y = 0: naive -log(1 - sigma(z)) is %g at z = 36, %g at 37 and 40, gradient %g; bce_logits gives "
           "%g and %g (exactly z), gradient %g; softmax CE at (1000, -1000, 0): naive %g and %g, lse form %g and %g",
           naive_bce(36, 0), naive_bce(40, 0), naive_bce_gradient(40, 0), (double)stable_bce(40, 0),
           (double)stable_bce(1000, 0), (double)stable_bce_gradient(40, 0), naive_softmax_ce(z3, 3, 0),
           naive_softmax_ce(z3, 3, 1), (double)s0, (double)s1);
}

typedef struct { nn_loss loss; nn_matrix Y; const int *labels; int rows, cols; } grad_ctx;

static dual value_of_dual(void *p, const dual *z)
{
    grad_ctx *c = p;
    return c->labels ? dual_cross_entropy_index(z, c->labels, c->rows, c->cols)
                     : dual_loss(c->loss.kind, c->loss.delta, z, c->Y.data, c->rows, c->cols);
}

static void check_softmax_gradient(nn_rng *rng)
{
    enum { ROWS = 6, Q = 7 };
    nn_matrix Z = nn_matrix_new(ROWS, Q), G = nn_matrix_new(ROWS, Q);
    int labels[ROWS];
    fill_uniform(Z, rng, -30, 30);                      /* far past where e^z is harmless */
    for (int i = 0; i < ROWS; i++) labels[i] = (int)nn_rng_below(rng, Q);
    nn_loss_cross_entropy_index_backward(Z, labels, G);
    grad_ctx c = { nn_loss_make(NN_LOSS_SOFTMAX_CE), { 0, 0, NULL }, labels, ROWS, Q };
    double ref[ROWS * Q], worst = 0;
    gc_dual_gradient(value_of_dual, &c, Z.data, ROWS * Q, ref);
    for (int i = 0; i < ROWS; i++) {
        long double sum = 0, top = NN_AT(Z, i, 0);
        for (int j = 1; j < Q; j++) if (NN_AT(Z, i, j) > top) top = NN_AT(Z, i, j);
        for (int j = 0; j < Q; j++) sum += expl((long double)NN_AT(Z, i, j) - top);
        for (int j = 0; j < Q; j++) {
            double softmax_minus_onehot = (double)(expl((long double)NN_AT(Z, i, j) - top) / sum) - (j == labels[i]);
            worst = fmax(worst, fabs(ROWS * ref[i * Q + j] - softmax_minus_onehot));
        }
    }
    gc_result r = gc_compare(G.data, ref, ROWS * Q);
    gc_options opt = gc_defaults(GC_TOL_DUAL);
    opt.cols = Q;
    gc_ok(&r, &opt, "[C4.12] dCE/dz of the library (%dx%d logits in [-30, 30])", ROWS, Q);
    double tol = double_build ? 1e-13 : 1e-6;
    tap_ok(worst <= tol, "[C4.12] the dual-number gradient times n equals softmax(z) - onehot (long double): max abs "
           "diff %.1e (tol %.0e)", worst, tol);
    nn_matrix_free(&Z);
    nn_matrix_free(&G);
}

static void check_multilabel_gradient(nn_rng *rng)
{
    enum { ROWS = 6, Q = 5 };
    nn_matrix Z = nn_matrix_new(ROWS, Q), Y = nn_matrix_new(ROWS, Q), G = nn_matrix_new(ROWS, Q);
    fill_uniform(Z, rng, -8, 8);
    int several = 0;
    for (int i = 0; i < ROWS; i++) {
        int ones = 0;
        for (int j = 0; j < Q; j++) ones += (int)(NN_AT(Y, i, j) = (nn_real)nn_rng_below(rng, 2));
        several += ones >= 2;
    }
    nn_loss bce = nn_loss_make(NN_LOSS_BCE_LOGITS);
    nn_loss_backward(bce, Z, Y, G);
    grad_ctx c = { bce, Y, NULL, ROWS, Q };
    double ref[ROWS * Q], worst = 0;
    gc_dual_gradient(value_of_dual, &c, Z.data, ROWS * Q, ref);
    for (int k = 0; k < ROWS * Q; k++) {
        double sigma_minus_y = (double)(1 / (1 + expl(-(long double)Z.data[k]))) - Y.data[k];
        worst = fmax(worst, fabs(ROWS * (double)G.data[k] - sigma_minus_y));
    }
    gc_result r = gc_compare(G.data, ref, ROWS * Q);
    gc_options opt = gc_defaults(GC_TOL_DUAL);
    opt.cols = Q;
    gc_ok(&r, &opt, "[C4.13] multi-label BCE from logits (%d rows of %d labels, %d rows with several 1s)", ROWS, Q, several);
    double tol = 8 * NN_REAL_EPSILON;
    tap_ok(worst <= tol && several >= 2, "[C4.13] n dL/dz = sigma(z) - y for every label of every row: max abs diff %.1e (tol %.0e)",
           worst, tol);
    nn_matrix_free(&Z); nn_matrix_free(&Y); nn_matrix_free(&G);
}

/* ---- [C4.15], [C4.14] ---------------------------------------------------------------- */

static void check_margin_bounds(void)
{
    /* −3 .. 3 in steps of 1/1024 (exact binary fractions; the kinks 0 and 1 are on it). */
    const phi_kind bounds[] = { HINGE, SQUARED_HINGE, EXPONENTIAL, LOGISTIC2, QUADRATIC };
    double worst_excess = INFINITY, worst_curvature = INFINITY;
    const double h = 1.0 / 1024;
    for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++)
        for (int i = -3072; i <= 3072; i++) {
            nn_real m = (nn_real)(i * h);
            worst_excess = fmin(worst_excess, phi(bounds[k], m) - nn_zero_one_loss(m));
            double curv = phi(bounds[k], (nn_real)(m - h)) - 2 * phi(bounds[k], m) + phi(bounds[k], (nn_real)(m + h));
            worst_curvature = fmin(worst_curvature, curv);
        }
    double ln_gap = phi(LOGISTIC, 0) - nn_zero_one_loss(0), perceptron_gap = phi(PERCEPTRON, 0) - nn_zero_one_loss(0);
    double tol = 8 * NN_REAL_EPSILON;
    tap_ok(worst_excess >= -tol && worst_curvature >= -tol && fabs(ln_gap - (log(2.0) - 1)) <= tol && perceptron_gap == -1,
           "[C4.15] hinge, squared hinge, exponential, logistic/log 2, quadratic: phi(m) - 1[m <= 0] >= %.1e and second "
           "differences >= %.1e on 6145 margins in [-3, 3] (kinks included); not bounds: logistic at m = 0 by %.4f "
           "(log 2 - 1), perceptron by %g", worst_excess, worst_curvature, ln_gap, perceptron_gap);
}

static void check_quadratic_is_mse(nn_rng *rng)
{
    enum { N = 1000 };
    nn_matrix S = nn_matrix_new(N, 1), Y = nn_matrix_new(N, 1);
    fill_uniform(S, rng, -4, 4);
    int same = 1;
    for (int i = 0; i < N; i++) {
        NN_AT(Y, i, 0) = nn_rng_below(rng, 2) ? 1 : -1;
        nn_real y = NN_AT(Y, i, 0), s = NN_AT(S, i, 0), one_minus_m = 1 - y * s;
        nn_real mse = nn_loss_forward(nn_loss_make(NN_LOSS_MSE), nn_matrix_row_range(S, i, 1), nn_matrix_row_range(Y, i, 1));
        same &= mse == one_minus_m * one_minus_m;
    }
    tap_ok(same, "[C4.14] for y in {-1, +1}, (1 - y s)^2 equals the library's squared error (y - s)^2 on %d random "
           "scores, to the bit", N);
    nn_matrix_free(&S);
    nn_matrix_free(&Y);
}

int main(void)
{
    tap_plan(2 + 3 + 4 + 1 + 2 + 2 + 2);
    nn_rng rng;
    nn_rng_seed(&rng, 4);
    check_rosenblatt_is_sgd();
    check_perceptron_from_zero();
    check_regression_likelihoods(&rng);
    check_label_likelihoods(&rng);
    check_estimates();
    check_line_fits();
    check_naive_forms();
    check_softmax_gradient(&rng);
    check_multilabel_gradient(&rng);
    check_quadratic_is_mse(&rng);
    check_margin_bounds();
    return tap_done();
}
