/* The targets (issue 15), each with the worst of its figures in this run and
 * met or missed: every figure a target covers must meet it. A figure this run did not
 * measure (--gemm-only, no PyTorch, no course timing) is left out and said so. */
#include "bench.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *key, *what;
    double threshold;
    int at_most;                /* 1: the figure must be <= threshold, 0: >= */
    double worst;
    char where[128];
    int n, met;
} target;

static void add(target *t, const char *key)
{
    double v = bench_result_value(key);
    if (v < 0) return;          /* not measured */
    int ok = t->at_most ? v <= t->threshold : v >= t->threshold;
    int worse = t->n == 0 || (t->at_most ? v > t->worst : v < t->worst);
    if (worse) { t->worst = v; snprintf(t->where, sizeof t->where, "%s", key); }
    t->n++;
    t->met += ok;
}

/* Every key that starts with `prefix` and ends with `suffix`. */
static void add_matching(target *t, const char *prefix, const char *suffix)
{
    size_t lp = strlen(prefix), ls = strlen(suffix);
    for (int i = 0; i < bench_result_count(); i++) {
        const char *k = bench_result_key(i);
        size_t lk = strlen(k);
        if (lk >= lp + ls && !strncmp(k, prefix, lp) && !strcmp(k + lk - ls, suffix)) add(t, k);
    }
}

static target targets[] = {
    { "gemm_vs_openblas", "nn_gemm / OpenBLAS (chosen kernel), n >= 256, 1 and 2 threads", 1.0, 0, 0, "", 0, 0 },
    { "train_vs_openblas", "training / OpenBLAS-backed trainer, b64 and b256, 1 and 2 thr", 1.3, 0, 0, "", 0, 0 },
    { "train_of_limit", "training b256, 2 threads, fraction of the peak-derived limit", 0.5, 0, 0, "", 0, 0 },
    { "train_vs_torch", "training / PyTorch (same precision, its best thread setting)", 2.0, 0, 0, "", 0, 0 },
    { "contended_vs_own_t1", "under contention: library 2 threads / library 1 thread", 0.8, 0, 0, "", 0, 0 },
    { "contended_vs_openblas_t2", "under contention: library 2 threads / OpenBLAS 2 threads", 1.0, 0, 0, "", 0, 0 },
    { "train_peak_rss", "peak resident memory of the training run, MB", 100, 1, 0, "", 0, 0 },
    { "whole_make", "whole make (all chapters, figures, site), seconds", 180, 1, 0, "", 0, 0 },
};
enum { GEMM, TRAIN, LIMIT, TORCH, SELF, BLAS, RSS, MAKE, N_TARGETS };

/* Gathers each target's figures and records target_NAME_worst and target_NAME_met. */
void bench_targets(void)
{
    const char *p = BENCH_PREC;
    char key[128];
    for (int t = 1; t <= 2; t++) {
        for (int n = 256; n <= 1024; n *= 2) {
            snprintf(key, sizeof key, "gemm_%s_t%d_n%d_ratio", p, t, n);
            add(&targets[GEMM], key);
        }
        for (int b = 64; b <= 256; b *= 4) {
            snprintf(key, sizeof key, "train_%s_t%d_b%d_ratio", p, t, b);
            add(&targets[TRAIN], key);
            snprintf(key, sizeof key, "train_%s_t%d_b%d_torch_ratio", p, t, b);
            add(&targets[TORCH], key);
        }
    }
    snprintf(key, sizeof key, "train_%s_t2_b256_of_limit", p);
    add(&targets[LIMIT], key);
    add_matching(&targets[SELF], "contended_", "_t2_over_t1");
    add_matching(&targets[BLAS], "contended_", "_t2_over_ref_t2");
    add(&targets[RSS], "train_peak_rss_mb");
    add(&targets[MAKE], "whole_make_seconds");
    for (int i = 0; i < N_TARGETS; i++) {
        if (targets[i].n == 0) continue;
        bench_result("target_%s_worst", targets[i].worst, targets[i].key);
        bench_result("target_%s_met", targets[i].met == targets[i].n, targets[i].key);
    }
}

/* The table, printed last: what a reader of `make bench` looks at first. */
void bench_targets_print(void)
{
    printf("\n== Targets of issue 15 (%s; every figure of a target must meet it)\n", NN_REAL_NAME);
    if (sizeof(nn_real) != 8) printf("  (the nn_gemm target is stated for double; shown here for float)\n");
    for (int i = 0; i < N_TARGETS; i++) {
        const target *t = &targets[i];
        printf("  %-62s %s %-5g ", t->what, t->at_most ? "<=" : ">=", t->threshold);
        if (t->n == 0) { printf(" not measured in this run\n"); continue; }
        printf("%8.3g  %-6s (%d of %d; worst: %s)\n", t->worst, t->met == t->n ? "met" : "MISSED", t->met, t->n,
               t->where);
    }
    const char *kernel = bench_result_text_value("openblas_kernel"), *core = bench_result_text_value("openblas_kernel_core");
    printf("  OpenBLAS kernel: %s%s%s%s; load average at start %.2f\n", kernel[0] ? kernel : "(not probed)",
           core[0] ? " (reports " : "", core, core[0] ? ")" : "", bench_result_value("machine_load_1min"));
}
