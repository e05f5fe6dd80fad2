/* Activations: every forward against the dual-number values, every backward against central
 * finite differences and against dual numbers (dual.h, the exact oracle), on odd batch
 * shapes with inputs at and near the kinks; then the known values and the chapters' claims
 * [C1.1], [C1.2], [C3.3].
 *
 * A backward pass is checked through the scalar L(Z) = Σ_ij R_ij f(Z)_ij with random
 * weights R: its gradient is exactly backward(dA = R), so one scalar function checks every
 * entry of dZ, the softmax's cross-row terms included. */
#include <math.h>
#include "nn.h"
#include "tap.h"
#include "dual.h"
#include "gradcheck.h"
#include "test_util.h"

typedef struct {
    nn_activation f;
    int rows, cols;
    nn_matrix R;        /* the weights of L */
    nn_matrix A;        /* scratch for f(Z) */
    dual *row;          /* scratch for one softmax row in duals */
} act_ctx;

/* L(Z) = Σ R ⊙ f(Z), f by the library's forward. */
static double act_loss(void *p, const nn_real *z)
{
    act_ctx *c = p;
    nn_activation_forward(c->f, nn_matrix_view((nn_real *)z, c->rows, c->cols), c->A);
    double s = 0;
    for (size_t k = 0; k < nn_matrix_size(c->A); k++) s += (double)c->R.data[k] * c->A.data[k];
    return s;
}

/* The same L on dual numbers, f by dual.h. */
static dual act_loss_dual(void *p, const dual *z)
{
    act_ctx *c = p;
    dual s = dual_const(0);
    for (int i = 0; i < c->rows; i++) {
        const dual *zi = z + (size_t)i * (size_t)c->cols;
        if (c->f.kind == NN_SOFTMAX) dual_softmax_row(zi, c->row, c->cols);
        for (int j = 0; j < c->cols; j++) {
            dual a = c->f.kind == NN_SOFTMAX ? c->row[j] : dual_activation(c->f.kind, c->f.alpha, zi[j]);
            s = dual_add(s, dual_scale(a, NN_AT(c->R, i, j)));
        }
    }
    return s;
}

static int has_kink_at_zero(nn_activation_kind kind)
{
    /* ELU with α = 1 has a continuous f' but a jump in f'' at 0: central differences across
     * it err by O(h), above the 1e-6 tolerance, so it counts as a kink too. */
    return kind == NN_RELU || kind == NN_LEAKY_RELU || kind == NN_ELU;
}

static int act_near_kink(void *p, const nn_real *z, size_t i, double h)
{
    const act_ctx *c = p;
    return has_kink_at_zero(c->f.kind) && fabs((double)z[i]) <= h;
}

/* The forward against dual.h's values: one TAP point. */
static void check_forward(act_ctx *c, nn_matrix Z, const char *label)
{
    size_t n = nn_matrix_size(Z);
    double *ref = malloc(n * sizeof *ref);
    dual *zd = malloc(n * sizeof *zd);
    nn_activation_forward(c->f, Z, c->A);
    for (size_t k = 0; k < n; k++) zd[k] = dual_const(Z.data[k]);
    for (int i = 0; i < c->rows; i++) {
        const dual *zi = zd + (size_t)i * (size_t)c->cols;
        if (c->f.kind == NN_SOFTMAX) dual_softmax_row(zi, c->row, c->cols);
        for (int j = 0; j < c->cols; j++)
            ref[(size_t)i * c->cols + j] = c->f.kind == NN_SOFTMAX ? c->row[j].v
                                         : dual_activation(c->f.kind, c->f.alpha, zi[j]).v;
    }
    gc_options opt = gc_defaults(GC_TOL_DUAL);
    opt.cols = c->cols;
    gc_result r = gc_compare(c->A.data, ref, n);
    gc_ok(&r, &opt, "%s forward (%dx%d batch)", label, c->rows, c->cols);
    free(ref);
    free(zd);
}

