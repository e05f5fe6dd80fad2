/* The matrix basics and the product: the blocked nn_gemm against the naive triple loop
 * for all four transpose cases and awkward sizes, and the row-wise helpers. */
#include "nn.h"
#include "tap.h"

#include <string.h>

static nn_real fabs_real(nn_real v) { return fabs(v); }
static nn_real negate(nn_real v) { return -v; }

static void fill_random(nn_matrix m, nn_rng *rng)
{
    for (size_t i = 0; i < nn_matrix_size(m); i++) m.data[i] = nn_rng_uniform(rng, -1, 1);
}

/* max_ij |C_ij − R_ij| / (|R|_max + tiny) */
static double max_rel_diff(nn_matrix C, nn_matrix R)
{
    double worst = 0, scale = 1e-300;
    for (size_t i = 0; i < nn_matrix_size(R); i++) if (fabs(R.data[i]) > scale) scale = fabs(R.data[i]);
    for (size_t i = 0; i < nn_matrix_size(R); i++) {
        double d = fabs((double)C.data[i] - (double)R.data[i]) / scale;
        if (d > worst) worst = d;
    }
    return worst;
}

static void check_gemm(nn_trans ta, nn_trans tb, int m, int n, int k, nn_rng *rng)
{
    nn_matrix A = ta ? nn_matrix_new(k, m) : nn_matrix_new(m, k);
    nn_matrix B = tb ? nn_matrix_new(n, k) : nn_matrix_new(k, n);
    nn_matrix C = nn_matrix_new(m, n), R = nn_matrix_new(m, n);
    fill_random(A, rng); fill_random(B, rng); fill_random(C, rng);
    nn_matrix_copy(R, C);
    nn_gemm(ta, tb, NN_R(0.75), A, B, NN_R(-0.5), C);
    nn_gemm_naive(ta, tb, NN_R(0.75), A, B, NN_R(-0.5), R);
    double d = max_rel_diff(C, R);
    /* Both sum over k in the same order; FMA contraction may round differently, so allow
     * a few ulps per term of the k-long sum. */
    double tol = 8.0 * (k + 2) * NN_REAL_EPSILON;
    tap_ok(d <= tol, "gemm %c%c m=%d n=%d k=%d equals the naive product: max rel diff %.1e (tol %.1e)",
           ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, d, tol);
    nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C); nn_matrix_free(&R);
}

/* nn_gemm with 1, 2 and 3 threads: the same bits, since threads only split C into
 * disjoint pieces and each element is one fixed chain over k (lib/nn_gemm.c). */
static void check_gemm_threads(nn_trans ta, nn_trans tb, int m, int n, int k, nn_rng *rng)
{
#ifdef _OPENMP
    nn_matrix A = ta ? nn_matrix_new(k, m) : nn_matrix_new(m, k);
    nn_matrix B = tb ? nn_matrix_new(n, k) : nn_matrix_new(k, n);
    nn_matrix C0 = nn_matrix_new(m, n), C[3];
    fill_random(A, rng); fill_random(B, rng); fill_random(C0, rng);
    int saved = nn_threads();
    size_t differ = 0, first_diff = 0;
    for (int t = 0; t < 3; t++) {
        C[t] = nn_matrix_new(m, n);
        nn_matrix_copy(C[t], C0);
        nn_set_threads(t + 1);
        nn_gemm(ta, tb, NN_R(0.75), A, B, NN_R(-0.5), C[t]);
    }
    nn_set_threads(saved);
    for (int t = 1; t < 3; t++)
        for (size_t i = 0; i < nn_matrix_size(C0); i++)
            if (memcmp(&C[t].data[i], &C[0].data[i], sizeof(nn_real)) != 0 && differ++ == 0) first_diff = i;
    if (!tap_ok(differ == 0, "gemm %c%c m=%d n=%d k=%d with 1, 2, 3 threads: bit-identical (%zu elements differ)",
                ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, differ))
        tap_diag("first difference at (%zu, %zu)", first_diff / (size_t)n, first_diff % (size_t)n);
    for (int t = 0; t < 3; t++) nn_matrix_free(&C[t]);
    nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C0);
