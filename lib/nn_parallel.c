/* Deterministic reductions: the rule is written out in nn_parallel.h. */
#include "nn_parallel.h"

#include <stdio.h>
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

/* Measured on the course's 2-core virtual machine. Quiet, a region costs 2-4 us when
 * the last one ended less than 3 ms before, 90 us after 10 ms, 4.3 ms after 30 ms and
 * 7.5 ms after 100 ms: libgomp's threads spin a few ms, then sleep, and a sleeping
 * virtual CPU is slow to wake. A region after more than TEAM_ASLEEP_AFTER without one is
 * therefore not booked: its cost says nothing about the load. With another process
 * spinning on the other core, most regions still cost their work alone, and one now and
 * then waits 4-25 ms: the other process's time slice. A quiet machine's hiccups stay
 * under 0.6 ms, with a stall of 3-4 ms about twice a second. CREDIT_MAX lets hiccups
 * pass and trips on the first real wait. */
#define TEAM_ASLEEP_AFTER 5e-3
#define CREDIT_MAX 2e-3
#define SPELL_FIRST 20e-3
#define SPELL_LONGEST 1.0

double nn_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int nn_guard_fork(nn_load_guard *g, double now, double foreign_busy, int threads, int processors)
{
    if (now < g->serial_until) return 0;
    if (!g->in_spell) return 1;
    /* The spell is over. If other processes kept busy, during it, the cores the team
     * would need (more than half of the time), a region now would wait for them: the
     * spell goes on, doubled up to 1 s, without a region to find that out the hard way.
     * (/proc/stat counts in 10 ms ticks: over the first spell of 20 ms, a core held
     * throughout reads 1.0 +- 0.5, an idle one 0 +- 0.5.) */
    double span = now - g->spell_began;
    if (foreign_busy >= 0 && g->foreign_at_spell >= 0 && span > 0
        && (foreign_busy - g->foreign_at_spell) / span > processors - threads + 0.5) {
        g->spell = g->spell * 2 < SPELL_LONGEST ? g->spell * 2 : SPELL_LONGEST;
        g->serial_until = now + g->spell;
        g->spell_began = now;
        g->foreign_at_spell = foreign_busy;
        return 0;
    }
    g->in_spell = 0;
    return 1;
}

int nn_guard_book(nn_load_guard *g, double start, double end, double alone)
{
    int asleep = g->last_end == 0 || start - g->last_end > TEAM_ASLEEP_AFTER;
    g->last_end = end;
    if (asleep) return -1;                                  /* it woke the team */
    g->credit += alone - (end - start);
    if (g->credit > CREDIT_MAX) g->credit = CREDIT_MAX;
    if (g->credit >= 0) return 0;
    /* A spell is short: a quiet virtual machine also stalls a region for 3-4 ms now and
     * then (the hypervisor). Whether the load lasts is decided at its end, from what the
     * other processes did meanwhile (nn_guard_fork), not by trying another region. */
    g->spell = SPELL_FIRST;
    g->serial_until = end + g->spell;
    g->spell_began = end;
    g->foreign_at_spell = -1;           /* the caller notes it: nn_fork's book() */
    g->in_spell = 1;
    g->credit = 0;
    return 1;
}

/* One guard per calling thread: two threads of a program that both call the library
 * book their own regions, and nothing is shared between them. */
static _Thread_local nn_load_guard guard;

/* Core-seconds the machine's processors have spent on other processes since boot: all
 * busy time in /proc/stat (user, nice, system, irq, softirq; in USER_HZ ticks) minus
 * this process's CPU time. -1 where /proc/stat cannot be read: then a spell always ends
 * with a region that finds out. */
static double foreign_busy_seconds(void)
{
    FILE *f = fopen("/proc/stat", "r");
    if (!f) return -1;
    unsigned long long user, nice, system, idle, iowait, irq, softirq;
    int got = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &system, &idle,
                     &iowait, &irq, &softirq);
    fclose(f);
    long ticks = sysconf(_SC_CLK_TCK);
    struct timespec own;
    if (got != 7 || ticks <= 0 || clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &own) != 0) return -1;
    return (double)(user + nice + system + irq + softirq) / (double)ticks
           - ((double)own.tv_sec + 1e-9 * (double)own.tv_nsec);
}

int nn_fork(long work, long min_work)
{
    if (work < min_work || nn_threads() < 2) return 0;
    double now = nn_clock();
    if (now < guard.serial_until) return 0;
    return nn_guard_fork(&guard, now, guard.in_spell ? foreign_busy_seconds() : -1, nn_threads(),
                         nn_processors());
}

/* Books a region; a spell that begins notes how busy the other processes have been. */
static void book(double start, double end, double alone)
{
    if (nn_guard_book(&guard, start, end, alone) == 1) guard.foreign_at_spell = foreign_busy_seconds();
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
    book(start, end, end - start < budget ? end - start : budget);
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
    book(r->start, end, r->mine ? r->busy * r->pieces / r->mine : end - r->start);
}
