/* Graceful under load: the 2-thread figures while another process holds a core.
 *
 * A student's laptop always runs something else (a browser, an editor). Here the bench
 * makes that load itself: a child process that spins, on a core the scheduler chooses,
 * at the bench's own niceness. Under it, each figure is measured three ways in turn: the
 * library on 2 threads, the library on 1 thread, OpenBLAS (or the OpenBLAS-backed trainer)
 * on 2 threads. The targets: library 2 threads ≥ 0.8 × library 1 thread (using the
 * second core never costs more than a fifth), and ≥ 1 × OpenBLAS 2 threads.
 *
 * Every timing is bounded (a product's timing by 0.25 s, a training run by a quarter epoch
 * or 2 s), so that a run whose threads wait a time slice per parallel region still ends.
 * The child cannot outlive its part: it is killed and reaped after it, it dies with the
 * bench (PR_SET_PDEATHSIG) and by its own alarm after SPIN_SECONDS whatever happens. */
#include "bench.h"

#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SPIN_SECONDS 600
#define TRAIN_SECONDS 2.0

static volatile unsigned long spin_counter;

/* Forks the spinning child; returns its pid, or -1. */
static pid_t spinner_start(void)
{
    pid_t parent = getpid();
    fflush(stdout);                         /* the child must not print the parent's buffer */
    pid_t pid = fork();
    if (pid != 0) return pid;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(0);      /* the parent died before prctl */
    alarm(SPIN_SECONDS);                    /* SIGALRM's default action ends the child */
    for (;;) spin_counter++;
}

static void spinner_stop(pid_t pid)
{
    if (pid <= 0) return;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* A row, with its figures as fractions of the peak of 2 cores, 1, 2 (a product's GFLOP/s),
 * or of the limit peak / FLOPs per sample (a training throughput). */
static void print_row(const char *name, bench_triple t, int gemm)
{
    printf("  %-10s %9.1f %9.1f %9.1f %-9s  %5.2f %-6s   %5.2f %-6s", name, t.lib2, t.lib1, t.ref2,
           gemm ? "GFLOP/s" : "samples/s", t.over_lib1, t.over_lib1 >= 0.8 ? "met" : "MISSED",
           t.over_ref2, t.over_ref2 >= 1 ? "met" : "MISSED");
    double scale = gemm ? 1 : bench_train_flops_per_sample() * 1e-9;
    printf("   %.2f %.2f %.2f\n", bench_of_peak(t.lib2 * scale, 2), bench_of_peak(t.lib1 * scale, 1),
           bench_of_peak(t.ref2 * scale, 2));
}

static void record(const char *what, const char *name, bench_triple t)
{
    const char *prec = BENCH_PREC;
    bench_result("contended_%s_%s_%s_lib_t2", t.lib2, what, prec, name);
    bench_result("contended_%s_%s_%s_lib_t1", t.lib1, what, prec, name);
    bench_result("contended_%s_%s_%s_ref_t2", t.ref2, what, prec, name);
    bench_result("contended_%s_%s_%s_t2_over_t1", t.over_lib1, what, prec, name);
    bench_result("contended_%s_%s_%s_t2_over_ref_t2", t.over_ref2, what, prec, name);
}

bench_triple bench_triple_measure(int repeats, bench_rate_fn rate, void *ctx)
{
    double g[3][64], r1[64], r2[64];
    if (repeats > 64) repeats = 64;
    for (int r = 0; r < repeats; r++) {
        for (int i = 0; i < 3; i++) {
            int which = (r + i) % 3;
            g[which][r] = rate(which, ctx);
            bench_quiesce(2);
        }
        r1[r] = g[0][r] / g[1][r];
        r2[r] = g[0][r] / g[2][r];
    }
    bench_triple t = { bench_stats(g[0], repeats).median, bench_stats(g[1], repeats).median,
                       bench_stats(g[2], repeats).median, bench_stats(r1, repeats).median,
                       bench_stats(r2, repeats).median };
    return t;
}

int bench_contended(int repeats, int train_repeats)
{
    printf("\n== Under contention: a spinning child process holds a core; medians of %d (training %d)\n"
           "  targets: library 2 threads / library 1 thread >= 0.8, library 2 threads / OpenBLAS 2 threads >= 1\n",
           repeats, train_repeats);
    pid_t pid = spinner_start();
    if (pid < 0) { perror("bench: fork"); return 1; }
    double t0 = bench_now();
    printf("  %-10s %9s %9s %9s %-9s  %-12s   %-12s   %s\n", "figure", "nn 2thr", "nn 1thr", "BLAS 2thr", "",
           "nn 2thr/1thr", "nn/BLAS 2thr", "of peak or limit");
    for (int s = 0; s < bench_gemm_shape_count(); s++) {
        bench_triple t = bench_gemm_triple(s, repeats);
        print_row(bench_gemm_shape_name(s), t, 1);
        record("gemm", bench_gemm_shape_name(s), t);
    }
    bench_triple train[2];
    int status = bench_train_triples(train_repeats, TRAIN_SECONDS, train);
    if (status == 0) {
        print_row("train_b64", train[0], 0);
        print_row("train_b256", train[1], 0);
        record("train", "b64", train[0]);
        record("train", "b256", train[1]);
    }
    /* The load average includes the spinner (1) and anything else: beyond 2 on 2 cores,
     * something more than the spinner competed, and these figures say less. */
    double load = bench_loadavg();
    spinner_stop(pid);
    printf("  (this part took %.0f s; load average at its end %.2f, the spinner's 1 included)\n",
           bench_now() - t0, load);
    bench_result("contended_seconds", bench_now() - t0);
    bench_result("contended_load_1min", load);
    nn_set_threads(2);
    return status;
}
