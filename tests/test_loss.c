/* Losses: every loss's value against dual.h's, its gradient against central finite
 * differences and against dual numbers (the exact oracle), on odd batch shapes with
 * residuals and margins at and near the kinks; the class-index form of the softmax
 * cross-entropy the same way; then known values and the chapters' claims [C4.12], [C4.11]. */
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "nn.h"
#include "tap.h"
#include "dual.h"
#include "gradcheck.h"
#include "test_util.h"

typedef struct {
    nn_loss loss;
    int rows, cols;
    nn_matrix Y;            /* targets (unused with labels) */
    const int *labels;      /* the class-index form, else NULL */
} loss_ctx;

/* L(Ŷ) by the library. */
static double loss_value(void *p, const nn_real *yhat)
{
    const loss_ctx *c = p;
    nn_matrix Yhat = nn_matrix_view((nn_real *)yhat, c->rows, c->cols);
    return c->labels ? nn_loss_cross_entropy_index_forward(Yhat, c->labels)
                     : nn_loss_forward(c->loss, Yhat, c->Y);
}

/* L(Ŷ) by dual.h. */
static dual loss_value_dual(void *p, const dual *yhat)
{
    const loss_ctx *c = p;
    return c->labels ? dual_cross_entropy_index(yhat, c->labels, c->rows, c->cols)
                     : dual_loss(c->loss.kind, c->loss.delta, yhat, c->Y.data, c->rows, c->cols);
}

/* Where each loss has a kink, in the argument the FD step moves (ŷ_i by ±h). */
static int loss_near_kink(void *p, const nn_real *yhat, size_t i, double h)
{
    const loss_ctx *c = p;
    if (c->labels) return 0;
    double r = (double)yhat[i] - c->Y.data[i], m = (double)yhat[i] * c->Y.data[i];
    switch (c->loss.kind) {
    case NN_LOSS_MAE:           return fabs(r) <= h;
    case NN_LOSS_HUBER:         return fabs(fabs(r) - c->loss.delta) <= h;  /* f'' jumps */
    case NN_LOSS_HINGE:
    case NN_LOSS_SQUARED_HINGE: return fabs(m - 1) <= h;                    /* |y| = 1 */
    case NN_LOSS_PERCEPTRON:    return fabs(m) <= h;
    default:                    return 0;
    }
}

/* Targets and predictions each loss is defined for. */
static void fill_batch(nn_loss_kind kind, nn_matrix Yhat, nn_matrix Y, nn_rng *rng)
{
    int q = Y.cols;
    fill_uniform(Yhat, rng, -2.5, 2.5);
    fill_uniform(Y, rng, -2, 2);
    for (size_t k = 0; k < nn_matrix_size(Y); k++) {
        double u = nn_rng_uniform01(rng);
        switch (kind) {
        case NN_LOSS_BCE:                    /* p in (0.1, 0.9), hard and soft labels */
            Yhat.data[k] = nn_rng_uniform(rng, NN_R(0.1), NN_R(0.9));
            Y.data[k] = u < 0.35 ? 0 : u < 0.7 ? 1 : (nn_real)u;
            break;
        case NN_LOSS_BCE_LOGITS:
            Y.data[k] = u < 0.35 ? 0 : u < 0.7 ? 1 : (nn_real)u;
            break;
        case NN_LOSS_LOGISTIC: case NN_LOSS_EXPONENTIAL: case NN_LOSS_HINGE:
        case NN_LOSS_SQUARED_HINGE: case NN_LOSS_PERCEPTRON:
            Y.data[k] = u < 0.5 ? -1 : 1;
            break;
        default: break;
        }
    }
    if (kind == NN_LOSS_SOFTMAX_CE)          /* one-hot rows and soft distributions */
        for (int i = 0; i < Y.rows; i++) {
            nn_real mass = 0;
            for (int j = 0; j < q; j++) {
                NN_AT(Y, i, j) = i % 2 ? (nn_real)nn_rng_uniform01(rng) : 0;
                mass += NN_AT(Y, i, j);
            }
            if (i % 2 == 0) NN_AT(Y, i, (int)nn_rng_below(rng, (uint64_t)q)) = 1;
            else for (int j = 0; j < q; j++) NN_AT(Y, i, j) /= mass;
        }
}

