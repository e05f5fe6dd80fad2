/* The machine's limit: the FMA peak of one core and of two, in the bench's precision.
 *
 * A core's arithmetic peak is (FMA units) × (lanes per vector) × 2 FLOPs per cycle. The
 * kernel below reaches it with CHAINS independent accumulators, acc = acc·m + c, each an
 * FMA whose result the next iteration of the same chain waits for: with a latency of 4
 * cycles and 2 FMA units, 8 chains keep both busy; 12 leave a margin and still fit in 16
 * vector registers (AVX2) with m and c. The vectors are as wide as the compiler targets
 * (GCC vector extensions): 64 bytes with AVX-512, 32 with AVX, else 16.
 *
 * bench.sh compiles this file alone with -ffp-contract=fast (GCC's ISO C mode keeps
 * a·b + c as two instructions otherwise) and checks with objdump that peak_kernel holds
 * FMA instructions. m and c come from volatile variables and the sum of the accumulators
 * goes to a volatile sink, so the compiler can neither fold nor drop the loop. */
#include "bench.h"

#include <stdio.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#if defined(__AVX512F__)
#define PEAK_BYTES 64
#elif defined(__AVX__)
#define PEAK_BYTES 32
#else
#define PEAK_BYTES 16
#endif
#define CHAINS 12
#define LANES ((int)(PEAK_BYTES / sizeof(nn_real)))

typedef nn_real peak_vec __attribute__((vector_size(PEAK_BYTES)));

static volatile nn_real peak_m = NN_R(0.999999), peak_c = NN_R(1e-6);
static volatile double peak_sink;

/* iters × CHAINS × LANES FMAs; returns the sum of the accumulators. acc converges to
 * c / (1 − m) = 1: no overflow, no subnormal. */
__attribute__((noinline)) static double peak_kernel(long iters)
{
    peak_vec acc[CHAINS], m = peak_m - (peak_vec){ 0 }, c = peak_c - (peak_vec){ 0 };
    for (int i = 0; i < CHAINS; i++) acc[i] = (peak_vec){ 0 } + (nn_real)i;
    for (long it = 0; it < iters; it++)
        for (int i = 0; i < CHAINS; i++) acc[i] = acc[i] * m + c;
    double sum = 0;
    for (int i = 0; i < CHAINS; i++)
        for (int l = 0; l < LANES; l++) sum += acc[i][l];
    return sum;
}

/* GFLOP/s of `threads` cores, each running the kernel on its own accumulators. */
static double peak_once(long iters, int threads)
{
    double t0 = bench_now(), sums[2] = { 0, 0 };
#ifdef _OPENMP
#pragma omp parallel num_threads(threads)
    {
        sums[omp_get_thread_num() & 1] = peak_kernel(iters);
    }
#else
    threads = 1;
    sums[0] = peak_kernel(iters);
#endif
    double t = bench_now() - t0;
    peak_sink = sums[0] + sums[1];
    return 2.0 * CHAINS * LANES * (double)iters * threads / t * 1e-9;
}

static double peaks[3];     /* GFLOP/s of 1 and 2 cores */

void bench_peak(int max_threads)
{
    /* ~50 ms a run, from a first estimate; the best of 5 runs: a peak is what the cores can
     * do, and anything else running (the machine is shared) only ever lowers a run. */
    double first = peak_once(1 << 20, 1);
    long iters = (long)(0.05 * first * 1e9 / (2.0 * CHAINS * LANES));
    for (int t = 1; t <= 2; t++) {
        double runs[5];
        for (int r = 0; r < 5; r++) runs[r] = t <= max_threads ? peak_once(iters, t) : 0;
        peaks[t] = bench_stats(runs, 5).hi;
    }
    const char *note = "";
#ifndef _OPENMP
    note = " (twice one core: built without OpenMP, no threads to measure it with)";
    peaks[2] = 2 * peaks[1];
#endif
    if (max_threads < 2) { note = " (twice one core: --threads 1)"; peaks[2] = 2 * peaks[1]; }
    printf("\n== The machine's limit: FMA peak, %s, %d-byte vectors (%d lanes), %d chains\n"
           "  1 core %.1f GFLOP/s, 2 cores %.1f GFLOP/s%s\n", NN_REAL_NAME, PEAK_BYTES, LANES, CHAINS,
           peaks[1], peaks[2], note);
    bench_result("peak_%s_t1_gflops", peaks[1], BENCH_PREC);
    bench_result("peak_%s_t2_gflops", peaks[2], BENCH_PREC);
    bench_result("peak_vector_bytes", PEAK_BYTES);
}

double bench_peak_gflops(int threads) { return peaks[threads == 1 ? 1 : 2]; }

double bench_of_peak(double gflops, int threads)
{
    double p = bench_peak_gflops(threads);
    return p > 0 ? gflops / p : 0;
}
