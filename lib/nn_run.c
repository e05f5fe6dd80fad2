/* A chapter's run: staged files, committed together (see nn_run.h for the contract).
 *
 * Why a staging directory rather than one temporary file per output: a temporary file
 * per output makes each file whole, but a run killed half-way would still leave new and
 * old files side by side in --out, and two runs into one directory could interleave
 * their renames. Staging the whole run, then moving it in under a lock with signals
 * blocked, makes the run the unit: --out holds one complete run or the previous one.
 *
 * The staged files are named 0, 1, 2, ... in the order opened, and get their real names
 * only when they are moved into --out. That is what lets the signal handler clean up
 * with nothing but unlink(2) and rmdir(2) (async-signal-safe) on names it can spell with
 * digits, without touching any list another thread might be growing. */
#define _DEFAULT_SOURCE     /* flock(2), on Linux and the BSDs */
#include "nn_run.h"
#include "nn_error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char *name;             /* its name in --out */
    FILE *fp;
} staged_file;

struct nn_table {
    nn_run *run;
    FILE *fp;
    char *name;             /* owned by the run's file list */
    char *columns_text;
    int columns, digits;
    long rows;
};

struct nn_run {
    char *program, *out;
    const nn_common_flags *common;
    staged_file *files;
    int n_files, cap_files;
    nn_table **tables;
    int n_tables;
    FILE *results;
};

/* ---- What the clean-up handlers see --------------------------------------------------
 * Set once by nn_run_start (before the handlers are installed) and cleared by
 * nn_run_finish; the handlers read only these. */
static struct {
    nn_run *run;
    char *staging;          /* <out>/.nn-run.<pid>.XXXXXX; NULL once removed or moved in */
    char *staging_owned;    /* the same string, to free at the end */
    char *scratch;          /* room for staging + "/" + a number, for the handler */
    size_t staging_len;
    volatile sig_atomic_t n_files;
    char **created;         /* directories of --out this run created, outermost first */
    volatile sig_atomic_t n_created;
} active;

/* Writes the decimal digits of i after prefix: async-signal-safe, unlike snprintf. */
static void staged_path(char *buf, size_t prefix_len, int i)
{
    char digits[16];
    int n = 0;
    do { digits[n++] = (char)('0' + i % 10); i /= 10; } while (i > 0);
    buf[prefix_len] = '/';
    for (int k = 0; k < n; k++) buf[prefix_len + 1 + k] = digits[n - 1 - k];
    buf[prefix_len + 1 + n] = '\0';
}

/* Removes the staged files, the staging directory and the directories the run created
 * (rmdir leaves a directory alone unless it is empty: after a partial move into --out,
 * the directories stay with the files). Only async-signal-safe calls. Afterwards nothing
 * is left for a second call (the handlers, then exit, may both come here). */
static void remove_staging(void)
{
    if (active.staging) {
        memcpy(active.scratch, active.staging, active.staging_len);
        for (int i = 0; i < active.n_files; i++) {
            staged_path(active.scratch, active.staging_len, i);
            unlink(active.scratch);
        }
        rmdir(active.staging);
        active.staging = NULL;
    }
    for (int k = active.n_created - 1; k >= 0; k--) rmdir(active.created[k]);
    active.n_created = 0;
}

static void on_signal(int sig)
{
    remove_staging();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* An exit() while a run is open (nn_check_finite, say): it was not finished. */
static void at_exit(void)
{
    if (!active.run) return;
    fprintf(stderr, "%s: stopped before the run finished; %s was left as it was\n",
            active.run->program, active.run->out);
    remove_staging();
    active.run = NULL;
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, old);
}

void nn_run_fail(nn_run *run, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", run->program);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    remove_staging();
    active.run = NULL;      /* said: at_exit has nothing to add */
    exit(status);
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (!c) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    return memcpy(c, s, n);
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);
    if (!p) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nl + 1);
    return p;
}

/* mkdir -p, remembering every directory it made (so that a failed run can take them
 * back: --out is left as it was, its parents too). */
static void make_out_dirs(nn_run *run)
{
    char *path = copy_string(run->out);
    size_t len = strlen(path), components = 1;
    while (len > 1 && path[len - 1] == '/') path[--len] = '\0';
    for (size_t i = 0; i < len; i++) components += path[i] == '/';
    active.created = calloc(components, sizeof *active.created);
    if (!active.created) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0') continue;
        char saved = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) == 0) {
            active.created[active.n_created] = copy_string(path);
            active.n_created = active.n_created + 1;    /* after the store: the handler reads it */
        } else if (errno != EEXIST) {
            nn_run_fail(run, 1, "%s: cannot create directory %s: %s; check --out", run->out, path,
                        strerror(errno));
        }
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            nn_run_fail(run, 1, "%s: %s exists and is not a directory; choose another --out",
                        run->out, path);
        path[i] = saved;
    }
    free(path);
}