/* Residuals or margins exactly at the kink and within ±h of it, for the kinked losses. */
static int put_kinks(nn_loss loss, nn_matrix Yhat, nn_matrix Y)
{
    const double offsets[] = { 0, 0.4 * GC_H };
    int count = nn_matrix_size(Y) >= 40 ? 2 : 1;   /* at most 10% of the batch */
    for (int k = 0; k < count; k++) {
        size_t i = 3 + 5 * (size_t)k;
        double at;
        switch (loss.kind) {
        case NN_LOSS_MAE:           at = Y.data[i]; break;
        case NN_LOSS_HUBER:         at = Y.data[i] + loss.delta; break;
        case NN_LOSS_HINGE:
        case NN_LOSS_SQUARED_HINGE: at = Y.data[i]; break;         /* m = y·y = 1 */
        case NN_LOSS_PERCEPTRON:    at = 0; break;                 /* m = 0 */
        default:                    return 0;
        }
        Yhat.data[i] = (nn_real)(at + offsets[k]);
    }
    return count;
}

static void loss_label(char *buf, size_t len, const loss_ctx *c)
{
    if (c->labels) snprintf(buf, len, "softmax_ce with class indices");
    else if (c->loss.kind == NN_LOSS_HUBER && c->loss.delta != 1)
        snprintf(buf, len, "huber (delta %g)", (double)c->loss.delta);
    else snprintf(buf, len, "%s", nn_loss_name(c->loss.kind));
}

/* Three TAP points: the value vs dual numbers, the gradient vs finite differences and vs
 * dual numbers. */
static void check_loss_on(loss_ctx *c, nn_matrix Yhat)
{
    size_t n = nn_matrix_size(Yhat);
    char label[64];
    loss_label(label, sizeof label, c);
    nn_matrix G = nn_matrix_new(c->rows, c->cols);
    dual *yd = malloc(n * sizeof *yd);

    for (size_t k = 0; k < n; k++) yd[k] = dual_const(Yhat.data[k]);
    nn_real value = (nn_real)loss_value(c, Yhat.data);
    double dual_value = loss_value_dual(c, yd).v;
    gc_options opt = gc_defaults(GC_TOL_DUAL);
    gc_result r = gc_compare(&value, &dual_value, 1);
    gc_ok(&r, &opt, "%s forward (%dx%d batch, L = %.6g)", label, c->rows, c->cols, value);

    if (c->labels) nn_loss_cross_entropy_index_backward(Yhat, c->labels, G);
    else nn_loss_backward(c->loss, Yhat, c->Y, G);

    opt.near_kink = loss_near_kink;
    opt.ctx = c;
    opt.cols = c->cols;
    char what[128];
    snprintf(what, sizeof what, "%s backward (%dx%d batch)", label, c->rows, c->cols);
    gc_check_both(loss_value, loss_value_dual, c, Yhat.data, n, G.data, GC_TOL_OP, &opt, what);
    free(yd);
    nn_matrix_free(&G);
}

static void check_loss(nn_loss loss, int rows, int cols, nn_rng *rng)
{
    loss_ctx c = { loss, rows, cols, nn_matrix_new(rows, cols), NULL };
    nn_matrix Yhat = nn_matrix_new(rows, cols);
    fill_batch(loss.kind, Yhat, c.Y, rng);
    put_kinks(loss, Yhat, c.Y);
    check_loss_on(&c, Yhat);
    nn_matrix_free(&Yhat);
    nn_matrix_free(&c.Y);
}

static void check_cross_entropy_index(int rows, int cols, nn_rng *rng)
{
    int *labels = malloc((size_t)rows * sizeof *labels);
    for (int i = 0; i < rows; i++) labels[i] = (int)nn_rng_below(rng, (uint64_t)cols);
    loss_ctx c = { nn_loss_make(NN_LOSS_SOFTMAX_CE), rows, cols, { 0, 0, NULL }, labels };
    nn_matrix Z = nn_matrix_new(rows, cols);
    fill_uniform(Z, rng, -4, 4);
    check_loss_on(&c, Z);
    nn_matrix_free(&Z);
    free(labels);
}

