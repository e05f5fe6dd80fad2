/* The command line every chapter shares: common flags, a chapter's own flags from a
 * table, strict numbers, a usage listing built from the same table (so the help cannot
 * forget a flag), narration, a progress line and the divergence check. */
#include "nn_cli.h"
#include "nn_parallel.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The seed is a uint64_t: a kind of its own, private to this file. */
#define KIND_SEED ((nn_flag_kind)100)
#define MAX_FLAGS 64

nn_common_flags nn_common_defaults(const char *out_dir)
{
    nn_common_flags c = { 1, 0, out_dir, false, 0, NULL };
    return c;
}

/* ---- Strict numbers ------------------------------------------------------------ */

int nn_parse_int(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s || !(*s == '-' || *s == '+' || (*s >= '0' && *s <= '9'))) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end != '\0') return -1;
    if (errno == ERANGE || v < lo || v > hi) return -2;
    *out = v;
    return 0;
}

int nn_parse_real(const char *s, double *out)
{
    if (!s || !*s || !(*s == '-' || *s == '+' || *s == '.' || (*s >= '0' && *s <= '9')))
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end != '\0' || isnan(v)) return -1;
    if (isinf(v) || (errno == ERANGE && fabs(v) > 1)) return -2;  /* underflow to ~0 is fine */
    *out = v;
    return 0;
}

/* ---- Usage --------------------------------------------------------------------- */

static const char *program_name(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    return slash ? slash + 1 : argv0;
}

static const char *metavar(const nn_flag *f)
{
    switch (f->kind) {
    case NN_FLAG_KIND_INT: return "N";
    case NN_FLAG_KIND_REAL: return "X";
    case NN_FLAG_KIND_STRING: return strcmp(f->name, "--out") == 0 ? "DIR" : "TEXT";
    case NN_FLAG_KIND_BOOL: return "";
    default: return "N";
    }
}

static void format_value(const nn_flag *f, char *buf, size_t len)
{
    switch (f->kind) {
    case NN_FLAG_KIND_INT: snprintf(buf, len, "%d", *(int *)f->target); break;
    case NN_FLAG_KIND_REAL: snprintf(buf, len, "%g", (double)*(nn_real *)f->target); break;
    case NN_FLAG_KIND_STRING: {
        const char *s = *(const char **)f->target;
        snprintf(buf, len, "%s", s ? s : "none");
        break;
    }
    case NN_FLAG_KIND_BOOL: snprintf(buf, len, "%s", *(bool *)f->target ? "on" : "off"); break;
    default: snprintf(buf, len, "%llu", (unsigned long long)*(uint64_t *)f->target); break;
    }
}

static void usage(const char *prog, const char *summary, const nn_flag *all, int n)
{
    printf("%s\n\nusage: %s [flags]\n\n", summary, prog);
    for (int i = 0; i < n; i++) {
        char head[64], value[128];
        snprintf(head, sizeof head, "%s %s", all[i].name, metavar(&all[i]));
        format_value(&all[i], value, sizeof value);
        printf("  %-18s %s", head, all[i].help);
        if (all[i].lo < all[i].hi) printf(", %g to %g", all[i].lo, all[i].hi);
        if (all[i].kind != NN_FLAG_KIND_BOOL) printf(" (default %s)", value);
        putchar('\n');
    }
    printf("  %-18s this help\n", "--help");
}

/* ---- Parsing ------------------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 0), noreturn))
#endif
static void vrefuse(const char *prog, const char *flag, const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "%s: %s: ", prog, flag);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "; try --help\n");
    exit(2);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4), noreturn))
#endif
static void refuse(const char *prog, const char *flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vrefuse(prog, flag, fmt, ap);
}

void nn_cli_refuse(const nn_common_flags *common, const char *flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vrefuse(program_name(common->argc > 0 ? common->argv[0] : "nncourse"), flag, fmt, ap);
}

/* A value given as a separate word never starts with "--" (nn_cli_parse refuses that as a
 * missing value), so a word equal to the name is the flag itself. */
bool nn_flag_given(const nn_common_flags *common, const char *name)
{
    size_t len = strlen(name);
    for (int i = 1; i < common->argc; i++) {
        const char *a = common->argv[i];
        if (strncmp(a, name, len) == 0 && (a[len] == '\0' || a[len] == '=')) return true;
    }
    return false;
}

