/* A chapter's run: every file it writes, written safely, in a few calls.
 *
 * A chapter computes numbers and writes four kinds of files into its --out directory:
 * results.txt (`key = value`, every number the text quotes), data tables (`.dat`, what the
 * figures draw), gnuplot scripts (`.gp`) and Graphviz diagrams (`.dot`). This is the one
 * API for all four, so that a chapter's code shows the idea and not the plumbing:
 *
 *     nn_run *run = nn_run_start("01-perceptron", &common);
 *     nn_result(run, updates, "blobs.updates");                  // results.txt
 *     nn_result(run, gap, "activation.%s.gap", name);            // key built printf-style
 *     nn_table *t = nn_table_open(run, "errors.dat", "epoch mistakes");
 *     for (int e = 0; e < epochs; e++) nn_table_row(t, e + 1, errors[e]);
 *     FILE *gp = nn_figure(run, "errors", "Mistakes per epoch", "epoch", "mistakes");
 *     fprintf(gp, "plot 'errors.dat' using 1:2 with lines ls 1 title 'blobs'\n");
 *     return nn_run_finish(run);
 *
 * Nothing is half-written, nothing is mixed. The run writes into a private staging
 * directory inside --out (".nn-run.<pid>.XXXXXX", made by mkdtemp: mode 0700, a name
 * nobody can predict, so no planted symlink is ever followed). nn_run_finish closes every
 * file, checks every write, and only then moves the files into --out, one rename(2)
 * each, holding an exclusive flock(2) on --out and with SIGINT/SIGTERM/SIGHUP blocked:
 * two runs into one directory leave the complete set of files of one of them, and a run
 * interrupted before that moment leaves --out as it was. On a failure, a signal, or an
 * exit() anywhere in the program (nn_check_finite, say) the staging directory is removed
 * (a handler for SIGINT, SIGTERM, SIGHUP and SIGABRT, and an atexit handler). Only SIGKILL can leave one behind; the next
 * run into the same --out removes stale staging directories whose process is gone.
 *
 * Errors. nn_run is the program's side of output, like nn_cli: a failure to create or
 * write a file is a message "<program>: <file>: <problem>; <fix>" on stderr, the staging
 * directory removed, and exit(1). Write errors are sticky (ferror) and reported by
 * nn_run_finish; the functions below it (nn_outfile, nn_write_datafile) return errors.
 *
 * A number that is not finite (NaN, ±Inf) never reaches a results or data file: the run
 * stops with a message naming the key or the file and column, and the flags given.
 *
 * One run at a time per process (the signal handler needs to know it). */
#ifndef NN_RUN_H
#define NN_RUN_H

#include <stdio.h>
#include "nn_cli.h"
#include "nn_matrix.h"

typedef struct nn_run nn_run;
typedef struct nn_table nn_table;

#if defined(__GNUC__)
#define NN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NN_PRINTF(f, a)
#endif

/* Starts a run of `program` (its name, for messages) into common->out: creates --out
 * if needed and the staging directory, installs the clean-up handlers. */
nn_run *nn_run_start(const char *program, const nn_common_flags *common);
/* Closes and checks every file, moves them into --out, frees the run. Returns 0 (the
 * program's exit status); on a failure prints the message, cleans up and exits 1. */
int nn_run_finish(nn_run *run);
/* Stops the run: prints "<program>: <message>" on stderr, removes the staging directory
 * (--out is left as it was) and exits with `status`. For a chapter's own refusals. */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
NN_PRINTF(3, 4) void nn_run_fail(nn_run *run, int status, const char *fmt, ...);

/* ---- results.txt: `key = value`, in the order recorded --------------------------------
 * The key is a printf format (its arguments follow); the result a word of letters,
 * digits, '_', '.', '-'. Reals are written with NN_REAL_DIGITS significant digits, so
 * they read back exactly. */
NN_PRINTF(3, 4) void nn_result(nn_run *run, double value, const char *key, ...);
NN_PRINTF(3, 4) void nn_result_int(nn_run *run, long value, const char *key, ...);
NN_PRINTF(3, 4) void nn_result_text(nn_run *run, const char *value, const char *key, ...);

/* ---- Data tables: what a figure draws -------------------------------------------------
 * A comment line naming the columns ("# epoch loss accuracy"), then rows of numbers
 * (%.17g in double). A blank line (nn_table_block) separates curves, or the rows of a grid
 * (what gnuplot reads as `index` blocks or a pm3d/image grid). The file is committed by
 * nn_run_finish; nn_table_close only checks the number of values written. */
nn_table *nn_table_open(nn_run *run, const char *name, const char *columns);
/* One row: as many numbers as there are columns (checked). Any numeric arguments:
 * nn_table_row(t, epoch, loss, accuracy). */
#define nn_table_row(t, ...) \
    nn_table_add((t), (const double[]){ __VA_ARGS__ }, \
                 (int)(sizeof((const double[]){ __VA_ARGS__ }) / sizeof(double)))
void nn_table_add(nn_table *t, const double *values, int count);
void nn_table_block(nn_table *t);
/* Significant digits of the values written from now on (default NN_REAL_DIGITS, which
 * reads back exactly): fewer keep a large grid that is only drawn small. */
void nn_table_digits(nn_table *t, int digits);
void nn_table_close(nn_table *t);
/* A whole matrix as a table (its columns named by `columns`), in blocks of block_rows
 * rows (0: one block). */
void nn_run_table(nn_run *run, const char *name, const char *columns, nn_matrix data,
                  int block_rows);

/* ---- Figures: gnuplot scripts on the shared style ----------------------------------
 * Opens <name>.gp with the preamble: `name = '<name>'`, `load '../style.gp'` (the one
 * style: fonts, the colour-blind-safe palette, the SVG terminal and the output file
 * <name>.svg.tmp that tools/render.sh renames), then the title and axis labels (NULL:
 * none). The chapter writes the plot commands with fprintf; the file is committed by
 * nn_run_finish. A multi-panel figure sets its size with `eval size(1100, 440)`. */
FILE *nn_figure(nn_run *run, const char *name, const char *title, const char *xlabel,
                const char *ylabel);

/* ---- Any other file (a DOT diagram: see nn_dot_open in nn_plot.h) --------------------
 * A file <name> in the run, open for writing, committed by nn_run_finish. */
FILE *nn_run_file(nn_run *run, const char *name);

/* 1 if s is a non-empty word of letters, digits, '_' and the characters of `also`
 * (results keys, file and DOT node names: things tools read back). */
int nn_is_word(const char *s, const char *also);

/* The directory the run writes into (for messages: "wrote figures/01-perceptron"). */
const char *nn_run_out(const nn_run *run);

#endif
