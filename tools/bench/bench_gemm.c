/* Part 1: nn_gemm against OpenBLAS on the same matrices, 1 and 2 threads.
 * Square products n = 64..1024, and the products of a 784-128-10 network's first layer
 * at batch b: forward Z = X Wᵀ (b×784 · (128×784)ᵀ), backward dW = dZᵀ X and dX = dZ W. */
#include "bench.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    const char *name;
    nn_trans ta, tb;
    int m, n, k;
} gemm_shape;

static const gemm_shape shapes[] = {
    { "n64", NN_NO_TRANS, NN_NO_TRANS, 64, 64, 64 },
    { "n128", NN_NO_TRANS, NN_NO_TRANS, 128, 128, 128 },
    { "n256", NN_NO_TRANS, NN_NO_TRANS, 256, 256, 256 },
    { "n512", NN_NO_TRANS, NN_NO_TRANS, 512, 512, 512 },
    { "n1024", NN_NO_TRANS, NN_NO_TRANS, 1024, 1024, 1024 },
    { "fwd_b64", NN_NO_TRANS, NN_TRANS, 64, 128, 784 },     /* Z = X Wᵀ */
    { "fwd_b256", NN_NO_TRANS, NN_TRANS, 256, 128, 784 },
    { "dW_b64", NN_TRANS, NN_NO_TRANS, 128, 784, 64 },      /* dW = dZᵀ X */
    { "dW_b256", NN_TRANS, NN_NO_TRANS, 128, 784, 256 },
    { "dX_b64", NN_NO_TRANS, NN_NO_TRANS, 64, 784, 128 },   /* dX = dZ W */
    { "dX_b256", NN_NO_TRANS, NN_NO_TRANS, 256, 784, 128 },
};

static void reference_gemm(const gemm_shape *s, nn_matrix A, nn_matrix B, nn_matrix C)
{
    BENCH_GEMM(CblasRowMajor, s->ta ? CblasTrans : CblasNoTrans, s->tb ? CblasTrans : CblasNoTrans,
               s->m, s->n, s->k, 1, A.data, A.cols, B.data, B.cols, 0, C.data, C.cols);
}

/* Seconds per call of `calls` back-to-back products, or of as many as fit in 0.25 s
 * (on a busy machine a call can take a time slice, and the bench must still end; a
 * single call is never cut short). */
static double time_calls(int library, const gemm_shape *s, nn_matrix A, nn_matrix B, nn_matrix C, int calls)
{
    /* Two calls first, untimed, for both sides: a timing follows a pause (bench_quiesce)
     * in which the threads went to sleep, and on the course's virtual machine waking a
     * sleeping core takes 4-25 ms, a whole 25 ms timing. A GFLOP/s figure is the
     * steady state; the cost of waking is the machine's, and is described in README. */
    for (int w = 0; w < 2; w++) {
        if (library) nn_gemm(s->ta, s->tb, 1, A, B, 0, C);
        else reference_gemm(s, A, B, C);
    }
    double t0 = bench_now(), t = t0;
    int done = 0;
    while (done < calls && t - t0 < 0.25) {
        if (library) nn_gemm(s->ta, s->tb, 1, A, B, 0, C);
        else reference_gemm(s, A, B, C);
        done++;
        t = bench_now();
    }
    return (t - t0) / done;
}

static double max_rel_diff(nn_matrix X, nn_matrix R)
{
    double scale = 1e-300, worst = 0;
    for (size_t i = 0; i < nn_matrix_size(R); i++) if (fabs(R.data[i]) > scale) scale = fabs(R.data[i]);
    for (size_t i = 0; i < nn_matrix_size(R); i++) {
        double d = fabs((double)X.data[i] - (double)R.data[i]) / scale;
        if (d > worst) worst = d;
    }
    return worst;
}

/* One shape at one thread count; returns the library's median GFLOP/s. */
static double bench_shape(const gemm_shape *s, int threads, int repeats, nn_rng *rng)
{
    nn_matrix A = s->ta ? nn_matrix_new(s->k, s->m) : nn_matrix_new(s->m, s->k);
    nn_matrix B = s->tb ? nn_matrix_new(s->n, s->k) : nn_matrix_new(s->k, s->n);
    nn_matrix C = nn_matrix_new(s->m, s->n), R = nn_matrix_new(s->m, s->n);
    for (size_t i = 0; i < nn_matrix_size(A); i++) A.data[i] = nn_rng_uniform(rng, -1, 1);
    for (size_t i = 0; i < nn_matrix_size(B); i++) B.data[i] = nn_rng_uniform(rng, -1, 1);
    nn_gemm(s->ta, s->tb, 1, A, B, 0, C);
    reference_gemm(s, A, B, R);
    double diff = max_rel_diff(C, R), flops = 2.0 * s->m * s->n * s->k;
    /* Enough calls for ~25 ms per timing, from a first estimate. */
    double once = time_calls(0, s, A, B, R, 3);
    int calls = (int)(0.025 / (once > 1e-9 ? once : 1e-9)) + 1;
    double lib[64], ref[64], ratio[64];
    if (repeats > 64) repeats = 64;
    for (int r = 0; r < repeats; r++) {
        int lib_first = r % 2 == 0;             /* alternate who goes first */
        double t_ref = 0, t_lib;
        if (!lib_first) { t_ref = time_calls(0, s, A, B, R, calls); bench_quiesce(threads); }
        t_lib = time_calls(1, s, A, B, C, calls);
        if (lib_first) { bench_quiesce(threads); t_ref = time_calls(0, s, A, B, R, calls); }
        bench_quiesce(threads);
        lib[r] = flops / t_lib * 1e-9;
        ref[r] = flops / t_ref * 1e-9;
        ratio[r] = lib[r] / ref[r];
    }
    bench_stat l = bench_stats(lib, repeats), o = bench_stats(ref, repeats), q = bench_stats(ratio, repeats);
    printf("  %-9s %c%c %4dx%4dx%4d  %2d  %6.1f [%5.1f..%5.1f] %4.2f  %6.1f [%5.1f..%5.1f] %4.2f  %5.2f [%4.2f..%4.2f]  %.0e\n",
           s->name, s->ta ? 'T' : 'N', s->tb ? 'T' : 'N', s->m, s->n, s->k, threads,
           l.median, l.lo, l.hi, bench_of_peak(l.median, threads), o.median, o.lo, o.hi,
           bench_of_peak(o.median, threads), q.median, q.lo, q.hi, diff);
    const char *prec = BENCH_PREC;
    bench_result("gemm_%s_t%d_%s_gflops", l.median, prec, threads, s->name);
    bench_result("gemm_%s_t%d_%s_ref_gflops", o.median, prec, threads, s->name);
    bench_result("gemm_%s_t%d_%s_ratio", q.median, prec, threads, s->name);
    nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C); nn_matrix_free(&R);
    return l.median;
}