static void set_number(const char *prog, const nn_flag *f, const char *text)
{
    int has_range = f->lo < f->hi;
    if (f->kind == NN_FLAG_KIND_REAL) {
        double v = 0;
        int r = nn_parse_real(text, &v);
        if (r == -1) refuse(prog, f->name, "'%s' is not a number", text);
        /* the declared range first: the same message in double and in float */
        if (has_range && (r == -2 || v < f->lo || v > f->hi))
            refuse(prog, f->name, "'%s' is out of range (%g to %g): %s", text, f->lo, f->hi, f->help);
        if (r == -2 || fabs(v) > NN_REAL_MAX) refuse(prog, f->name, "'%s' is too large", text);
        *(nn_real *)f->target = (nn_real)v;
        return;
    }
    long lo = has_range ? (long)f->lo : (f->kind == KIND_SEED ? 0 : INT_MIN);
    long hi = has_range ? (long)f->hi : (f->kind == KIND_SEED ? LONG_MAX : INT_MAX);
    long v;
    int r = nn_parse_int(text, lo, hi, &v);
    if (r == -1) refuse(prog, f->name, "'%s' is not a whole number", text);
    if (r == -2 && has_range)
        refuse(prog, f->name, "'%s' is out of range (%ld to %ld): %s", text, lo, hi, f->help);
    if (r == -2) refuse(prog, f->name, "'%s' is out of range (%ld to %ld)", text, lo, hi);
    if (f->kind == KIND_SEED) *(uint64_t *)f->target = (uint64_t)v;
    else *(int *)f->target = (int)v;
}

/* The common flags first, then the chapter's; a name used twice is a programming error. */
static int flag_table(nn_common_flags *common, const nn_flag *flags, int n_flags, nn_flag *all)
{
    nn_flag common_flags[] = {
        { "--seed", KIND_SEED, &common->seed, "random seed", 0, 0 },
        NN_FLAG_INT_RANGE("--threads", &common->threads, 0, 1024,
                          "OpenMP threads, 0 = OpenMP's default (results do not depend on it; "
                          "more than the processors are capped)"),
        NN_FLAG_STRING("--out", &common->out, "directory for results, data and figure scripts"),
        NN_FLAG_BOOL("--quiet", &common->quiet, "no narration and no progress line"),
    };
    int n = (int)(sizeof common_flags / sizeof common_flags[0]);
    if (n + n_flags > MAX_FLAGS) {
        fprintf(stderr, "nn_cli_parse: %d flags, at most %d\n", n + n_flags, MAX_FLAGS);
        abort();
    }
    memcpy(all, common_flags, sizeof common_flags);
    for (int i = 0; i < n_flags; i++) {
        for (int j = 0; j < n + i; j++)
            if (strcmp(flags[i].name, all[j].name) == 0 || strncmp(flags[i].name, "--", 2) != 0) {
                fprintf(stderr, "nn_cli_parse: flag '%s' is declared twice or lacks '--'\n",
                        flags[i].name);
                abort();
            }
        all[n + i] = flags[i];
    }
    return n + n_flags;
}

/* "--name" or "--name=value": the flag it names, and the inline value if any. */
static const nn_flag *find_flag(const char *arg, const nn_flag *all, int n, const char **value)
{
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    *value = eq ? eq + 1 : NULL;
    for (int i = 0; i < n; i++)
        if (strlen(all[i].name) == len && strncmp(all[i].name, arg, len) == 0) return &all[i];
    return NULL;
}

void nn_cli_parse(int argc, char **argv, const char *summary, nn_common_flags *common,
                  const nn_flag *flags, int n_flags)
{
    nn_flag all[MAX_FLAGS];
    int n = flag_table(common, flags, n_flags, all);
    common->argc = argc;
    common->argv = argv;
    const char *prog = program_name(argc > 0 ? argv[0] : "nncourse");
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(prog, summary, all, n);
            exit(0);
        }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value;
        if (strncmp(arg, "--", 2) != 0) refuse(prog, arg, "unexpected argument (flags start with --)");
        const nn_flag *f = find_flag(arg, all, n, &value);
        if (!f) refuse(prog, arg, "unknown flag");
        if (f->kind == NN_FLAG_KIND_BOOL) {
            if (value) refuse(prog, f->name, "takes no value");
            *(bool *)f->target = true;
            continue;
        }
        if (!value) {
            if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0)
                refuse(prog, f->name, "missing value (%s)", metavar(f));
            value = argv[++i];
        }
        if (f->kind == NN_FLAG_KIND_STRING) {
            if (!*value) refuse(prog, f->name, "empty value");
            *(const char **)f->target = value;
        } else {
            set_number(prog, f, value);
        }
    }
    int processors = nn_processors();
    if (common->threads > processors) {
        fprintf(stderr, "%s: --threads %d: capped at %d, the number of processors (more threads "
                        "would only take turns on them)\n", prog, common->threads, processors);
        common->threads = processors;
    }
    /* The same cap when the count comes from OMP_NUM_THREADS (--threads 0, the default). */
    if (common->threads == 0 && nn_threads() > processors) {
        const char *env = getenv("OMP_NUM_THREADS");
        fprintf(stderr, "%s: OMP_NUM_THREADS=%s: capped at %d, the number of processors (more "
                        "threads would only take turns on them)\n", prog, env ? env : "?", processors);
        common->threads = processors;
    }
    nn_set_threads(common->threads);
}