/* ---- Known values ----------------------------------------------------------------------- */

/* Every expected number below is worked out by hand in the comment beside it. */
static void check_regression_values(void)
{
    nn_real yh[] = { 1, 2, 3, 4 }, y0[] = { 0, 0, 0, 0 }, yh2[] = { NN_R(0.5), 3 };
    nn_matrix Yhat = nn_matrix_view(yh, 2, 2), Y = nn_matrix_view(y0, 2, 2);
    nn_real mse = nn_loss_forward(nn_loss_make(NN_LOSS_MSE), Yhat, Y);   /* (1+4 + 9+16)/2 = 15 */
    nn_real mae = nn_loss_forward(nn_loss_make(NN_LOSS_MAE), Yhat, Y);   /* (1+2 + 3+4)/2 = 5 */
    nn_loss huber = nn_loss_make(NN_LOSS_HUBER);
    /* one row (0.5, 3): 0.5²/2 + 1·(3 − 1/2) = 0.125 + 2.5 = 2.625 */
    nn_real hub = nn_loss_forward(huber, nn_matrix_view(yh2, 1, 2), nn_matrix_view(y0, 1, 2));
    tap_ok(mse == 15 && mae == 5 && hub == NN_R(2.625) && huber.delta == 1,
           "known values: mse = %g (15), mae = %g (5), huber(0.5, 3) = %g (2.625) with the default delta %g",
           (double)mse, (double)mae, (double)hub, (double)huber.delta);

    /* BCE: p = 1/2, y = 1 → log 2; p = y = 1 and p = y = 0 → 0 (0·log 0 = 0), gradient at
     * p = 0, y = 0 is (1 − y)/(1 − p) = 1 (the mean over 1 row); p = 0, y = 1 → +∞. */
    nn_real p[] = { NN_R(0.5), 1, 0 }, t[] = { 1, 1, 0 }, g[3];
    nn_loss bce = nn_loss_make(NN_LOSS_BCE);
    nn_real half = nn_loss_forward(bce, nn_matrix_view(p, 1, 1), nn_matrix_view(t, 1, 1));
    nn_real sure = nn_loss_forward(bce, nn_matrix_view(p + 1, 1, 2), nn_matrix_view(t + 1, 1, 2));
    nn_loss_backward(bce, nn_matrix_view(p + 1, 1, 2), nn_matrix_view(t + 1, 1, 2), nn_matrix_view(g, 1, 2));
    nn_real zero = 0, one = 1;
    nn_real wrong = nn_loss_forward(bce, nn_matrix_view(&zero, 1, 1), nn_matrix_view(&one, 1, 1));
    tap_ok(fabs(half - log(2.0)) <= NN_REAL_EPSILON && sure == 0 && g[0] == -1 && g[1] == 1
           && isinf(wrong) && wrong > 0,
           "bce: p = 1/2, y = 1 costs %.17g (log 2); p = y in {0,1} costs %g with gradient %g, %g "
           "(no clamping, 0 log 0 = 0); p = 0, y = 1 costs %g", (double)half, (double)sure,
           (double)g[0], (double)g[1], (double)wrong);
}

