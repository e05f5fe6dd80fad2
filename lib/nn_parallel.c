/* Deterministic reductions: the rule is written out in nn_parallel.h. */
#include "nn_parallel.h"

#include <time.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int nn_chunk_count(size_t n)
{
    return n < NN_MAX_CHUNKS ? (int)n : NN_MAX_CHUNKS;
}

nn_real nn_reduce_chunked(size_t n, nn_chunk_sum_fn chunk_sum, const void *ctx)
{
    if (n == 0) return 0;
    int chunks = nn_chunk_count(n);
    nn_real partial[NN_MAX_CHUNKS];
    /* Each chunk's sum is filled by one thread, serially in index order. */
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int c = 0; c < chunks; c++)
        partial[c] = chunk_sum((size_t)c * n / (size_t)chunks,
                               (size_t)(c + 1) * n / (size_t)chunks, ctx);
    nn_join_loop(forked, n);
    nn_real total = 0;                  /* then the chunks, in chunk order */
    for (int c = 0; c < chunks; c++) total += partial[c];
    return total;
}

static nn_real sum_range(size_t lo, size_t hi, const void *ctx)
{
    const nn_real *x = ctx;
    nn_real s = 0;
    for (size_t i = lo; i < hi; i++) s += x[i];
    return s;
}

nn_real nn_sum_array(const nn_real *x, size_t n) { return nn_reduce_chunked(n, sum_range, x); }

int nn_threads(void)
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

void nn_set_threads(int n)
{
#ifdef _OPENMP
    if (n > 0) omp_set_num_threads(n);
#else
    (void)n;
#endif
}

int nn_processors(void)
{
#ifdef _OPENMP
    int n = omp_get_num_procs();
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
    return n > 0 ? (int)n : 1;
}

int nn_thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

/* ---- Rule 3: fork only when it pays ----------------------------------------------- */

/* Measured on the course's 2-core virtual machine, quiet: a region 1 ms after the last
 * one costs 1.5 us, after 3 ms 2.5 us, after 10 ms 68 us (median; 1.4 ms at p90), after
 * 30 ms 5.8 ms: libgomp's threads spin a few ms, then sleep, and a sleeping virtual CPU
 * is slow to wake. So a region after a gap of more than TEAM_ASLEEP_AFTER is not booked:
 * its slowness says nothing about the load. CREDIT_MAX is a few time slices: the waits a
 * quiet machine's hiccups cost now and then, which the savings of the regions between
 * them repay (a 784-128-10 training step at batch 64 saves 65 us on 2 threads). */
#define TEAM_ASLEEP_AFTER 1e-3
#define CREDIT_MAX 20e-3
#define SPELL_FIRST 10e-3
#define SPELL_LONGEST 1.0
#define SPELL_MEMORY 2.0

double nn_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int nn_guard_fork(nn_load_guard *g, double now)
{
    if (now < g->serial_until) return 0;
    g->cold = g->last_seen == 0 || now - g->last_seen > TEAM_ASLEEP_AFTER;
    g->last_seen = now;
    return 1;
}

int nn_guard_book(nn_load_guard *g, double start, double end, double alone)
{
    g->last_seen = end;
    if (g->cold) return -1;
    g->credit += alone - (end - start);
    if (g->credit > CREDIT_MAX) g->credit = CREDIT_MAX;
    if (g->credit >= 0) return 0;
    /* A spell soon after the last one doubles it, so that it outgrows a lasting load; one
     * long after starts again from the first length, so that a quiet machine does not
     * pay for an old load. (Halving the spell whenever a region was fast instead let a
     * lasting load win a region now and then and bring the spells back to 10 ms: float
     * training on 2 threads under load fell to 0.37 of one thread.) */
    if (g->spell == 0 || start - g->serial_until > SPELL_MEMORY) g->spell = SPELL_FIRST;
    else g->spell = g->spell * 2 < SPELL_LONGEST ? g->spell * 2 : SPELL_LONGEST;
    g->serial_until = end + g->spell;
    g->credit = 0;
    return 1;
}

/* One guard per calling thread: two threads of a program that both call the library
 * book their own regions, and nothing is shared between them. */
static _Thread_local nn_load_guard guard;

int nn_fork(long work, long min_work)
{
    return work >= min_work && nn_threads() > 1 && nn_guard_fork(&guard, nn_clock());
}

/* The library's slowest element-wise loop runs at 17 ns an element on one thread (tanh
 * forward; ReLU 0.14, SGD 0.16, Adam 5.7): a loop of n elements that takes longer than
 * LOOP_BUDGET_FLOOR + LOOP_BUDGET_PER_ELEMENT·n has waited for a held core, and books the
 * excess as a loss. A loop within budget books nothing: its saving is not known. */
#define LOOP_BUDGET_FLOOR 50e-6
#define LOOP_BUDGET_PER_ELEMENT 20e-9

double nn_fork_loop(long n)
{
    return nn_fork(n, NN_PARALLEL_MIN_ELEMENTS) ? nn_clock() : 0;
}

void nn_join_loop(double start, long n)
{
    if (start <= 0) return;
    double end = nn_clock(), budget = LOOP_BUDGET_FLOOR + (double)n * LOOP_BUDGET_PER_ELEMENT;
    nn_guard_book(&guard, start, end, end - start < budget ? end - start : budget);
}

void nn_region_begin(nn_region *r, int pieces)
{
    r->start = nn_clock();
    r->busy = 0;
    r->mine = 0;
    r->pieces = pieces;
}

void nn_region_end(const nn_region *r)
{
    /* The opener's pieces took `busy`: all of them, alone, about busy·pieces/mine. */
    double end = nn_clock();
    nn_guard_book(&guard, r->start, end, r->mine ? r->busy * r->pieces / r->mine : end - r->start);
}