/* ---- Narration and progress ---------------------------------------------------- */

void nn_say(const nn_common_flags *common, const char *fmt, ...)
{
    if (common->quiet) return;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void nn_progress_start(nn_progress *p, const nn_common_flags *common, const char *label,
                       long total)
{
    p->enabled = !common->quiet && isatty(STDERR_FILENO);
    p->label = label;
    p->total = total;
    p->started = now_seconds();
    p->last_drawn = -1;
    p->last_width = 0;
}

/* Redrawn at most ten times a second (and at the end), so a fast loop is not slowed
 * down by the terminal; "\r" returns to the line's start, spaces erase a longer line. */
void nn_progress_update(nn_progress *p, long done, const char *fmt, ...)
{
    if (!p->enabled) return;
    double t = now_seconds();
    if (done < p->total && p->last_drawn >= 0 && t - p->last_drawn < 0.1) return;
    p->last_drawn = t;
    char line[256];
    int len = snprintf(line, sizeof line, "%s: %ld/%ld (%.0f%%, %.1f s)", p->label, done,
                       p->total, p->total > 0 ? 100.0 * (double)done / (double)p->total : 100.0,
                       t - p->started);
    if (fmt && len > 0 && (size_t)len < sizeof line - 2) {
        line[len++] = ' ';
        line[len] = '\0';
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(line + len, sizeof line - (size_t)len, fmt, ap);
        va_end(ap);
        len = (int)strlen(line);
    }
    fprintf(stderr, "\r%s%*s", line, p->last_width > len ? p->last_width - len : 0, "");
    fflush(stderr);
    p->last_width = len;
}

void nn_progress_end(nn_progress *p)
{
    if (!p->enabled) return;
    fprintf(stderr, "\r%*s\r", p->last_width, "");
    fflush(stderr);
    p->enabled = false;
}

/* ---- Fashion-MNIST ------------------------------------------------------------ */

int nn_cli_fashion_mnist(const nn_common_flags *common, const char *program, const char *dir,
                         nn_image_set *train, nn_image_set *test, char *missing, size_t missing_len)
{
    char err[1200];
    int r = nn_fashion_mnist_load(dir, train, test, err, sizeof err);
    bool given = nn_flag_given(common, "--data");
    if (r == NN_IDX_MISSING && !given) {        /* not installed: the image part is skipped */
        snprintf(missing, missing_len, "%s", err);
        return 0;
    }
    const char *fix = given ? "give --data the directory that holds the four Fashion-MNIST IDX "
                              "files, or use --skip-images"
                            : "reinstall it (apt-get install --reinstall dataset-fashion-mnist), "
                              "give --data another copy, or use --skip-images";
    if (r == 0 && (train->n == 0 || test->n == 0)) {
        snprintf(err, sizeof err, "%s: the %s set holds no images: there is nothing to %s", dir,
                 train->n == 0 ? "training" : "test", train->n == 0 ? "learn from" : "measure on");
        nn_image_set_free(train);
        nn_image_set_free(test);
        r = -1;
    }
    if (r != 0) {   /* the problem (with the reader's own advice), then the chapter's */
        fprintf(stderr, "%s: %s%s\n%s: %s\n", program, given ? "--data: " : "", err, program, fix);
        exit(1);
    }
    return 1;
}

/* ---- Divergence ---------------------------------------------------------------- */

void nn_check_finite(nn_real value, const char *what, const char *fix)
{
    if (isfinite(value)) return;
    fflush(stdout);
    fprintf(stderr, "diverged: %s is %s; %s\n", what,
            isnan(value) ? "nan" : (value > 0 ? "+inf" : "-inf"), fix);
    exit(1);
}
