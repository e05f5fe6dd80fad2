/* The command line every chapter shares.
 *
 * Common flags: --help, --seed N, --threads N, --out DIR, --quiet. A chapter adds its
 * own in a table. Numbers are parsed strictly: "--seed 12x" or "--lr 1e" is an error that
 * names the flag and the bad text (exit 2), never a silent 0.
 *
 *     nn_common_flags common = nn_common_defaults("figures/01-perceptron");
 *     int epochs = 100;
 *     nn_flag flags[] = { NN_FLAG_INT("--epochs", &epochs, "training epochs") };
 *     nn_cli_parse(argc, argv, "Chapter 1: the perceptron", &common, flags, 1);
 */
#ifndef NN_CLI_H
#define NN_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include "nn_real.h"
#include "nn_idx.h"

typedef struct {
    uint64_t seed;          /* --seed, default 1 */
    int threads;            /* --threads, default 0 = OpenMP's default */
    const char *out;        /* --out, the chapter's figures directory */
    bool quiet;             /* --quiet: no narration, no progress */
    int argc;               /* the command line, kept by nn_cli_parse for messages */
    char **argv;            /*   ("flags given: --margin 1e300") */
} nn_common_flags;

typedef enum { NN_FLAG_KIND_INT, NN_FLAG_KIND_REAL, NN_FLAG_KIND_STRING, NN_FLAG_KIND_BOOL } nn_flag_kind;

typedef struct {
    const char *name;       /* "--epochs" */
    nn_flag_kind kind;
    void *target;           /* int*, nn_real*, const char**, bool* */
    const char *help;
    double lo, hi;          /* accepted range for numbers when lo < hi (the _RANGE macros) */
} nn_flag;

#define NN_FLAG_INT(name, target, help) { name, NN_FLAG_KIND_INT, (void *)(target), help, 0, 0 }
#define NN_FLAG_REAL(name, target, help) { name, NN_FLAG_KIND_REAL, (void *)(target), help, 0, 0 }
#define NN_FLAG_STRING(name, target, help) { name, NN_FLAG_KIND_STRING, (void *)(target), help, 0, 0 }
#define NN_FLAG_BOOL(name, target, help) { name, NN_FLAG_KIND_BOOL, (void *)(target), help, 0, 0 }
/* Numbers outside [lo, hi] are refused, naming the range: NN_FLAG_INT_RANGE("--epochs", &e, 1, 100000, ...). */
#define NN_FLAG_INT_RANGE(name, target, lo, hi, help) { name, NN_FLAG_KIND_INT, (void *)(target), help, lo, hi }
#define NN_FLAG_REAL_RANGE(name, target, lo, hi, help) { name, NN_FLAG_KIND_REAL, (void *)(target), help, lo, hi }

nn_common_flags nn_common_defaults(const char *out_dir);
/* Parses argv; on --help prints usage to stdout and exits 0; on a bad flag prints
 * "<program>: <flag>: <problem>; try --help" to stderr and exits 2 (a number outside its
 * declared range is refused with the flag's help, which states the reason for the range).
 * Applies --threads, capped at the number of processors with a one-line notice on stderr:
 * more threads than processors only take turns, and each turn costs the run (a chapter at
 * --threads 1024 on 2 processors ran 17 times slower). OMP_NUM_THREADS is left as given.
 * Flags take their value as "--seed 7" or "--seed=7"; --help anywhere wins. The usage
 * lists every flag with its help and its default (the value its target holds before). */
void nn_cli_parse(int argc, char **argv, const char *summary, nn_common_flags *common,
                  const nn_flag *flags, int n_flags);

/* A refusal decided after parsing (a combination of flags that cannot work, a value the
 * range allowed but the run cannot use): "<program>: <flag>: <message>; try --help" on
 * stderr, exit 2. Called before nn_run_start, so that nothing has been written. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4), noreturn))
#endif
void nn_cli_refuse(const nn_common_flags *common, const char *flag, const char *fmt, ...);
/* Whether `name` ("--data") was given on the command line (as "--data X" or "--data=X"):
 * for a default that may be absent quietly and a given value that may not. */
bool nn_flag_given(const nn_common_flags *common, const char *name);

/* Strict parsers: the whole string must be a number (no blanks, no trailing text; a
 * real must be finite), 0 on success, -1 when it is not a number, -2 when out of range. */
int nn_parse_int(const char *s, long lo, long hi, long *out);
int nn_parse_real(const char *s, double *out);

/* Narration: printf to stdout unless --quiet. */
void nn_say(const nn_common_flags *common, const char *fmt, ...);

/* A progress line for long loops, on stderr, redrawn in place, only when stderr is a
 * terminal and not --quiet; silent otherwise (so logs and tests stay clean). */
typedef struct {
    bool enabled;
    const char *label;
    long total;
    double started, last_drawn;  /* monotonic seconds: for the rate and the redraw limit */
    int last_width;              /* characters drawn last time, to erase them */
} nn_progress;

void nn_progress_start(nn_progress *p, const nn_common_flags *common, const char *label,
                       long total);
void nn_progress_update(nn_progress *p, long done, const char *fmt, ...);
void nn_progress_end(nn_progress *p);

/* Fashion-MNIST for a chapter, read before the run starts (nothing is written yet).
 * Returns 1 with train and test loaded; 0 when --data was not given and the default
 * location (NN_FASHION_MNIST_DIR) holds no data set: the image part is skipped, and
 * `missing` says why and how to install it. Anything else exits 1 with the problem (the
 * reader's message, naming the file) and the fix: an explicitly given --data that is
 * missing, corrupt, empty or not a directory of regular files; a broken default set;
 * a set with no training or no test images. `program` prefixes the messages. */
int nn_cli_fashion_mnist(const nn_common_flags *common, const char *program, const char *dir,
                         nn_image_set *train, nn_image_set *test, char *missing, size_t missing_len);

/* A diverging run stops with a message on stderr and exit 1. what names the number and
 * when ("loss at epoch 3"), fix says what to change: nn_check_finite(loss, "loss at epoch 3",
 * "lower the learning rate (--lr)") prints
 *     diverged: loss at epoch 3 is nan; lower the learning rate (--lr) */
void nn_check_finite(nn_real value, const char *what, const char *fix);

#endif