/* Staging directories of runs killed by SIGKILL: ".nn-run.<pid>.XXXXXX" whose process is
 * gone. Their files are removed, then the directory. */
static void remove_stale_staging(const char *out)
{
    DIR *d = opendir(out);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        long pid;
        char tail[32];
        if (sscanf(e->d_name, ".nn-run.%ld.%31s", &pid, tail) != 2 || pid <= 0) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        char *dir = join(out, e->d_name);
        DIR *inner = opendir(dir);
        if (inner) {
            struct dirent *f;
            while ((f = readdir(inner))) {
                if (f->d_name[0] == '.') continue;
                char *p = join(dir, f->d_name);
                unlink(p);
                free(p);
            }
            closedir(inner);
        }
        rmdir(dir);
        free(dir);
    }
    closedir(d);
}

nn_run *nn_run_start(const char *program, const nn_common_flags *common)
{
    if (active.run) {
        fprintf(stderr, "nn_run_start: %s: a run is already active (one at a time)\n", program);
        abort();
    }
    nn_run *run = calloc(1, sizeof *run);
    if (!run) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    run->program = copy_string(program);
    run->out = copy_string(common->out && common->out[0] ? common->out : ".");
    run->common = common;
    active.run = run;
    active.n_created = 0;

    /* The clean-up handlers first: from here on, whatever the run creates is taken back. */
    static int handlers_installed = 0;
    if (!handlers_installed) {
        atexit(at_exit);
        handlers_installed = 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);      /* a failed assertion, too, leaves --out as it was */

    make_out_dirs(run);
    remove_stale_staging(run->out);

    char name[64];
    snprintf(name, sizeof name, ".nn-run.%ld.XXXXXX", (long)getpid());
    char *staging = join(run->out, name);
    active.staging_len = strlen(staging);
    active.scratch = malloc(active.staging_len + 24);
    if (!active.scratch) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    active.n_files = 0;
    active.staging_owned = staging;
    /* Known to the handlers before mkdtemp fills in the name and creates it: a signal
     * just after the directory exists must find it (before, rmdir of the template fails
     * harmlessly). */
    active.staging = staging;
    if (!mkdtemp(staging))
        nn_run_fail(run, 1, "%s: cannot create a staging directory in it: %s; check that --out is writable",
                    run->out, strerror(errno));

    run->results = nn_run_file(run, "results.txt");
    return run;
}

const char *nn_run_out(const nn_run *run) { return run->out; }

/* A file name in --out: no directory part, no leading dot (staging is dot-named). */
static void check_file_name(const nn_run *run, const char *name)
{
    if (!name[0] || name[0] == '.' || strchr(name, '/')) {
        fprintf(stderr, "nn_run: '%s' must be a plain file name (no '/', no leading '.')\n", name);
        abort();
    }
    for (int i = 0; i < run->n_files; i++)
        if (strcmp(run->files[i].name, name) == 0) {
            fprintf(stderr, "nn_run: '%s' is written twice in one run\n", name);
            abort();
        }
}

FILE *nn_run_file(nn_run *run, const char *name)
{
    check_file_name(run, name);
    if (run->n_files == run->cap_files) {
        run->cap_files = run->cap_files ? 2 * run->cap_files : 32;
        run->files = realloc(run->files, sizeof *run->files * (size_t)run->cap_files);
        if (!run->files) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    }
    char *path = malloc(active.staging_len + 24);
    if (!path) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    memcpy(path, active.staging, active.staging_len);
    staged_path(path, active.staging_len, run->n_files);
    /* The handlers learn of the file before it exists (unlinking a name not yet there is
     * harmless): a signal arriving just after open() returns must not miss it. */
    active.n_files = run->n_files + 1;
    /* O_EXCL: never an existing file, never through a symlink (in a directory only this
     * process can write to, but the rule costs nothing). */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp) nn_run_fail(run, 1, "%s: cannot create %s: %s", name, path, strerror(errno));
    free(path);
    run->files[run->n_files] = (staged_file){ copy_string(name), fp };
    run->n_files++;
    return fp;
}

int nn_is_word(const char *s, const char *also)
{
    if (!s[0]) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || strchr(also, *s)))
            return 0;
    return 1;
}

/* ---- results.txt ------------------------------------------------------------------ */

/* The flags as given on the command line, for messages about a non-finite number. */
static void flags_given(const nn_run *run, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 1; i < run->common->argc && used + 1 < len; i++)
        used += (size_t)snprintf(buf + used, len - used, " %s", run->common->argv[i]);
    if (run->common->argc <= 1) snprintf(buf, len, " none");
}