#else
    (void)ta; (void)tb; (void)m; (void)n; (void)k; (void)rng;
    tap_skip(1, "built without OpenMP: one thread only");
#endif
}

/* The small-product path (m < MR rows) and the blocked path do the same arithmetic:
 * the first 3 rows of a 70-row product equal, bit for bit, the 3-row product of the
 * first 3 rows of A (k = 600 spans several KC blocks). */
static void check_small_path(nn_trans tb, nn_rng *rng)
{
    int m = 70, n = 45, k = 600;
    nn_matrix A = nn_matrix_new(m, k), B = tb ? nn_matrix_new(n, k) : nn_matrix_new(k, n);
    nn_matrix C = nn_matrix_new(m, n), C3 = nn_matrix_new(3, n);
    fill_random(A, rng); fill_random(B, rng); fill_random(C, rng);
    for (size_t i = 0; i < nn_matrix_size(C3); i++) C3.data[i] = C.data[i];
    nn_gemm(NN_NO_TRANS, tb, NN_R(0.75), A, B, NN_R(-0.5), C);
    nn_gemm(NN_NO_TRANS, tb, NN_R(0.75), nn_matrix_row_range(A, 0, 3), B, NN_R(-0.5), C3);
    int differ = memcmp(C3.data, C.data, nn_matrix_size(C3) * sizeof(nn_real)) != 0;
    tap_ok(!differ, "gemm N%c: rows 0-2 of a 70-row product (blocked) and the 3-row product (small path) "
           "are bit-identical", tb ? 'T' : 'N');
    nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C); nn_matrix_free(&C3);
}