/* The backward against finite differences and against dual numbers: two TAP points. */
static void check_backward(act_ctx *c, nn_matrix Z, const char *label)
{
    nn_matrix A = nn_matrix_new(c->rows, c->cols), dZ = nn_matrix_new(c->rows, c->cols);
    nn_activation_forward(c->f, Z, A);
    nn_activation_backward(c->f, Z, A, c->R, dZ);

    gc_options opt = gc_defaults(GC_TOL_OP);
    opt.near_kink = act_near_kink;
    opt.ctx = c;
    opt.cols = c->cols;
    char what[128];
    snprintf(what, sizeof what, "%s backward (%dx%d batch)", label, c->rows, c->cols);
    gc_check_both(act_loss, act_loss_dual, c, Z.data, nn_matrix_size(Z), dZ.data, GC_TOL_OP, &opt, what);
    nn_matrix_free(&A);
    nn_matrix_free(&dZ);
}

/* 1 point for step, 3 for every other activation. Kinked activations get inputs exactly at
 * the kink and within ±h of it (3 of the batch, under the 10% the checker allows). */
static void check_activation(nn_activation f, int rows, int cols, nn_rng *rng)
{
    act_ctx c = { f, rows, cols, nn_matrix_new(rows, cols), nn_matrix_new(rows, cols),
                  malloc((size_t)cols * sizeof(dual)) };
    nn_matrix Z = nn_matrix_new(rows, cols);
    fill_uniform(Z, rng, -3, 3);
    fill_uniform(c.R, rng, -1, 1);
    if (has_kink_at_zero(f.kind) || f.kind == NN_STEP) {
        Z.data[1] = 0;
        Z.data[4] = (nn_real)(0.4 * GC_H);
        Z.data[7] = (nn_real)(-0.9 * GC_H);
    }
    char label[64];
    if (f.alpha != nn_activation_make(f.kind).alpha)
        snprintf(label, sizeof label, "%s (alpha %g)", nn_activation_name(f.kind), (double)f.alpha);
    else
        snprintf(label, sizeof label, "%s", nn_activation_name(f.kind));
    check_forward(&c, Z, label);
    if (f.kind != NN_STEP) check_backward(&c, Z, label);
    nn_matrix_free(&Z);
    nn_matrix_free(&c.R);
    nn_matrix_free(&c.A);
    free(c.row);
}

/* ---- Known values -------------------------------------------------------------------- */