static void check_margin_values(void)
{
    double hinge1 = nn_margin_loss(NN_LOSS_HINGE, 1), hinge0 = nn_margin_loss(NN_LOSS_HINGE, 0);
    double hingem = nn_margin_loss(NN_LOSS_HINGE, -1), log0 = nn_margin_loss(NN_LOSS_LOGISTIC, 0);
    double exp0 = nn_margin_loss(NN_LOSS_EXPONENTIAL, 0), exp1 = nn_margin_loss(NN_LOSS_EXPONENTIAL, 1);
    double sq0 = nn_margin_loss(NN_LOSS_SQUARED_HINGE, 0), sq2 = nn_margin_loss(NN_LOSS_SQUARED_HINGE, 2);
    double perc0 = nn_margin_loss(NN_LOSS_PERCEPTRON, 0), percm = nn_margin_loss(NN_LOSS_PERCEPTRON, NN_R(-2.5));
    double percp = nn_margin_loss(NN_LOSS_PERCEPTRON, NN_R(0.5));
    tap_ok(hinge1 == 0 && hinge0 == 1 && hingem == 2 && fabs(log0 - log(2.0)) <= NN_REAL_EPSILON
           && exp0 == 1 && fabs(exp1 - exp(-1.0)) <= NN_REAL_EPSILON && sq0 == 1 && sq2 == 0
           && perc0 == 0 && percm == 2.5 && percp == 0,
           "margin losses: hinge(1) = %g, hinge(0) = %g, hinge(-1) = %g, logistic(0) = %.17g (log 2), "
           "exponential(0) = %g, exponential(1) = %.6f (1/e), squared hinge(0) = %g, (2) = %g, "
           "perceptron(0) = %g, (-2.5) = %g, (0.5) = %g",
           hinge1, hinge0, hingem, log0, exp0, exp1, sq0, sq2, perc0, percm, percp);

    double z0 = nn_zero_one_loss(0), zm = nn_zero_one_loss(NN_R(-0.5)), zp = nn_zero_one_loss(NN_R(0.5));
    /* Each surrogate bounds the 0-1 loss from above (logistic after division by log 2). */
    int bounds = 1;
    for (int k = 0; k <= 600; k++) {
        nn_real m = (nn_real)(-3 + 0.01 * k);
        double zo = nn_zero_one_loss(m);
        bounds &= nn_margin_loss(NN_LOSS_HINGE, m) >= zo && nn_margin_loss(NN_LOSS_SQUARED_HINGE, m) >= zo
                  && nn_margin_loss(NN_LOSS_EXPONENTIAL, m) >= zo
                  && nn_margin_loss(NN_LOSS_LOGISTIC, m) / log(2.0) >= zo * (1 - NN_REAL_EPSILON);
    }
    tap_ok(z0 == 1 && zm == 1 && zp == 0 && bounds,
           "0-1 loss: 1[m <= 0] is %g at 0, %g at -0.5, %g at 0.5; hinge, squared hinge, exponential "
           "and logistic/log 2 bound it from above on 601 margins in [-3,3]", z0, zm, zp);
}

/* [C4.12]: n ∂L/∂z = softmax(z) − onehot, softmax computed here in long double. */
static void check_ce_gradient(nn_rng *rng)
{
    enum { ROWS = 4, Q = 6 };
    nn_matrix Z = nn_matrix_new(ROWS, Q), Y = nn_matrix_new(ROWS, Q);
    nn_matrix G = nn_matrix_new(ROWS, Q), Gi = nn_matrix_new(ROWS, Q);
    int labels[ROWS];
    fill_uniform(Z, rng, -5, 5);
    for (int i = 0; i < ROWS; i++) {
        labels[i] = (int)nn_rng_below(rng, Q);
        NN_AT(Y, i, labels[i]) = 1;
    }
    nn_loss_backward(nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, Y, G);
    nn_loss_cross_entropy_index_backward(Z, labels, Gi);
    double worst = 0;
    for (int i = 0; i < ROWS; i++) {
        long double sum = 0;
        for (int j = 0; j < Q; j++) sum += expl((long double)NN_AT(Z, i, j));
        for (int j = 0; j < Q; j++) {
            double want = (double)(expl((long double)NN_AT(Z, i, j)) / sum) - (j == labels[i]);
            worst = fmax(worst, fabs(ROWS * (double)NN_AT(G, i, j) - want));
            worst = fmax(worst, fabs(ROWS * (double)NN_AT(Gi, i, j) - want));
        }
    }
    double tol = 4 * NN_REAL_EPSILON;
    tap_ok(worst <= tol, "[C4.12] dCE/dz = softmax(z) - onehot (one-hot and index forms, %d rows of %d "
           "logits, times n for the mean): max abs err %.1e, tol %.0e", ROWS, Q, worst, tol);
    nn_matrix_free(&Z); nn_matrix_free(&Y); nn_matrix_free(&G); nn_matrix_free(&Gi);
}

