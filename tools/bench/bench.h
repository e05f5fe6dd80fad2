/* The speed benchmark (make bench): shared pieces.
 *
 * Every figure is measured beside its reference in the same process, alternating the
 * two, so that a machine busy with something else slows both alike; a figure is the
 * median over repeats, printed with its spread (min..max), and a ratio is the median of
 * the per-repeat ratios. OpenBLAS (cblas) is the reference: only this program links it,
 * never the library. */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include "nn.h"

#ifdef NN_REAL_FLOAT
#define BENCH_GEMM cblas_sgemm
#else
#define BENCH_GEMM cblas_dgemm
#endif

void openblas_set_num_threads(int n);
char *openblas_get_corename(void);

double bench_now(void);                                  /* seconds, monotonic */
double bench_loadavg(void);                              /* 1-minute load average, or -1 */
/* Between timing one implementation and the other on several threads: sleeps long
 * enough for the idle threads of both (OpenBLAS's spin ~2^28 cycles, libgomp's
 * GOMP_SPINCOUNT) to stop spinning, so neither is timed beside the other's spinners. */
void bench_quiesce(int threads);

typedef struct { double median, lo, hi; } bench_stat;   /* lo..hi: min..max */
bench_stat bench_stats(const double *x, int n);         /* sorts a copy */

#define BENCH_PREC (sizeof(nn_real) == 8 ? "f64" : "f32")

/* The summary: `key = value` lines, printed at the end and written to a file. */
void bench_result(const char *key_fmt, double value, ...);
void bench_result_text(const char *key, const char *text);    /* a word (a kernel's name) */
int bench_import(const char *path);                     /* another file's key = value lines */
int bench_results_write(const char *path);              /* tmp + rename; 0 on success */
void bench_results_print(void);
double bench_result_value(const char *key);             /* a summary value, or -1 */
const char *bench_result_text_value(const char *key);   /* a summary word, or "" */
int bench_result_count(void);
const char *bench_result_key(int i);

/* OpenBLAS's kernel, probed by bench.sh in one process per candidate (bench_probe.c). */
int bench_probe_kernel(void);
void bench_probe_report(void);                          /* the imported probe figures */

/* The machine's FMA peak on 1 and 2 cores (bench_peak.c), measured first. */
void bench_peak(int max_threads);
double bench_peak_gflops(int threads);
double bench_of_peak(double gflops, int threads);       /* a fraction of that peak */

/* The parts; each returns 0 on success, non-zero if its comparison is void. */
int bench_gemm(int repeats, int max_threads);
int bench_train(int repeats, int max_threads, const char *torch_results, const char *self);
double bench_train_rss_probe(void);                     /* MB, in a process of its own */
/* FLOPs of the products of one training sample of 784-128-10 (bench_train.c). */
double bench_train_flops_per_sample(void);

/* Under contention (bench_contend.c): three figures measured in turn, each a median over
 * repeats, and the medians of the per-repeat ratios the targets are about. */
typedef struct {
    double lib2, lib1, ref2;        /* library 2 threads, 1 thread; OpenBLAS 2 threads */
    double over_lib1, over_ref2;    /* lib2 / lib1, lib2 / ref2 */
} bench_triple;
int bench_contended(int repeats, int train_repeats);
/* Three rates measured in turn, `repeats` times (at most 64), each repeat in a rotated
 * order and each followed by bench_quiesce: rate(which, ctx) for which = 0 (library, 2
 * threads), 1 (library, 1 thread), 2 (OpenBLAS, 2 threads). */
typedef double (*bench_rate_fn)(int which, void *ctx);
bench_triple bench_triple_measure(int repeats, bench_rate_fn rate, void *ctx);
int bench_gemm_shape_count(void);
const char *bench_gemm_shape_name(int s);
bench_triple bench_gemm_triple(int s, int repeats);                      /* GFLOP/s */
int bench_train_triples(int repeats, double max_seconds, bench_triple out[2]); /* b64, b256 */

/* The targets, each with its figure and met or missed (bench_targets.c): gathered
 * and recorded in the summary, then printed as the last table. */
void bench_targets(void);
void bench_targets_print(void);

#endif