static void check_known_values(void)
{
    nn_activation relu = nn_activation_make(NN_RELU), leaky = nn_activation_make(NN_LEAKY_RELU);
    nn_activation elu = nn_activation_make(NN_ELU);
    double s0 = nn_sigmoid(0), sp0 = nn_softplus(0);
    tap_ok(s0 == 0.5 && fabs(sp0 - log(2.0)) <= NN_REAL_EPSILON * log(2.0),
           "sigma(0) = %.17g (exactly 1/2), softplus(0) = %.17g (log 2 = %.17g)", s0, sp0, log(2.0));

    tap_ok(nn_activation_derivative(relu, 0) == 0 && nn_activation_value(relu, 0) == 0
           && nn_activation_derivative(relu, NN_R(1e-30)) == 1,
           "relu(0) = 0, relu'(0) = 0 (the source's convention), relu'(1e-30) = 1");

    nn_real lv = nn_activation_value(leaky, -2), ld = nn_activation_derivative(leaky, -2);
    tap_ok(leaky.alpha == NN_R(0.1) && ld == NN_R(0.1) && lv == NN_R(0.1) * -2
           && nn_activation_derivative(leaky, 3) == 1,
           "leaky relu: default slope %g, leaky(-2) = %g, leaky'(-2) = %g, leaky'(3) = 1",
           (double)leaky.alpha, (double)lv, (double)ld);

    tap_ok(elu.alpha == 1 && nn_activation_value(elu, -50) == -1 && nn_activation_derivative(elu, 0) == 1
           && nn_activation_make(NN_SIGMOID).alpha == 0,
           "elu: default alpha 1, elu(-50) = -1 (saturates at -alpha), elu'(0) = 1 (left piece alpha e^0)");

    /* ±1000: every forward and backward finite, the saturated values exact. */
    nn_real z[] = { 1000, -1000, 0, 40 };
    nn_matrix Z = nn_matrix_view(z, 1, 4), A = nn_matrix_new(1, 4), dZ = nn_matrix_new(1, 4);
    nn_real ones[] = { 1, 1, 1, 1 };
    nn_matrix dA = nn_matrix_view(ones, 1, 4);
    static const nn_activation_kind smooth[] = { NN_SIGMOID, NN_TANH, NN_SOFTPLUS, NN_ELU, NN_SOFTMAX };
    int finite = 1;
    for (int k = 0; k < 5; k++) {
        nn_activation f = nn_activation_make(smooth[k]);
        nn_activation_forward(f, Z, A);
        nn_activation_backward(f, Z, A, dA, dZ);
        for (int j = 0; j < 4; j++) finite &= isfinite(A.data[j]) && isfinite(dZ.data[j]);
    }
    tap_ok(finite && nn_sigmoid(1000) == 1 && nn_sigmoid(-1000) == 0 && nn_softplus(1000) == 1000
           && nn_softplus(-1000) == 0 && nn_sigmoid(-40) > 0,
           "z = +-1000: sigmoid, tanh, softplus, elu, softmax forward and backward finite; "
           "sigma(1000) = 1, sigma(-1000) = 0, softplus(1000) = 1000, softplus(-1000) = 0, sigma(-40) = %.3g > 0",
           (double)nn_sigmoid(-40));
    nn_matrix_free(&A);
    nn_matrix_free(&dZ);
}

/* [C1.1] and [C1.2]: the identities on a grid, with the derivative by dual numbers (which
 * differentiate σ and tanh from their definitions) and by the library. */
static void check_identities(void)
{
    const int points = 2001;
    double worst_sig_dual = 0, worst_sig_lib = 0, worst_tanh_dual = 0, worst_tanh_lib = 0;
    nn_activation sig = nn_activation_make(NN_SIGMOID), th = nn_activation_make(NN_TANH);
    for (int k = 0; k < points; k++) {
        nn_real z = (nn_real)(-10 + 20.0 * k / (points - 1));
        double s = nn_sigmoid(z), t = nn_activation_value(th, z);
        double s_identity = s * (1 - s), t_identity = 1 - t * t;
        worst_sig_dual = fmax(worst_sig_dual, fabs(dual_sigmoid(dual_var(z)).d - s_identity));
        worst_sig_lib = fmax(worst_sig_lib, fabs(nn_activation_derivative(sig, z) - s_identity));
        worst_tanh_dual = fmax(worst_tanh_dual, fabs(dual_tanh(dual_var(z)).d - t_identity));
        worst_tanh_lib = fmax(worst_tanh_lib, fabs(nn_activation_derivative(th, z) - t_identity));
    }
    /* σ and tanh are rounded in nn_real, then 1 − σ and 1 − t² lose up to an ulp of 1. */
    double tol = 4 * NN_REAL_EPSILON;
    tap_ok(worst_sig_dual <= tol && worst_sig_lib <= tol,
           "[C1.1] sigma' = sigma(1 - sigma) on %d points in [-10,10]: max abs err %.1e (sigma' by dual "
           "numbers), %.1e (library derivative), tol %.0e", points, worst_sig_dual, worst_sig_lib, tol);
    tap_ok(worst_tanh_dual <= tol && worst_tanh_lib <= tol,
           "[C1.2] tanh' = 1 - tanh^2 on %d points in [-10,10]: max abs err %.1e (tanh' by dual "
           "numbers), %.1e (library derivative), tol %.0e", points, worst_tanh_dual, worst_tanh_lib, tol);
}

