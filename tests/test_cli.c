/* The shared command line, run as a chapter would run it: each case forks, the child
 * parses a fake argv (stdout and stderr sent to files) and prints what it parsed; the
 * parent checks the exit status and the exact messages. The exiting cases (--help, bad
 * flags, a diverged run) cannot be tested in-process any other way. */
#include "nn.h"
#include "tap.h"
#include "test_files.h"

#include <stdarg.h>
#include <sys/wait.h>

static char dir[64];

typedef struct {
    int status;             /* exit status, or -1 if the child did not exit normally */
    char *out, *err;        /* what it printed (caller frees) */
} child_run;

/* The chapter the child plays: the common flags plus one flag of each kind. */
static void chapter_main(int argc, char **argv)
{
    nn_common_flags common = nn_common_defaults("figures/00-test");
    int epochs = 100;
    nn_real lr = NN_R(0.5);
    const char *name = "xor";
    bool verbose = false;
    nn_flag flags[] = {
        NN_FLAG_INT_RANGE("--epochs", &epochs, 1, 1000, "training epochs"),
        NN_FLAG_REAL("--lr", &lr, "learning rate"),
        NN_FLAG_STRING("--name", &name, "data set"),
        NN_FLAG_BOOL("--verbose", &verbose, "print every step"),
    };
    nn_cli_parse(argc, argv, "Test chapter: the command line", &common, flags, 4);
    printf("seed=%llu threads=%d out=%s quiet=%d epochs=%d lr=%g name=%s verbose=%d omp=%d\n",
           (unsigned long long)common.seed, common.threads, common.out, common.quiet, epochs,
           (double)lr, name, verbose, nn_threads());
    nn_say(&common, "narration\n");
}

typedef void (*child_body)(int argc, char **argv);

static child_run run(child_body body, const char *first, ...)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "/some/dir/test_cli";
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a && argc < 31; a = va_arg(ap, const char *)) argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;

    char out_path[128], err_path[128];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(out_path, "w", stdout) || !freopen(err_path, "w", stderr)) _exit(254);
        body(argc, argv);
        exit(0);
    }
    child_run r = { -1, NULL, NULL };
    int status;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)) r.status = WEXITSTATUS(status);
    r.out = test_read_file(out_path, NULL);
    r.err = test_read_file(err_path, NULL);
    if (!r.out) r.out = calloc(1, 1);
    if (!r.err) r.err = calloc(1, 1);
    return r;
}

static void child_free(child_run *r)
{
    free(r->out);
    free(r->err);
}

/* A refused command line: exit 2, nothing on stdout, exactly `want` on stderr. */
static void expect_refusal(const char *what, const char *want, child_run r)
{
    int good = r.status == 2 && r.out[0] == '\0' && strcmp(r.err, want) == 0;
    size_t len = strlen(r.err);
    if (len && r.err[len - 1] == '\n') r.err[len - 1] = '\0';
    tap_ok(good, "%s: exit %d, \"%s\"", what, r.status, r.err);
    if (!good) tap_diag("wanted exit 2 and: %s", want);
    child_free(&r);
}

static void test_good_flags(void)
{
    /* 2 threads where there are 2 processors (a 1-processor machine caps --threads at 1:
     * test_thread_cap) */
    const char *two = nn_processors() >= 2 ? "2" : "1";
    child_run r = run(chapter_main, "--seed", "7", "--threads", two, "--out", "/tmp/x", "--epochs=5",
                      "--lr", "-2.5e-1", "--name", "moons", "--verbose", NULL);
#ifdef _OPENMP
    int omp = atoi(two);
#else
    int omp = 1;            /* without OpenMP, one thread whatever --threads says */
#endif
    char want[256];
    snprintf(want, sizeof want,
             "seed=7 threads=%s out=/tmp/x quiet=0 epochs=5 lr=-0.25 name=moons verbose=1 omp=%d\nnarration\n",
             two, omp);
    tap_ok(r.status == 0 && strcmp(r.out, want) == 0 && r.err[0] == '\0',
           "every kind of flag parsed, '--epochs=5' form too, --threads 2 applied (%d threads)", omp);
    if (strcmp(r.out, want) != 0) tap_diag("got: %s", r.out);
    child_free(&r);

    r = run(chapter_main, "--quiet", NULL);
    const char *defaults = "seed=1 threads=0 out=figures/00-test quiet=1 epochs=100 lr=0.5 name=xor verbose=0 ";
    tap_ok(r.status == 0 && strncmp(r.out, defaults, strlen(defaults)) == 0 &&
           strstr(r.out, "narration") == NULL,
           "defaults kept when a flag is absent; --quiet silences nn_say");
    child_free(&r);
}