/* [C4.11] and the other ±1000 cases: exact values worked out by hand. */
static void check_extreme_logits(void)
{
    /* Row 1: z = (1000, −1000, 0), label 1: lse = 1000 + log(1 + e^−1000 + e^−2000) rounds to
     * 1000, so ℓ = 1000 − (−1000) = 2000. Row 2: z = (−1000, 0, 1000), label 2: ℓ = 0 (the
     * true value, e^−1000 ≈ 5e−435, is below the ulp of any number here). Mean: 1000. */
    nn_real z[] = { 1000, -1000, 0, -1000, 0, 1000 }, y[] = { 0, 1, 0, 0, 0, 1 };
    int labels[] = { 1, 2 };
    nn_matrix Z = nn_matrix_view(z, 2, 3), Y = nn_matrix_view(y, 2, 3), G = nn_matrix_new(2, 3);
    nn_real ce = nn_loss_forward(nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, Y);
    nn_real cei = nn_loss_cross_entropy_index_forward(Z, labels);
    nn_loss_cross_entropy_index_backward(Z, labels, G);
    /* gradient (softmax − onehot)/2: row 1 (1, −1, 0)/2, row 2 (0, 0, 0) */
    int grad_exact = NN_AT(G, 0, 0) == NN_R(0.5) && NN_AT(G, 0, 1) == NN_R(-0.5) && NN_AT(G, 0, 2) == 0
                     && NN_AT(G, 1, 0) == 0 && NN_AT(G, 1, 1) == 0 && NN_AT(G, 1, 2) == 0;
    tap_ok(ce == 1000 && cei == 1000 && grad_exact,
           "[C4.11] CE stays finite for logits of +-1000: rows (1000,-1000,0) label 1 and (-1000,0,1000) "
           "label 2 give L = %.17g (one-hot) and %.17g (index), exactly 1000 = (2000 + 0)/2; gradient exact",
           (double)ce, (double)cei);

    /* BCE with logits: z = (1000, −1000) with y = (1, 1): softplus(1000) − 1000 = 0 and
     * softplus(−1000) + 1000 = 1000; with y = (0, 0): 1000 and 0. Mean over 2 rows: 1000.
     * Gradient (σ(z) − y)/2: row 1 (0, −1/2), row 2 (1/2, 0). */
    nn_real zl[] = { 1000, -1000, 1000, -1000 }, yl[] = { 1, 1, 0, 0 };
    nn_matrix Zl = nn_matrix_view(zl, 2, 2), Yl = nn_matrix_view(yl, 2, 2), Gl = nn_matrix_new(2, 2);
    nn_loss bl = nn_loss_make(NN_LOSS_BCE_LOGITS);
    nn_real v = nn_loss_forward(bl, Zl, Yl);
    nn_loss_backward(bl, Zl, Yl, Gl);
    tap_ok(v == 1000 && Gl.data[0] == 0 && Gl.data[1] == NN_R(-0.5) && Gl.data[2] == NN_R(0.5)
           && Gl.data[3] == 0,
           "bce with logits at z = +-1000, y in {0,1}: L = %.17g (exactly 1000), gradient (0, -1/2; 1/2, 0) exact",
           (double)v);
    nn_matrix_free(&G);
    nn_matrix_free(&Gl);
}

/* ---- Threads, names, labels ------------------------------------------------------------------ */

typedef struct { nn_matrix Yhat, Y, Ym, P; int *labels; } big_batch;

/* Every loss's value and gradient on the big batch, side by side in out. */
static void all_losses(void *p, nn_real *out)
{
    const big_batch *b = p;
    size_t n = nn_matrix_size(b->Yhat);
    for (int k = 0; k <= NN_LOSS_COUNT; k++) {
        nn_real *slot = out + (size_t)k * (n + 1);
        nn_matrix G = nn_matrix_view(slot + 1, b->Yhat.rows, b->Yhat.cols);
        if (k == NN_LOSS_COUNT) {                   /* the class-index form */
            slot[0] = nn_loss_cross_entropy_index_forward(b->Yhat, b->labels);
            nn_loss_cross_entropy_index_backward(b->Yhat, b->labels, G);
            continue;
        }
        nn_loss loss = nn_loss_make((nn_loss_kind)k);
        nn_matrix Yhat = k == NN_LOSS_BCE ? b->P : b->Yhat;
        nn_matrix Y = k >= NN_LOSS_LOGISTIC ? b->Ym : b->Y;
        slot[0] = nn_loss_forward(loss, Yhat, Y);
        nn_loss_backward(loss, Yhat, Y, G);
    }
}