/* [C3.3]: the Jacobian J_ij = ∂S_i/∂z_j = S_i(δ_ij − S_j), by dual numbers (seed z_j, read
 * every S_i'), against the formula with the library's S, and the library's backward with
 * dA = e_i against row i (the backward computes dz = Jᵀ dA, so dz_j = J_ij). */
static void check_softmax_jacobian(nn_rng *rng)
{
    enum { ROWS = 3, Q = 5 };
    nn_matrix Z = nn_matrix_new(ROWS, Q), S = nn_matrix_new(ROWS, Q);
    nn_matrix dA = nn_matrix_new(ROWS, Q), dZ = nn_matrix_new(ROWS, Q);
    fill_uniform(Z, rng, -4, 4);
    NN_AT(Z, 2, 0) = 30;                         /* a confident row */
    nn_activation sm = nn_activation_make(NN_SOFTMAX);
    nn_activation_forward(sm, Z, S);
    double worst_formula = 0, worst_backward = 0;
    for (int r = 0; r < ROWS; r++)
        for (int j = 0; j < Q; j++) {
            dual z[Q], s[Q];
            for (int k = 0; k < Q; k++) z[k] = dual_make(NN_AT(Z, r, k), k == j);
            dual_softmax_row(z, s, Q);
            for (int i = 0; i < Q; i++) {
                double formula = NN_AT(S, r, i) * ((i == j) - NN_AT(S, r, j));
                worst_formula = fmax(worst_formula, fabs(formula - s[i].d));
            }
        }
    for (int i = 0; i < Q; i++) {
        nn_matrix_fill(dA, 0);
        for (int r = 0; r < ROWS; r++) NN_AT(dA, r, i) = 1;
        nn_activation_backward(sm, Z, S, dA, dZ);
        for (int r = 0; r < ROWS; r++)
            for (int j = 0; j < Q; j++) {
                double formula = NN_AT(S, r, i) * ((i == j) - NN_AT(S, r, j));
                worst_backward = fmax(worst_backward, fabs(NN_AT(dZ, r, j) - formula));
            }
    }
    double tol = 4 * NN_REAL_EPSILON;
    tap_ok(worst_formula <= tol && worst_backward <= tol,
           "[C3.3] softmax Jacobian J_ij = dS_i/dz_j = S_i(delta_ij - S_j): %d rows of %d logits, vs dual numbers "
           "max abs err %.1e, backward with dA = e_i gives row i: max abs err %.1e", ROWS, Q, worst_formula,
           worst_backward);
    nn_matrix_free(&Z); nn_matrix_free(&S); nn_matrix_free(&dA); nn_matrix_free(&dZ);
}

/* ---- In place, threads, names --------------------------------------------------------- */

static void check_in_place(nn_rng *rng)
{
    nn_matrix Z = nn_matrix_new(4, 6), A = nn_matrix_new(4, 6), dA = nn_matrix_new(4, 6);
    nn_matrix dZ = nn_matrix_new(4, 6), W = nn_matrix_new(4, 6), dW = nn_matrix_new(4, 6);
    int same = 1;
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        nn_activation f = nn_activation_make((nn_activation_kind)k);
        fill_uniform(Z, rng, -3, 3);
        fill_uniform(dA, rng, -1, 1);
        nn_activation_forward(f, Z, A);
        nn_matrix_copy(W, Z);
        nn_activation_forward(f, W, W);                  /* A may be Z */
        same &= memcmp(W.data, A.data, nn_matrix_size(A) * sizeof(nn_real)) == 0;
        if (f.kind == NN_STEP) continue;
        nn_activation_backward(f, Z, A, dA, dZ);
        nn_matrix_copy(dW, dA);
        nn_activation_backward(f, Z, A, dW, dW);         /* dZ may be dA */
        same &= memcmp(dW.data, dZ.data, nn_matrix_size(dZ) * sizeof(nn_real)) == 0;
    }
    tap_ok(same, "every activation: forward with A = Z and backward with dZ = dA give the same bits "
           "as out of place");
    nn_matrix_free(&Z); nn_matrix_free(&A); nn_matrix_free(&dA);
    nn_matrix_free(&dZ); nn_matrix_free(&W); nn_matrix_free(&dW);
}