int main(void)
{
    static const int sizes[] = { 1, 7, 63, 65, 257 };
    const int ns = (int)(sizeof sizes / sizeof sizes[0]);
    tap_plan(4 * ns + 4 * 3 + 4 + 3 + 2 + 2 + 8);
    nn_rng rng;
    nn_rng_seed(&rng, 42);
    for (int t = 0; t < 4; t++)
        for (int s = 0; s < ns; s++)
            check_gemm((nn_trans)(t >> 1), (nn_trans)(t & 1), sizes[s], sizes[(s + 1) % ns],
                       sizes[(s + 2) % ns], &rng);
    for (int t = 0; t < 4; t++) {   /* mixed awkward shapes, and the small-product path */
        check_gemm((nn_trans)(t >> 1), (nn_trans)(t & 1), 64, 10, 784, &rng);
        check_gemm((nn_trans)(t >> 1), (nn_trans)(t & 1), 3, 128, 65, &rng);
        check_gemm((nn_trans)(t >> 1), (nn_trans)(t & 1), 3, 40, 600, &rng);   /* m < MR, k > KC */
    }

    for (int t = 0; t < 4; t++)     /* big enough to run on several threads, both split ways */
        check_gemm_threads((nn_trans)(t >> 1), (nn_trans)(t & 1), t < 2 ? 257 : 64, t < 2 ? 131 : 600, 299, &rng);
    /* The training step's two big products (a forward pass into 128 units at batch 256, cut
     * into column pieces; a weight gradient at batch 64), and a tall narrow product, which
     * is cut into row pieces. */
    check_gemm_threads(NN_NO_TRANS, NN_TRANS, 256, 128, 784, &rng);
    check_gemm_threads(NN_TRANS, NN_NO_TRANS, 128, 784, 64, &rng);
    check_gemm_threads(NN_NO_TRANS, NN_NO_TRANS, 300, 40, 100, &rng);
    check_gemm(NN_NO_TRANS, NN_TRANS, 256, 128, 784, &rng);
    check_gemm(NN_TRANS, NN_NO_TRANS, 128, 784, 64, &rng);

    check_small_path(NN_NO_TRANS, &rng);
    check_small_path(NN_TRANS, &rng);

    /* beta = 0 must not read C: NaN garbage in C must not leak into the result. */
    {
        nn_matrix A = nn_matrix_new(5, 3), B = nn_matrix_new(3, 4), C = nn_matrix_new(5, 4);
        fill_random(A, &rng); fill_random(B, &rng);
        nn_matrix_fill(C, NAN);
        nn_gemm(NN_NO_TRANS, NN_NO_TRANS, 1, A, B, 0, C);
        int finite = 1;
        for (size_t i = 0; i < nn_matrix_size(C); i++) finite &= isfinite(C.data[i]) != 0;
        tap_ok(finite, "gemm with beta = 0 ignores NaN already in C");
        nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C);
    }

    /* softmax and log-sum-exp at ±1000: finite, rows sum to 1, lse exact */
    {
        nn_real z[] = { 1000, 999, -1000, -1000, -1000, -999 };
        nn_matrix Z = nn_matrix_view(z, 2, 3), S = nn_matrix_new(2, 3);
        nn_real lse[2];
        nn_softmax_rows(Z, S);
        nn_logsumexp_rows(Z, lse);
        double s0 = NN_AT(S, 0, 0) + NN_AT(S, 0, 1) + NN_AT(S, 0, 2);
        double s1 = NN_AT(S, 1, 0) + NN_AT(S, 1, 1) + NN_AT(S, 1, 2);
        tap_ok(fabs(s0 - 1) < 1e-6 && fabs(s1 - 1) < 1e-6 && isfinite(NN_AT(S, 1, 0)),
               "softmax rows of logits at +-1000 are finite and sum to 1 (%.17g, %.17g)", s0, s1);
        double want0 = 1000 + log(1 + exp(-1.0));   /* lse(1000, 999, -1000) */
        tap_ok(fabs(lse[0] - want0) <= 1e-6 * 1000 && isfinite(lse[1]),
               "log-sum-exp of (1000, 999, -1000) = 1000 + log(1 + e^-1): %.17g", (double)lse[0]);
        nn_matrix_free(&S);
    }

    /* column sums add; axpy; the deterministic sum is exact on integers */
    {
        nn_real x[] = { 1, 2, 3, 4, 5, 6 };
        nn_real s[] = { 10, 20, 30 };
        nn_matrix X = nn_matrix_view(x, 2, 3), Sm = nn_matrix_view(s, 1, 3);
        nn_add_column_sums(X, Sm);
        tap_ok(s[0] == 15 && s[1] == 27 && s[2] == 39, "column sums add into the sums (15 27 39)");
        nn_matrix big = nn_matrix_new(1000, 13);
        for (size_t i = 0; i < nn_matrix_size(big); i++) big.data[i] = (nn_real)(i % 7);
        double want = 0;
        for (size_t i = 0; i < nn_matrix_size(big); i++) want += (double)(i % 7);
        tap_ok(nn_sum(big) == want, "chunked sum of 13000 small integers is exact: %.0f", (double)nn_sum(big));
        nn_matrix_free(&big);
        nn_real y[] = { 1, 1, 1, 1, 1, 1 };
        nn_matrix Y = nn_matrix_view(y, 2, 3);
        nn_axpy(2, X, Y);
        tap_ok(y[0] == 3 && y[5] == 13, "axpy: Y + 2X");
        nn_scale(Y, NN_R(0.5));
        tap_ok(y[0] == NN_R(1.5) && y[5] == NN_R(6.5), "scale: Y/2 gives 1.5 and 6.5 (%g, %g)",
               (double)y[0], (double)y[5]);
        nn_real m[6];
        nn_matrix M = nn_matrix_view(m, 2, 3);
        nn_map(X, M, fabs_real);
        nn_map(M, M, negate);                       /* in place, X untouched */
        tap_ok(m[0] == -1 && m[5] == -6 && x[0] == 1, "map: element-wise into another matrix and in place");
    }
    return tap_done();
}
