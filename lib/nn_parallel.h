/* Deterministic parallelism.
 *
 * Floating-point addition is not associative: (a+b)+c and a+(b+c) can differ in the
 * last bit. A reduction whose grouping follows the threads (OpenMP's `reduction(+:)`,
 * or dynamic scheduling) therefore gives different bits with 1, 2 or 3 threads. The
 * course promises the same bits whatever OMP_NUM_THREADS is, and keeps it like this:
 *
 *  1. Work that writes disjoint outputs (a matrix product's output blocks, an
 *     element-wise map, a row-wise softmax, the column sums of a gradient) is split
 *     across threads freely: each output is computed by exactly one thread, in the same
 *     order of operations as in a serial run. Only *who* computes it changes.
 *  2. A reduction to one number (a loss, a norm) is cut into chunks whose boundaries
 *     depend only on the length n, never on the thread count (nn_chunk_count). Each
 *     chunk is summed serially, in index order, into its own slot; the slots are then
 *     added serially in chunk order. Threads only decide who fills which slot.
 *
 * No `reduction(+:...)` clause and no atomic floating-point add appears in the library.
 * The single-thread build (-fno-openmp) compiles the same code with the pragmas off and
 * gives the same bits. */
#ifndef NN_PARALLEL_H
#define NN_PARALLEL_H

#include <stddef.h>
#include "nn_real.h"

#define NN_MAX_CHUNKS 256

/* Number of chunks for a reduction of length n: min(n, NN_MAX_CHUNKS); chunk c covers
 * [c*n/chunks, (c+1)*n/chunks). A function of n alone. */
int nn_chunk_count(size_t n);

/* The one place the rule is implemented: Σ over chunks c, in order, of
 * chunk_sum(lo_c, hi_c, ctx), each chunk_sum computed by one thread. */
typedef nn_real (*nn_chunk_sum_fn)(size_t lo, size_t hi, const void *ctx);
nn_real nn_reduce_chunked(size_t n, nn_chunk_sum_fn chunk_sum, const void *ctx);

/* Σ_i x[i] with the fixed chunking above. */
nn_real nn_sum_array(const nn_real *x, size_t n);

/* Number of OpenMP threads the library will use (1 without OpenMP), and a setter for
 * the shared --threads flag. */
int nn_threads(void);
void nn_set_threads(int n);
/* Processors available to this process (OpenMP's count, or the online processors without
 * OpenMP); at least 1. */
int nn_processors(void);

#endif