static void format_key(nn_run *run, char *key, size_t len, const char *fmt, va_list ap)
{
    int n = vsnprintf(key, len, fmt, ap);
    if (n < 0 || (size_t)n >= len || !nn_is_word(key, ".-")) {
        fprintf(stderr, "%s: results key '%s' must be a word of letters, digits, '_', '.', '-' "
                        "(at most %zu characters)\n", run->program, key, len - 1);
        abort();
    }
}

void nn_result(nn_run *run, double value, const char *key, ...)
{
    char k[160];
    va_list ap;
    va_start(ap, key);
    format_key(run, k, sizeof k, key, ap);
    va_end(ap);
    if (!isfinite(value)) {
        char given[512];
        flags_given(run, given, sizeof given);
        nn_run_fail(run, 1, "result %s is %g, not a finite number: the computation overflowed or "
                            "diverged; a flag is likely outside its useful range (flags given:%s)",
                    k, value, given);
    }
    fprintf(run->results, "%s = %.*g\n", k, NN_REAL_DIGITS, value);
}

void nn_result_int(nn_run *run, long value, const char *key, ...)
{
    char k[160];
    va_list ap;
    va_start(ap, key);
    format_key(run, k, sizeof k, key, ap);
    va_end(ap);
    fprintf(run->results, "%s = %ld\n", k, value);
}

void nn_result_text(nn_run *run, const char *value, const char *key, ...)
{
    char k[160];
    va_list ap;
    va_start(ap, key);
    format_key(run, k, sizeof k, key, ap);
    va_end(ap);
    if (strchr(value, '\n')) {
        fprintf(stderr, "%s: result %s: a value holds no newline\n", run->program, k);
        abort();
    }
    fprintf(run->results, "%s = %s\n", k, value);
}

/* ---- Data tables ------------------------------------------------------------------ */

/* The column names: the words before an optional note in parentheses. */
static int column_count(const char *columns)
{
    int n = 0, in_word = 0;
    for (const char *c = columns; *c && *c != '('; c++) {
        int space = *c == ' ' || *c == '\t';
        if (!space && !in_word) n++;
        in_word = !space;
    }
    return n;
}

/* The name of column j (from 0), for a message. */
static void column_name(const char *columns, int j, char *buf, size_t len)
{
    const char *c = columns;
    for (int k = 0; ; k++) {
        while (*c == ' ') c++;
        size_t w = strcspn(c, " ");
        if (k == j) { snprintf(buf, len, "%.*s", (int)w, c); return; }
        c += w;
    }
}

nn_table *nn_table_open(nn_run *run, const char *name, const char *columns)
{
    nn_table *t = calloc(1, sizeof *t);
    if (!t) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    t->run = run;
    t->fp = nn_run_file(run, name);
    t->name = run->files[run->n_files - 1].name;
    t->columns_text = copy_string(columns);
    t->columns = column_count(columns);
    t->digits = NN_REAL_DIGITS;
    if (t->columns < 1) {
        fprintf(stderr, "nn_table_open: %s: no column names in '%s'\n", name, columns);
        abort();
    }
    fprintf(t->fp, "# %s\n", columns);
    run->tables = realloc(run->tables, sizeof *run->tables * (size_t)(run->n_tables + 1));
    if (!run->tables) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    run->tables[run->n_tables++] = t;
    return t;
}

void nn_table_add(nn_table *t, const double *values, int count)
{
    if (count != t->columns) {
        fprintf(stderr, "nn_table_row: %s: %d values for %d columns\n", t->name, count, t->columns);
        abort();
    }
    for (int j = 0; j < count; j++) {
        if (isfinite(values[j])) continue;
        char column[64], given[512];
        column_name(t->columns_text, j, column, sizeof column);
        flags_given(t->run, given, sizeof given);
        nn_run_fail(t->run, 1, "%s: row %ld, column %s is %g, not a finite number: the computation "
                               "overflowed or diverged; a flag is likely outside its useful range "
                               "(flags given:%s)", t->name, t->rows + 1, column, values[j], given);
    }
    for (int j = 0; j < count; j++)
        fprintf(t->fp, "%s%.*g", j ? " " : "", t->digits, values[j]);
    fputc('\n', t->fp);
    t->rows++;
}

void nn_table_block(nn_table *t)
{
    fputc('\n', t->fp);
}

void nn_table_digits(nn_table *t, int digits)
{
    t->digits = digits < 1 ? 1 : digits > 17 ? 17 : digits;
}