int bench_gemm(int repeats, int max_threads)
{
    const int n_shapes = (int)(sizeof shapes / sizeof shapes[0]);
    double gflops[3][sizeof shapes / sizeof shapes[0]];
    nn_rng rng;
    nn_rng_seed(&rng, 1);
    printf("\n== Matrix product: nn_gemm vs OpenBLAS %s (%s), GFLOP/s, median [min..max] of %d\n",
           sizeof(nn_real) == 8 ? "dgemm" : "sgemm", openblas_get_corename(), repeats);
    printf("  (peak: each GFLOP/s as a fraction of the FMA peak of as many cores as threads)\n");
    printf("  %-9s op m x   n x   k  thr  nn_gemm                    peak  OpenBLAS              peak  ratio              max rel diff\n", "shape");
    for (int t = 1; t <= max_threads && t <= 2; t++) {
        nn_set_threads(t);
        openblas_set_num_threads(t);
        for (int s = 0; s < n_shapes; s++) gflops[t][s] = bench_shape(&shapes[s], t, repeats, &rng);
    }
    if (max_threads >= 2) {
        const char *prec = BENCH_PREC;
        printf("  2 threads / 1 thread (nn_gemm):");
        for (int s = 0; s < n_shapes; s++) {
            printf(" %s %.2f%s", shapes[s].name, gflops[2][s] / gflops[1][s], s + 1 < n_shapes ? "," : "\n");
            bench_result("gemm_%s_%s_t2_over_t1", gflops[2][s] / gflops[1][s], prec, shapes[s].name);
        }
    }
    return 0;
}

/* ---- Under contention: three figures of one shape, in turn --------------------------- */

int bench_gemm_shape_count(void) { return (int)(sizeof shapes / sizeof shapes[0]); }
const char *bench_gemm_shape_name(int s) { return shapes[s].name; }

typedef struct {
    const gemm_shape *s;
    nn_matrix A, B, C;
    int calls;
} contended_product;

/* GFLOP/s of the library on 2 threads (which = 0) or 1 (1), or of OpenBLAS on 2 (2). */
static double contended_rate(int which, void *ctx)
{
    contended_product *c = ctx;
    int library = which != 2;
    if (library) nn_set_threads(which == 0 ? 2 : 1);
    else openblas_set_num_threads(2);
    return 2.0 * c->s->m * c->s->n * c->s->k / time_calls(library, c->s, c->A, c->B, c->C, c->calls) * 1e-9;
}

/* The library on 2 threads and on 1, OpenBLAS on 2, each repeat in a rotated order; each
 * timing is bounded by time_calls' 0.25 s. */
bench_triple bench_gemm_triple(int shape, int repeats)
{
    const gemm_shape *s = &shapes[shape];
    nn_rng rng;
    nn_rng_seed(&rng, 5);
    contended_product c = { s, s->ta ? nn_matrix_new(s->k, s->m) : nn_matrix_new(s->m, s->k),
                            s->tb ? nn_matrix_new(s->n, s->k) : nn_matrix_new(s->k, s->n),
                            nn_matrix_new(s->m, s->n), 3 };
    for (size_t i = 0; i < nn_matrix_size(c.A); i++) c.A.data[i] = nn_rng_uniform(&rng, -1, 1);
    for (size_t i = 0; i < nn_matrix_size(c.B); i++) c.B.data[i] = nn_rng_uniform(&rng, -1, 1);
    double once = 2.0 * s->m * s->n * s->k * 1e-9 / contended_rate(1, &c);   /* seconds a call */
    c.calls = (int)(0.025 / (once > 1e-9 ? once : 1e-9)) + 1;
    bench_triple t = bench_triple_measure(repeats, contended_rate, &c);
    nn_matrix_free(&c.A); nn_matrix_free(&c.B); nn_matrix_free(&c.C);
    return t;
}
