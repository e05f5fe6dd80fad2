/* Output files: nothing is ever half-written.
 *
 * Every file the course writes goes first to "<path>.tmp" and is renamed to <path>
 * only when it has been completely and successfully written (rename is atomic on
 * POSIX): an interrupted run leaves the old file or no file, never a torn one.
 *
 * Library functions that touch the outside world return 0 on success, or -1 with a
 * message "<path>: <problem>" in err; they never exit. */
#ifndef NN_OUTPUT_H
#define NN_OUTPUT_H

#include <stdio.h>
#include <stddef.h>
#include "nn_matrix.h"

typedef struct {
    FILE *fp;                   /* write here with fprintf */
    char path[1024], tmp[1040];
} nn_outfile;

int nn_outfile_open(nn_outfile *f, const char *path, char *err, size_t err_len);
int nn_outfile_commit(nn_outfile *f, char *err, size_t err_len); /* close, check, rename */
void nn_outfile_abort(nn_outfile *f);                             /* close, remove tmp */

/* mkdir -p. */
int nn_make_dirs(const char *path, char *err, size_t err_len);
/* dir + "/" + name into buf (aborts if it does not fit). */
const char *nn_path_join(char *buf, size_t len, const char *dir, const char *name);

/* 1 if s is a non-empty word of letters, digits, '_' and the characters of `also`
 * (results keys, DOT node names: things tools read back). */
int nn_is_word(const char *s, const char *also);

/* Results: `key = value` lines, in the order written, numbers at full precision
 * (%.17g for doubles) so a test can compare them with any tolerance. */
typedef struct {
    nn_outfile file;
    int failed;             /* 0, or the errno of the first failed write */
} nn_results;

int nn_results_open(nn_results *r, const char *path, char *err, size_t err_len);
void nn_results_real(nn_results *r, const char *key, double value);
void nn_results_int(nn_results *r, const char *key, long value);
void nn_results_text(nn_results *r, const char *key, const char *value);
int nn_results_close(nn_results *r, char *err, size_t err_len);

/* A gnuplot data file: a comment line naming the columns ("# epoch loss accuracy"),
 * then one row per line of the matrix, columns separated by a space, %.17g. */
int nn_write_datafile(const char *path, const char *columns, nn_matrix data,
                      char *err, size_t err_len);
/* The same in blocks of block_rows rows separated by a blank line, the layout gnuplot
 * reads as a grid (splot, pm3d, contours): a decision region sampled on a grid is
 * written with block_rows = points per grid line. block_rows = 0 means one block. */
int nn_write_grid_datafile(const char *path, const char *columns, nn_matrix data,
                           int block_rows, char *err, size_t err_len);

#endif
