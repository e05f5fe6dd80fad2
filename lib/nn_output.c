/* Output files, written atomically: every file goes to "<path>.tmp" first and is renamed
 * to <path> only once it is complete and closed without error. rename(2) replaces the
 * target in one step, so a reader (or an interrupted run) sees the old file or the new
 * one, never half of one. Write errors are sticky in a FILE (ferror), and a full disk
 * may only show at fclose, so the commit checks both before renaming. */
#include "nn_output.h"
#include "nn_error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

int nn_outfile_open(nn_outfile *f, const char *path, char *err, size_t err_len)
{
    f->fp = NULL;
    f->path[0] = f->tmp[0] = '\0';
    size_t len = strlen(path);
    if (len == 0) return nn_error(err, err_len, "output file: empty path");
    if (len >= sizeof f->path)
        return nn_error(err, err_len, "%.60s...: path longer than %zu characters; use a shorter --out",
                        path, sizeof f->path - 1);
    memcpy(f->path, path, len + 1);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp", path);
    f->fp = fopen(f->tmp, "w");
    if (!f->fp)
        return nn_error(err, err_len, "%s: cannot create %s: %s; check that the directory exists and is writable",
                        f->path, f->tmp, strerror(errno));
    return 0;
}

int nn_outfile_commit(nn_outfile *f, char *err, size_t err_len)
{
    if (!f->fp) return nn_error(err, err_len, "%s: file was not open", f->path);
    int write_failed = ferror(f->fp);
    int write_errno = errno ? errno : EIO;
    int close_failed = fclose(f->fp) != 0;
    if (close_failed) write_errno = errno;
    f->fp = NULL;
    if (write_failed || close_failed) {
        remove(f->tmp);
        return nn_error(err, err_len, "%s: writing failed: %s; check the free space and permissions",
                        f->path, strerror(write_errno));
    }
    if (rename(f->tmp, f->path) != 0) {
        int e = errno;
        remove(f->tmp);
        return nn_error(err, err_len, "%s: cannot rename %s into place: %s", f->path, f->tmp,
                        strerror(e));
    }
    return 0;
}

void nn_outfile_abort(nn_outfile *f)
{
    if (f->fp) fclose(f->fp);
    f->fp = NULL;
    if (f->tmp[0]) remove(f->tmp);
}

/* mkdir -p: create each prefix ending at a '/', then the whole path. */
int nn_make_dirs(const char *path, char *err, size_t err_len)
{
    char buf[1024];
    size_t len = strlen(path);
    if (len == 0) return nn_error(err, err_len, "output directory: empty path");
    if (len >= sizeof buf) return nn_error(err, err_len, "%.60s...: directory path too long", path);
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (buf[i] != '/' && buf[i] != '\0') continue;
        char saved = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return nn_error(err, err_len, "%s: cannot create directory %s: %s", path, buf,
                            strerror(errno));
        struct stat st;
        if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
            return nn_error(err, err_len, "%s: %s exists and is not a directory", path, buf);
        buf[i] = saved;
    }
    return 0;
}

const char *nn_path_join(char *buf, size_t len, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    const char *sep = (dl == 0 || dir[dl - 1] == '/') ? "" : "/";
    int n = snprintf(buf, len, "%s%s%s", dir, sep, name);
    if (n < 0 || (size_t)n >= len) {
        fprintf(stderr, "nn_path_join: '%s' + '%s' does not fit in %zu bytes\n", dir, name, len);
        abort();
    }
    return buf;
}

/* ---- Results: key = value ------------------------------------------------------ */

int nn_results_open(nn_results *r, const char *path, char *err, size_t err_len)
{
    r->failed = 0;
    return nn_outfile_open(&r->file, path, err, err_len);
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

/* Keys are read back by tools (course-sync, expect): one word of [A-Za-z0-9_.-]. */
static void check_key(const char *key)
{
    if (!nn_is_word(key, ".-")) {
        fprintf(stderr, "nn_results: key '%s' must be a non-empty word of letters, digits, '_', '.', '-'\n", key);
        abort();
    }
}

/* A failed fprintf is remembered (with its errno) and reported by nn_results_close. */
static void results_line(nn_results *r, int written)
{
    if (written < 0 && !r->failed) r->failed = errno ? errno : EIO;
}

/* NN_REAL_DIGITS significant digits (17 for double, 9 for float) read back exactly. */
void nn_results_real(nn_results *r, const char *key, double value)
{
    check_key(key);
    results_line(r, fprintf(r->file.fp, "%s = %.*g\n", key, NN_REAL_DIGITS, value));
}

void nn_results_int(nn_results *r, const char *key, long value)
{
    check_key(key);
    results_line(r, fprintf(r->file.fp, "%s = %ld\n", key, value));
}

void nn_results_text(nn_results *r, const char *key, const char *value)
{
    check_key(key);
    if (strchr(value, '\n')) {
        fprintf(stderr, "nn_results_text: value of '%s' holds a newline\n", key);
        abort();
    }
    results_line(r, fprintf(r->file.fp, "%s = %s\n", key, value));
}

int nn_results_close(nn_results *r, char *err, size_t err_len)
{
    if (r->failed) {
        nn_outfile_abort(&r->file);
        return nn_error(err, err_len, "%s: writing failed: %s; check the free space and permissions",
                        r->file.path, strerror(r->failed));
    }
    return nn_outfile_commit(&r->file, err, err_len);
}

/* ---- gnuplot data files ------------------------------------------------------- */

static int count_words(const char *s)
{
    int n = 0, in_word = 0;
    for (; *s; s++) {
        int space = *s == ' ' || *s == '\t';
        if (!space && !in_word) n++;
        in_word = !space;
    }
    return n;
}

int nn_write_datafile(const char *path, const char *columns, nn_matrix data, char *err,
                      size_t err_len)
{
    return nn_write_grid_datafile(path, columns, data, 0, err, err_len);
}

int nn_write_grid_datafile(const char *path, const char *columns, nn_matrix data,
                           int block_rows, char *err, size_t err_len)
{
    if (count_words(columns) != data.cols) {
        fprintf(stderr, "nn_write_datafile: %s: %d column names ('%s') for a %d x %d matrix\n",
                path, count_words(columns), columns, data.rows, data.cols);
        abort();
    }
    nn_outfile f;
    if (nn_outfile_open(&f, path, err, err_len) != 0) return -1;
    fprintf(f.fp, "# %s\n", columns);
    for (int i = 0; i < data.rows; i++) {
        if (block_rows > 0 && i > 0 && i % block_rows == 0) fputc('\n', f.fp);
        for (int j = 0; j < data.cols; j++)
            fprintf(f.fp, "%s%.*g", j ? " " : "", NN_REAL_DIGITS, (double)NN_AT(data, i, j));
        fputc('\n', f.fp);
    }
    return nn_outfile_commit(&f, err, err_len);
}
