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
 * gives the same bits.
 *
 * Since rules 1 and 2 make the bits independent of who computes what, the library is
 * free to decide, region by region, whether to use the other threads at all:
 *
 *  3. A parallel region is opened only when it pays, and never again for a while once
 *     one did not. Small work runs on the calling thread (nn_fork: a product under
 *     NN_PARALLEL_MIN_MACS multiply-adds, an element-wise loop under
 *     NN_PARALLEL_MIN_ELEMENTS elements; both measured, see below). A region ends at a
 *     barrier that waits for every thread of the team, so when another process holds a
 *     core the region waits for it to be given back: a time slice, milliseconds, for a
 *     product of microseconds. So every region is booked: what it saved against the
 *     opening thread alone (the product times its opener's pieces; an element-wise loop
 *     only knows its wall time, and books a loss when that exceeds a generous budget).
 *     The savings form a credit, capped at 2 ms; when a loss leaves it negative, the
 *     other threads cost more than they give, and the calling thread runs everything
 *     on its own for a spell of 20 ms. A hiccup of the machine is paid from the credit;
 *     a core held by another process trips it at once. At the end of a spell the
 *     library looks at what other processes did meanwhile (/proc/stat, less its own CPU
 *     time): if they kept the cores the team needs busy more than half of the time, the
 *     spell goes on, doubled up to 1 s; otherwise regions open again. A region more than 5 ms after the last one is not
 *     booked: its threads had gone to sleep, and waking them takes milliseconds on a
 *     virtual machine, whatever the load.
 *     This state belongs to the calling thread and changes no number (only who computes
 *     it). Under a lasting load it costs one waiting region; then nothing, while the
 *     spells last, and a quiet machine's stalls cost a 20 ms spell each. */
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

/* Rule 3. Where forking starts (measured on the course's 2-core machine, warm team, quiet:
 * a 64x64x64 product saves 2 us of 5, a 96^3 one 5 us of 17, a 128^3 one 19 us of 39;
 * SGD's update of 16384 numbers 0.7 us, of 32768 1.6 us, of 101770 10 us; converting a
 * batch of 64 images, 50176 pixels, 7 us of 14). A product risks a wait for every region
 * it opens, so it forks only where it saves tens of microseconds (2^20 multiply-adds,
 * ~40 us on one thread); the element-wise loops, cheaper to fork, from 32768 elements. */
#define NN_PARALLEL_MIN_MACS (1L << 20)
#define NN_PARALLEL_MIN_ELEMENTS 32768L

/* Open a parallel region for this much work (multiply-adds or elements, against the
 * matching minimum)? False with one thread, below the minimum, or during a spell. */
int nn_fork(long work, long min_work);

/* An element-wise loop, booked from its wall time alone (its threads are not timed):
 *     double t = nn_fork_loop(n);
 *     #pragma omp parallel for schedule(static) if (t > 0)
 *     for (long i = 0; i < n; i++) ...
 *     nn_join_loop(t, n);
 * nn_fork_loop returns the start time, or 0 to run on the calling thread. */
double nn_fork_loop(long n);
void nn_join_loop(double start, long n);

/* A booked region (the matrix product): its opener records the start, its own busy time
 * and share of the pieces, then nn_region_end books the region. */
typedef struct {
    double start;               /* seconds, monotonic */
    double busy;                /* the opening thread's time in its own pieces */
    int mine, pieces;           /* pieces it computed, pieces in all */
} nn_region;
double nn_clock(void);                                   /* seconds, monotonic */
void nn_region_begin(nn_region *r, int pieces);
void nn_region_end(const nn_region *r);
int nn_thread_id(void);                                  /* 0 for the opener, or without OpenMP */

/* The rule itself, on explicit times, so that a test can drive it. */
typedef struct {
    double serial_until;        /* no region opens before this time */
    double spell;               /* length of the last spell; 0 = none yet */
    double credit;              /* seconds saved by forking, net of waits, capped */
    double spell_began;         /* when the current spell began */
    double foreign_at_spell;    /* other processes' busy core-seconds then (-1: unknown) */
    double last_end;            /* when the last region ended (0: none yet) */
    int in_spell;               /* a spell began and has not been ended by a region */
} nn_load_guard;
/* May a region open at `now`? Not during a spell. At its end, `foreign_busy` (other
 * processes' busy core-seconds so far, -1 if unknown) tells whether they kept the
 * team's cores more than half busy meanwhile: then the spell goes on, doubled. */
int nn_guard_fork(nn_load_guard *g, double now, double foreign_busy, int threads, int processors);
/* Books the region just opened, [start, end], which the opening thread alone would have
 * done in `alone` seconds: 1 if a spell begins, 0 if not, -1 if not booked (it came more
 * than 5 ms after the last one, and woke a sleeping team). */
int nn_guard_book(nn_load_guard *g, double start, double end, double alone);

/* Number of OpenMP threads the library will use (1 without OpenMP), and a setter for
 * the shared --threads flag. */
int nn_threads(void);
void nn_set_threads(int n);
/* Processors available to this process (OpenMP's count, or the online processors without
 * OpenMP); at least 1. */
int nn_processors(void);

#endif
