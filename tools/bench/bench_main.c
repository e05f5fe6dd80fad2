/* make bench: the library's speed beside references measured in the same run.
 *   bench [--repeats N] [--train-repeats N] [--threads T] [--torch FILE] [--out FILE]
 *         [--import FILE]... [--gemm-only | --train-only | --contended-only] [--contended]
 *   bench --probe-kernel | --rss-probe
 * First the machine's FMA peak; part 1, the matrix product against OpenBLAS; part 2,
 * training a 784-128-10 network on Fashion-MNIST against a trainer whose products are
 * OpenBLAS calls (and PyTorch's figures, measured by tools/bench/torch_mlp.py, when FILE is
 * given); with --contended, part 3, the 2-thread figures again beside a spinning process;
 * then the targets, and the summary as `key = value` lines (with the --import
 * files' lines: bench.sh's kernel probe and course timing), also written to FILE (default
 * results.txt in the program's directory). --probe-kernel prints one line about OpenBLAS's
 * kernel (bench_probe.c) and exits. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    fprintf(stderr, "usage: bench [--repeats N] [--train-repeats N] [--threads T] [--torch FILE] [--out FILE]\n"
                    "             [--import FILE]... [--gemm-only | --train-only | --contended-only] [--contended]\n"
                    "       bench --probe-kernel | --rss-probe\n");
    exit(2);
}

/* A busy machine ruins the two-thread figures: a thread that waits for a core another
 * process holds stalls every parallel region (and libgomp's and OpenBLAS's idle threads
 * spin while they wait). Say so, and record the load and the wait policy. */
static void report_machine_load(void)
{
    double load = bench_loadavg();
    const char *policy = getenv("OMP_WAIT_POLICY"), *spin = getenv("GOMP_SPINCOUNT");
    printf("load average (1 min) at start: %.2f; OMP_WAIT_POLICY=%s GOMP_SPINCOUNT=%s\n", load,
           policy ? policy : "(unset)", spin ? spin : "(unset)");
    if (load > 0.5)
        printf("WARNING: the machine is busy: figures on 2 threads are unreliable (a parallel region "
               "waits for a core another process holds). Rerun on an idle machine.\n");
    bench_result("machine_load_1min", load);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);          /* progress shows even through a pipe */
    int repeats = 7, train_repeats = 5, threads = 2, contended = 0, n_imports = 0, n_only = 0;
    char only = 0;                              /* 'g', 't' or 'c': one part alone */
    const char *torch = NULL, *out = NULL, *imports[8];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeats") && i + 1 < argc) repeats = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--train-repeats") && i + 1 < argc) train_repeats = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--torch") && i + 1 < argc) torch = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--import") && i + 1 < argc && n_imports < 8) imports[n_imports++] = argv[++i];
        else if (!strcmp(argv[i], "--gemm-only")) { only = 'g'; n_only++; }
        else if (!strcmp(argv[i], "--train-only")) { only = 't'; n_only++; }
        else if (!strcmp(argv[i], "--contended-only")) { only = 'c'; n_only++; contended = 1; }
        else if (!strcmp(argv[i], "--contended")) contended = 1;
        else if (!strcmp(argv[i], "--rss-probe")) { printf("%.1f\n", bench_train_rss_probe()); return 0; }
        else if (!strcmp(argv[i], "--probe-kernel")) return bench_probe_kernel();
        else usage();
    }
    if (repeats < 1 || repeats > 64 || train_repeats < 1 || train_repeats > 64 || threads < 1 || threads > 2) {
        fprintf(stderr, "bench: --repeats and --train-repeats must be 1..64, --threads 1..2\n");
        return 2;
    }
    if (n_only > 1) {
        fprintf(stderr, "bench: --gemm-only, --train-only and --contended-only exclude each other: give one, or none for all parts\n");
        return 2;
    }
    if (contended && threads < 2) {
        printf("bench: the part under contention measures 2 threads: skipped with --threads 1\n");
        contended = 0;
    }
    char default_out[1100];                     /* results.txt beside the program */
    if (!out) {
        const char *slash = strrchr(argv[0], '/');
        snprintf(default_out, sizeof default_out, "%.*sresults.txt", slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
        out = default_out;
    }
    printf("nncourse bench: %s, %d thread(s) max, OpenBLAS core %s\n", NN_REAL_NAME, threads,
           openblas_get_corename());
    report_machine_load();
    for (int i = 0; i < n_imports; i++) if (bench_import(imports[i]) != 0) return 1;
    bench_peak(threads);
    bench_probe_report();
    int status = only == 0 || only == 'g' ? bench_gemm(repeats, threads) : 0;
    if (only == 0 || only == 't') status |= bench_train(train_repeats, threads, torch, argv[0]);
    /* At most 3 repeats under contention: each is bounded, but there are 13 figures × 3. */
    if (contended) status |= bench_contended(repeats < 3 ? repeats : 3, train_repeats < 3 ? train_repeats : 3);
    bench_targets();
    printf("\n== Summary (also in %s)\n", out);
    bench_results_print();
    if (bench_results_write(out) != 0) {
        fprintf(stderr, "bench: could not write %s: check that its directory exists and is writable\n", out);
        return 1;
    }
    bench_targets_print();
    return status;
}