static void check_threads(nn_rng *rng)
{
    if (skip_without_openmp()) return;
    enum { ROWS = 4000, Q = 10 };                   /* 40000 elements: above the threshold */
    big_batch b = { nn_matrix_new(ROWS, Q), nn_matrix_new(ROWS, Q), nn_matrix_new(ROWS, Q),
                    nn_matrix_new(ROWS, Q), malloc(ROWS * sizeof(int)) };
    fill_uniform(b.Yhat, rng, -3, 3);
    fill_uniform(b.Y, rng, 0, 1);                   /* soft targets: every loss but margins */
    fill_uniform(b.P, rng, 0.05, 0.95);
    for (size_t k = 0; k < nn_matrix_size(b.Ym); k++) b.Ym.data[k] = nn_rng_uniform01(rng) < 0.5 ? -1 : 1;
    for (int i = 0; i < ROWS; i++) b.labels[i] = (int)nn_rng_below(rng, Q);
    size_t total = (size_t)(NN_LOSS_COUNT + 1) * (nn_matrix_size(b.Yhat) + 1);
    nn_real *one = calloc(total, sizeof *one), *two = calloc(total, sizeof *two);
    int same = same_bits_with_1_and_2_threads(all_losses, &b, one, two, total);
    tap_ok(same, "every loss (and the index form) on a %dx%d batch: value and gradient have the same "
           "bits with 1 and 2 threads", ROWS, Q);
    free(one); free(two); free(b.labels);
    nn_matrix_free(&b.Yhat); nn_matrix_free(&b.Y); nn_matrix_free(&b.Ym); nn_matrix_free(&b.P);
}

static void check_names(void)
{
    int round_trip = 1;
    for (int k = 0; k < NN_LOSS_COUNT; k++) {
        nn_loss_kind kind;
        round_trip &= nn_loss_from_name(nn_loss_name((nn_loss_kind)k), &kind) == 0 && kind == (nn_loss_kind)k;
    }
    nn_loss_kind kind;
    tap_ok(round_trip && nn_loss_from_name("cross_entropy", &kind) != 0,
           "loss names round-trip through nn_loss_from_name; 'cross_entropy' is rejected");
}

/* A 0/1 label given to a margin loss is a programming error: the library must abort, not
 * return a wrong number. Run in a child so that the abort does not end this test. */
static void check_margin_label_abort(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr)) _exit(2);
        nn_real s[] = { NN_R(0.3) }, y[] = { 0 };
        nn_loss_forward(nn_loss_make(NN_LOSS_HINGE), nn_matrix_view(s, 1, 1), nn_matrix_view(y, 1, 1));
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
           "hinge loss given a label 0 (not -1 or +1) aborts instead of returning a number");
}

int main(void)
{
    /* 11 losses + huber delta 0.5 + the index form, 3 points each; known values 2, the
     * softmax CE gradient and its values at logits of ±1000 2, bce logits 1; threads, names,
     * label abort 3 */
    tap_plan(13 * 3 + 4 + 3 + 3);
    nn_rng rng;
    nn_rng_seed(&rng, 271828);
    static const int shapes[][2] = { { 3, 5 }, { 7, 9 }, { 5, 3 }, { 2, 11 }, { 9, 7 } };
    for (int k = 0; k < NN_LOSS_COUNT; k++)
        check_loss(nn_loss_make((nn_loss_kind)k), shapes[k % 5][0], shapes[k % 5][1], &rng);
    nn_loss huber_half = { NN_LOSS_HUBER, NN_R(0.5) };
    check_loss(huber_half, 7, 9, &rng);
    check_cross_entropy_index(5, 7, &rng);
    check_regression_values();
    check_margin_values();
    check_ce_gradient(&rng);
    check_extreme_logits();
    check_threads(&rng);
    check_names();
    check_margin_label_abort();
    return tap_done();
}