static void test_help(void)
{
    child_run r = run(chapter_main, "--epochs", "5", "--help", NULL);
    const char *lines[] = { "Test chapter: the command line\n", "usage: test_cli [flags]",
                            "--seed N", "random seed (default 1)", "--threads N", "0 to 1024 (default 0)",
                            "--out DIR", "(default figures/00-test)", "--quiet ", "--epochs N",
                            "training epochs, 1 to 1000 (default 100)", "--lr X", "learning rate (default 0.5)",
                            "--name TEXT", "data set (default xor)", "--verbose ", "--help " };
    int n = (int)(sizeof lines / sizeof lines[0]), found = 0;
    for (int i = 0; i < n; i++) {
        if (strstr(r.out, lines[i])) found++;
        else tap_diag("usage lacks '%s'", lines[i]);
    }
    tap_ok(r.status == 0 && found == n && r.err[0] == '\0',
           "--help: exit %d, usage on stdout lists all %d flags with help and defaults (%d of %d lines)",
           r.status, 9, found, n);
    child_free(&r);
}

static void test_refusals(void)
{
    static const struct {
        const char *what, *args[3], *message;
    } cases[] = {
        { "bad whole number", { "--seed", "12x" }, "--seed: '12x' is not a whole number" },
        { "bad real", { "--lr", "1e" }, "--lr: '1e' is not a number" },
        { "unknown flag", { "--epoch", "5" }, "--epoch: unknown flag" },
        { "missing value", { "--epochs" }, "--epochs: missing value (N)" },
        { "flag where a value belongs", { "--out", "--quiet" }, "--out: missing value (DIR)" },
        { "out of range, with the flag's help", { "--epochs", "0" },
          "--epochs: '0' is out of range (1 to 1000): training epochs" },
        { "threads out of range", { "--threads", "5000" }, "--threads: '5000' is out of range (0 to 1024): "
          "OpenMP threads, 0 = OpenMP's default (results do not depend on it; more than the "
          "processors are capped)" },
        { "stray argument", { "moons" }, "moons: unexpected argument (flags start with --)" },
        { "value given to a switch", { "--quiet=1" }, "--quiet: takes no value" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[256];
        snprintf(want, sizeof want, "test_cli: %s; try --help\n", cases[i].message);
        expect_refusal(cases[i].what, want,
                       run(chapter_main, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL));
    }
}

/* A chapter's own refusal after parsing: which flags were given, then nn_cli_refuse. */
static void refusing_chapter(int argc, char **argv)
{
    nn_common_flags common = nn_common_defaults("figures/00-test");
    const char *name = "xor";
    nn_real lr = 1;
    nn_flag flags[] = { NN_FLAG_STRING("--name", &name, "data set"), NN_FLAG_REAL("--lr", &lr, "lr") };
    nn_cli_parse(argc, argv, "Test chapter", &common, flags, 2);
    printf("name given %d, lr given %d, out given %d\n", nn_flag_given(&common, "--name"),
           nn_flag_given(&common, "--lr"), nn_flag_given(&common, "--out"));
    if (nn_flag_given(&common, "--name") && lr > 0.5)
        nn_cli_refuse(&common, "--lr", "%g is too large for the set %s", (double)lr, name);
}

static void test_own_refusal(void)
{
    child_run r = run(refusing_chapter, "--name=moons", "--out", "/tmp/x", NULL);
    tap_ok(r.status == 2 && strcmp(r.out, "name given 1, lr given 0, out given 1\n") == 0 &&
           strcmp(r.err, "test_cli: --lr: 1 is too large for the set moons; try --help\n") == 0,
           "nn_flag_given sees '--name=moons' and '--out X', not the absent --lr; nn_cli_refuse exits 2 "
           "with '<program>: <flag>: <message>; try --help'");
    if (r.status != 2) tap_diag("exit %d, stdout '%s', stderr '%s'", r.status, r.out, r.err);
    child_free(&r);
    r = run(refusing_chapter, "--lr", "0.25", NULL);
    tap_ok(r.status == 0 && strcmp(r.out, "name given 0, lr given 1, out given 0\n") == 0 && r.err[0] == '\0',
           "without --name nothing is refused (exit %d)", r.status);
    child_free(&r);
}

/* --threads above the processors: capped, with one line on stderr, and the run goes on. */
static void test_thread_cap(void)
{
    int procs = nn_processors();
    child_run r = run(chapter_main, "--threads", "1024", "--quiet", NULL);
    char want_err[256], want_out[64];
    snprintf(want_err, sizeof want_err, "test_cli: --threads 1024: capped at %d, the number of "
             "processors (more threads would only take turns on them)\n", procs);
#ifdef _OPENMP
    snprintf(want_out, sizeof want_out, "threads=%d ", procs);
    int threads_ok = strstr(r.out, want_out) != NULL && strstr(r.out, "omp=") &&
                     atoi(strstr(r.out, "omp=") + 4) == procs;
#else
    snprintf(want_out, sizeof want_out, "threads=%d ", procs);
    int threads_ok = strstr(r.out, want_out) != NULL;
#endif
    tap_ok(r.status == 0 && strcmp(r.err, want_err) == 0 && threads_ok,
           "--threads 1024 on %d processors: capped at %d with one notice line, exit %d", procs, procs,
           r.status);
    if (strcmp(r.err, want_err) != 0) tap_diag("stderr: %s", r.err);
    child_free(&r);
    /* exactly the processors: no notice */
    char n[16];
    snprintf(n, sizeof n, "%d", procs);
    r = run(chapter_main, "--threads", n, "--quiet", NULL);
    tap_ok(r.status == 0 && r.err[0] == '\0', "--threads %d (the processors): accepted without a notice", procs);
    child_free(&r);
}

static void test_parsers(void)
{
    long v = 0;
    double x = 0;
    int ints = nn_parse_int("42", 0, 100, &v) == 0 && v == 42 && nn_parse_int("-3", -5, 5, &v) == 0 &&
               v == -3 && nn_parse_int(" 5", 0, 9, &v) == -1 && nn_parse_int("5 ", 0, 9, &v) == -1 &&
               nn_parse_int("", 0, 9, &v) == -1 && nn_parse_int("0x10", 0, 99, &v) == -1 &&
               nn_parse_int("1.0", 0, 9, &v) == -1 && nn_parse_int("10", 0, 9, &v) == -2 &&
               nn_parse_int("99999999999999999999", 0, 9, &v) == -2;
    tap_ok(ints, "nn_parse_int: '42', '-3' accepted; ' 5', '5 ', '', '0x10', '1.0' refused; 10 > 9 and 1e20 out of range");
    int reals = nn_parse_real("0.25", &x) == 0 && x == 0.25 && nn_parse_real("-1e-3", &x) == 0 &&
                x == -1e-3 && nn_parse_real("1e-400", &x) == 0 && nn_parse_real("1e", &x) == -1 &&
                nn_parse_real("nan", &x) == -1 && nn_parse_real("inf", &x) == -1 &&
                nn_parse_real("1e400", &x) == -2 && nn_parse_real(" 1", &x) == -1 &&
                nn_parse_real("1,5", &x) == -1;
    tap_ok(reals, "nn_parse_real: '0.25', '-1e-3', '1e-400' accepted; '1e', 'nan', 'inf', ' 1', '1,5' refused; 1e400 out of range");
}

static void diverging(int argc, char **argv)
{
    (void)argc; (void)argv;
    nn_check_finite(NN_R(1.5), "loss at epoch 2", "unused");
    printf("finite passes\n");
    nn_check_finite((nn_real)NAN, "loss at epoch 3", "lower the learning rate (--lr)");
    printf("not reached\n");
}

/* Progress with stderr redirected to a file (not a terminal): nothing is drawn. */
static void progress_to_file(int argc, char **argv)
{
    (void)argc; (void)argv;
    nn_common_flags common = nn_common_defaults(".");
    nn_progress p;
    nn_progress_start(&p, &common, "training", 1000);
    for (long i = 1; i <= 1000; i++) nn_progress_update(&p, i, "loss %.3f", 1.0 / (double)i);
    nn_progress_end(&p);
}

static void test_divergence_and_progress(void)
{
    child_run r = run(diverging, NULL);
    tap_ok(r.status == 1 && strcmp(r.out, "finite passes\n") == 0 &&
           strcmp(r.err, "diverged: loss at epoch 3 is nan; lower the learning rate (--lr)\n") == 0,
           "nn_check_finite: finite value passes; nan exits 1 naming what diverged and the fix");
    child_free(&r);
    r = run(progress_to_file, NULL);
    tap_ok(r.status == 0 && r.err[0] == '\0' && r.out[0] == '\0',
           "progress line is silent when stderr is not a terminal (%zu bytes written)", strlen(r.err));
    child_free(&r);
}

int main(void)
{
    tap_plan(20);
    test_tmpdir(dir, sizeof dir, "cli");
    test_good_flags();
    test_help();
    test_refusals();
    test_thread_cap();
    test_own_refusal();
    test_parsers();
    test_divergence_and_progress();
    test_rmtree(dir);
    return tap_done();
}
