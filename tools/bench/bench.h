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
/* Between timing one implementation and the other on several threads: sleeps long
 * enough for the idle threads of both (OpenBLAS's spin ~2^28 cycles, libgomp's
 * GOMP_SPINCOUNT) to stop spinning, so neither is timed beside the other's spinners. */
void bench_quiesce(int threads);

typedef struct { double median, lo, hi; } bench_stat;   /* lo..hi: min..max */
bench_stat bench_stats(const double *x, int n);         /* sorts a copy */

/* The summary: `key = value` lines, printed at the end and written to a file. */
void bench_result(const char *key_fmt, double value, ...);
int bench_results_write(const char *path);              /* tmp + rename; 0 on success */
void bench_results_print(void);

/* The three parts; each returns 0 on success, non-zero if its comparison is void. */
int bench_gemm(int repeats, int max_threads);
int bench_train(int repeats, int max_threads, const char *torch_results, const char *self);
double bench_train_rss_probe(void);                     /* MB, in a process of its own */
double bench_result_value(const char *key);             /* a summary value, or -1 */

#endif