void nn_run_table(nn_run *run, const char *name, const char *columns, nn_matrix data,
                  int block_rows)
{
    nn_table *t = nn_table_open(run, name, columns);
    double row[256];
    if (data.cols > 256) {
        fprintf(stderr, "nn_run_table: %s: %d columns, at most 256\n", name, data.cols);
        abort();
    }
    for (int i = 0; i < data.rows; i++) {
        if (block_rows > 0 && i > 0 && i % block_rows == 0) nn_table_block(t);
        for (int j = 0; j < data.cols; j++) row[j] = (double)NN_AT(data, i, j);
        nn_table_add(t, row, data.cols);
    }
}

/* ---- Figures ------------------------------------------------------------------------ */

/* A gnuplot single-quoted string: '' for a quote, a newline as a space. */
static void gnuplot_string(FILE *fp, const char *s)
{
    fputc('\'', fp);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', fp);
        fputc(*s == '\n' ? ' ' : *s, fp);
    }
    fputc('\'', fp);
}

FILE *nn_figure(nn_run *run, const char *name, const char *title, const char *xlabel,
                const char *ylabel)
{
    if (!nn_is_word(name, "_-")) {
        fprintf(stderr, "nn_figure: '%s': a figure's name is a word of letters, digits, '_', '-'\n", name);
        abort();
    }
    char file[256];
    snprintf(file, sizeof file, "%s.gp", name);
    FILE *fp = nn_run_file(run, file);
    fprintf(fp, "# %s.gp: ", name);
    for (const char *c = title ? title : ""; *c; c++) fputc(*c == '\n' ? ' ' : *c, fp);
    fprintf(fp, "\n# Written by %s; rendered by tools/render.sh (gnuplot, run in this directory).\n"
                "name = '%s'\nload '../style.gp'\n", run->program, name);
    const char *what[3] = { "title", "xlabel", "ylabel" }, *text[3] = { title, xlabel, ylabel };
    for (int k = 0; k < 3; k++) {
        if (!text[k]) continue;
        fprintf(fp, "set %s ", what[k]);
        gnuplot_string(fp, text[k]);
        fputc('\n', fp);
    }
    return fp;
}

/* ---- Finishing -------------------------------------------------------------------- */

static void free_run(nn_run *run)
{
    for (int i = 0; i < run->n_files; i++) free(run->files[i].name);
    for (int i = 0; i < run->n_tables; i++) {
        free(run->tables[i]->columns_text);
        free(run->tables[i]);
    }
    for (int k = 0; k < active.n_created; k++) free(active.created[k]);
    free(active.created);
    free(run->files);
    free(run->tables);
    free(run->program);
    free(run->out);
    free(active.staging_owned);
    free(active.scratch);
    memset(&active, 0, sizeof active);
    free(run);
}

int nn_run_finish(nn_run *run)
{
    /* 1. Every file complete: a write error is sticky in the FILE, a full disk may only
     *    show at fclose. */
    for (int i = 0; i < run->n_files; i++) {
        staged_file *f = &run->files[i];
        int failed = ferror(f->fp), e = errno;
        if (fclose(f->fp) != 0) { failed = 1; e = errno; }
        f->fp = NULL;
        if (failed)
            nn_run_fail(run, 1, "%s/%s: writing failed: %s; check the free space and permissions "
                                "(%s was left as it was)", run->out, f->name, strerror(e ? e : EIO),
                        run->out);
    }
    /* 2. Move them in as one: under an exclusive lock on --out (another run finishing
     *    into it waits), with the terminating signals held until the last rename. */
    int dir_fd = open(run->out, O_RDONLY | O_DIRECTORY);
    if (dir_fd < 0 || flock(dir_fd, LOCK_EX) != 0)
        nn_run_fail(run, 1, "%s: cannot lock the directory: %s", run->out, strerror(errno));
    sigset_t old;
    block_signals(&old);
    char *from = malloc(active.staging_len + 24);
    if (!from) { fprintf(stderr, "nn_run: out of memory\n"); abort(); }
    memcpy(from, active.staging, active.staging_len);
    for (int i = 0; i < run->n_files; i++) {
        char *to = join(run->out, run->files[i].name);
        staged_path(from, active.staging_len, i);
        if (rename(from, to) != 0) {
            int e = errno;
            fprintf(stderr, "%s: %s: cannot move it into place: %s; %d of %d files of this run "
                            "were moved into %s\n", run->program, to, strerror(e), i, run->n_files,
                    run->out);
            remove_staging();
            active.run = NULL;      /* said: at_exit has nothing to add */
            exit(1);
        }
        free(to);
    }
    free(from);
    rmdir(active.staging);
    active.staging = NULL;  /* done: nothing for the handlers to remove */
    sigprocmask(SIG_SETMASK, &old, NULL);
    flock(dir_fd, LOCK_UN);
    close(dir_fd);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGABRT, SIG_DFL);
    free_run(run);
    return 0;
}