typedef struct { nn_matrix Z, dA; } big_batch;

/* Every activation's forward then backward on the big batch, all results side by side. */
static void all_activations(void *p, nn_real *out)
{
    const big_batch *b = p;
    size_t n = nn_matrix_size(b->Z);
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        nn_activation f = nn_activation_make((nn_activation_kind)k);
        nn_matrix A = nn_matrix_view(out + 2 * k * n, b->Z.rows, b->Z.cols);
        nn_matrix dZ = nn_matrix_view(out + (2 * k + 1) * n, b->Z.rows, b->Z.cols);
        nn_activation_forward(f, b->Z, A);
        if (f.kind != NN_STEP) nn_activation_backward(f, b->Z, A, b->dA, dZ);
    }
}

static void check_threads(nn_rng *rng)
{
    if (skip_without_openmp()) return;
    big_batch b = { nn_matrix_new(300, 101), nn_matrix_new(300, 101) };  /* above the threshold */
    fill_uniform(b.Z, rng, -5, 5);
    fill_uniform(b.dA, rng, -1, 1);
    size_t total = 2 * NN_ACTIVATION_COUNT * nn_matrix_size(b.Z);
    nn_real *one = calloc(total, sizeof *one), *two = calloc(total, sizeof *two);
    int same = same_bits_with_1_and_2_threads(all_activations, &b, one, two, total);
    tap_ok(same, "every activation forward and backward on a 300x101 batch: same bits with 1 and 2 threads");
    free(one); free(two);
    nn_matrix_free(&b.Z); nn_matrix_free(&b.dA);
}

static void check_names(void)
{
    int round_trip = 1;
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        nn_activation_kind kind;
        round_trip &= nn_activation_from_name(nn_activation_name((nn_activation_kind)k), &kind) == 0
                      && kind == (nn_activation_kind)k;
    }
    nn_activation_kind kind;
    tap_ok(round_trip && nn_activation_from_name("sigmoide", &kind) != 0,
           "activation names round-trip through nn_activation_from_name; 'sigmoide' is rejected");
}

int main(void)
{
    /* forward: 9 + 2 variants; backward: 2 x (8 + 2 variants); known values 5; identities 2;
     * Jacobian 1; in place, threads, names 3 */
    tap_plan(11 + 20 + 5 + 2 + 1 + 3);
    nn_rng rng;
    nn_rng_seed(&rng, 314159);
    static const int shapes[][2] = { { 3, 5 }, { 7, 9 }, { 1, 13 }, { 11, 4 }, { 5, 7 } };
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        int s = k % 5;
        nn_activation_kind kind = (nn_activation_kind)k;
        /* kinked activations need 3 kinks under 10% of the batch: the 7x9 shape */
        if (has_kink_at_zero(kind) || kind == NN_STEP) s = 1;
        check_activation(nn_activation_make(kind), shapes[s][0], shapes[s][1], &rng);
    }
    nn_activation leaky = { NN_LEAKY_RELU, NN_R(0.25) }, elu = { NN_ELU, NN_R(1.7) };
    check_activation(leaky, 7, 9, &rng);
    check_activation(elu, 7, 9, &rng);
    check_known_values();
    check_identities();
    check_softmax_jacobian(&rng);
    check_in_place(&rng);
    check_threads(&rng);
    check_names();
    return tap_done();
}
