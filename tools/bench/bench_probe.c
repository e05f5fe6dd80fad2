/* An honest reference: which OpenBLAS kernel to compare with.
 *
 * OpenBLAS picks its kernels at load time from the CPU, or from OPENBLAS_CORETYPE. An old
 * OpenBLAS may not know a new CPU and fall back to slow kernels; a preset variable may ask
 * for older ones. bench.sh therefore runs `bench --probe-kernel` once per candidate, the
 * variable set for that one command, and keeps the fastest candidate that is correct here.
 *
 * Correct: a product computed in any order of summation errs by at most γ_k ≈ k·u of
 * Σ_p |a_ip||b_pj| (u = eps/2; Higham, Accuracy and Stability, §3.5). Each element is
 * compared with a naive triple loop in long double, far more exact than that, so the
 * bound is k·eps (a factor 2 of margin). A kernel using instructions the CPU lacks dies of
 * SIGILL, and one that is wrong here misses the bound by orders of magnitude. */
#include "bench.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef NN_REAL_FLOAT
#define PROBE_EPS FLT_EPSILON
#else
#define PROBE_EPS DBL_EPSILON
#endif

typedef struct { int ta, tb, m, n, k; } probe_shape;

static const probe_shape probe_shapes[] = {
    { 0, 0, 67, 45, 129 }, { 0, 1, 64, 128, 784 }, { 1, 0, 128, 784, 64 }, { 1, 1, 33, 70, 300 },
};

/* Element (i, p) of a matrix stored row-major with leading dimension ld, or of the
 * transpose of the stored one when `swapped`. */
static nn_real element(const nn_real *M, int swapped, int ld, int i, int p)
{
    return swapped ? M[(size_t)p * ld + i] : M[(size_t)i * ld + p];
}

/* max over C's elements of |C − exact| / Σ_p |a_ip||b_pj|, for one shape. */
static double probe_error(const probe_shape *s, nn_rng *rng)
{
    size_t na = (size_t)s->m * s->k, nb = (size_t)s->k * s->n;
    nn_real *A = malloc(na * sizeof *A), *B = malloc(nb * sizeof *B), *C = malloc((size_t)s->m * s->n * sizeof *C);
    if (!A || !B || !C) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
    for (size_t i = 0; i < na; i++) A[i] = nn_rng_uniform(rng, -1, 1);
    for (size_t i = 0; i < nb; i++) B[i] = nn_rng_uniform(rng, -1, 1);
    int lda = s->ta ? s->m : s->k, ldb = s->tb ? s->k : s->n;
    BENCH_GEMM(CblasRowMajor, s->ta ? CblasTrans : CblasNoTrans, s->tb ? CblasTrans : CblasNoTrans,
               s->m, s->n, s->k, 1, A, lda, B, ldb, 0, C, s->n);
    double worst = 0;
    for (int i = 0; i < s->m; i++)
        for (int j = 0; j < s->n; j++) {
            long double exact = 0, scale = 0;
            for (int p = 0; p < s->k; p++) {
                long double a = element(A, s->ta, lda, i, p), b = element(B, !s->tb, ldb, j, p);
                exact += a * b;
                scale += fabsl(a * b);
            }
            double e = (double)(fabsl((long double)C[(size_t)i * s->n + j] - exact) / (scale > 0 ? scale : 1));
            if (!(e <= worst)) worst = e;   /* a NaN counts as the worst */
        }
    free(A); free(B); free(C);
    return worst;
}

/* 1-thread GFLOP/s at n = 512: the median of 5 timings of ~40 ms each. */
static double probe_speed(void)
{
    enum { N = 512 };
    nn_matrix A = nn_matrix_new(N, N), B = nn_matrix_new(N, N), C = nn_matrix_new(N, N);
    for (size_t i = 0; i < nn_matrix_size(A); i++) A.data[i] = B.data[i] = NN_R(0.5) - (nn_real)(i % 7) / 7;
    double t0 = bench_now();
    BENCH_GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1, A.data, N, B.data, N, 0, C.data, N);
    int calls = (int)(0.04 / (bench_now() - t0 + 1e-9)) + 1;
    double rates[5];
    for (int r = 0; r < 5; r++) {
        t0 = bench_now();
        for (int c = 0; c < calls; c++)
            BENCH_GEMM(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1, A.data, N, B.data, N, 0, C.data, N);
        rates[r] = 2.0 * N * N * N * calls / (bench_now() - t0) * 1e-9;
    }
    nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C);
    return bench_stats(rates, 5).median;
}

/* One line for bench.sh: core=NAME gflops=X max_err=E bound=B correct=0|1, where the
 * error is the worst of all shapes relative to each shape's bound k·eps. */
int bench_probe_kernel(void)
{
    openblas_set_num_threads(1);
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    double worst = 0, worst_bound = 0, worst_ratio = 0;
    for (size_t i = 0; i < sizeof probe_shapes / sizeof probe_shapes[0]; i++) {
        double e = probe_error(&probe_shapes[i], &rng), bound = probe_shapes[i].k * PROBE_EPS;
        if (!(e / bound <= worst_ratio)) { worst_ratio = e / bound; worst = e; worst_bound = bound; }
    }
    int correct = worst_ratio <= 1;
    printf("core=%s gflops=%.1f max_err=%.1e bound=%.1e correct=%d\n", openblas_get_corename(),
           correct ? probe_speed() : 0.0, worst, worst_bound, correct);
    return 0;
}

/* The candidates bench.sh probed (imported keys openblas_probe_NAME_gflops), each also as
 * a fraction of one core's peak. */
void bench_probe_report(void)
{
    const char *chosen = bench_result_text_value("openblas_kernel");
    if (!chosen[0]) return;
    printf("\n== OpenBLAS kernels probed by bench.sh (1 thread, n = 512); chosen: %s\n", chosen);
    for (int i = 0; i < bench_result_count(); i++) {
        const char *key = bench_result_key(i);
        char name[64];
        if (sscanf(key, "openblas_probe_%63[^ ]", name) != 1) continue;
        size_t len = strlen(name);
        if (len < 7 || strcmp(name + len - 7, "_gflops") != 0) continue;
        name[len - 7] = '\0';
        double g = bench_result_value(key);
        printf("  %-12s %6.1f GFLOP/s  %4.2f of one core's peak\n", name, g, bench_of_peak(g, 1));
    }
}
