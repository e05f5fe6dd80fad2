/* Chapter 7, underfitting and overfitting: what the chapter's files share.
 *
 * main.c tells the story in order, owns the command line and keeps the test sets sealed
 * until the end; regression.c is the 1-D problem of sections 7.1-7.4 (a network whose hidden
 * layer is fixed and whose output layer is fitted by least squares); capacity.c, biasvar.c
 * and learning.c sweep its width, its training sets and its training-set size; fashion.c
 * trains image classifiers on a small subset of Fashion-MNIST (training curves, early
 * stopping, weight decay, dropout); double_descent.c fits random ReLU features on both sides
 * of p = n, and the linear model whose expected risk is known in closed form. */
#ifndef CH7_FITTING_H
#define CH7_FITTING_H

#include "nn.h"

/* ---- The chapter's settings (flags) and its one run ------------------------------------- */
typedef struct {
    nn_common_flags common;
    nn_run *run;
    /* 1-D regression (7.1-7.4) */
    int points;             /* training examples n */
    nn_real noise;          /* σ of the targets' noise */
    int draws;              /* data sets drawn for the spread of each curve */
    int resamples;          /* R training sets for bias and variance */
    /* Fashion-MNIST (7.5-7.7) */
    const char *data_dir;
    bool skip_images;
    int images, validation_images, hidden, epochs, seeds;
    nn_real lr, dropout;
    /* double descent (7.8) */
    int dd_n, dd_dims, dd_reps;
    nn_real dd_noise;
    int bhx_n, bhx_dims, bhx_reps;
    long singular;          /* designs refused as singular to working precision (0 in double) */
} chapter;

/* An independent random stream for each part, from --seed and the part's number: a part's
 * numbers do not depend on which parts ran before it (--skip-images changes nothing else). */
enum { STREAM_REGRESSION = 1, STREAM_CAPACITY, STREAM_BIASVAR, STREAM_LEARNING, STREAM_FASHION,
       STREAM_DOUBLE_DESCENT, STREAM_CLOSED_FORM, STREAM_TEST_1D };
nn_rng part_stream(const chapter *ch, int part);

/* Quartiles of v[0..n-1] (sorted in place): q[0] = 25%, q[1] = median, q[2] = 75%. */
void quartiles(double *v, int n, double q[3]);
/* Ends a data set of a table: two blank lines, which gnuplot's `index` counts. */
void end_dataset(nn_table *t);
/* Opens a figure of w×h pixels (0: the style's size) with its title and axis labels. */
FILE *figure(const chapter *ch, const char *name, const char *title, const char *xlabel,
             const char *ylabel, int w, int h);

/* ---- The 1-D regression (regression.c) --------------------------------------------------- */
/* y = f(x) + N(0, σ²), x uniform on [−1, 1]. */
nn_real target(nn_real x);
typedef struct { int n; nn_real *x, *y; } sample;
sample sample_draw(int n, nn_real noise, nn_rng *rng);       /* validation, test */
sample training_draw(int n, nn_real noise, nn_rng *rng);     /* includes x = −1 and x = 1 */
void sample_free(sample *s);

/* A 1-w-1 ReLU network whose hidden layer is fixed: unit 1 has its kink at the left edge of
 * the domain, unit q ≥ 2 at the knot t_q; only the output layer (w weights and a bias) is
 * fitted. Knots are training inputs, so the fits of every width w = 1..n−1 are nested, and the
 * widest interpolates. */
typedef struct {
    int max_width;          /* n − 1 */
    nn_real *knots;         /* max_width − 1 training inputs (not the smallest nor the largest) */
    nn_qr qr;               /* the factors of the widest design matrix (n × n) */
    nn_real *theta;         /* (max_width + 1) × (max_width + 1): row w holds θ of width w */
    nn_real *train_mse;     /* by width, 1..max_width (index 0 unused) */
} fixed_layer_fits;

void design_matrix(const nn_real *x, int n, const nn_real *knots, int width, nn_matrix Phi);
/* The n − 2 knots: the training inputs in the order drawn, without the smallest and largest. */
void knots_from(const sample *train, nn_real *knots);
/* Fits every width up to max_width (≤ train.n − 1) on train; -1 if the design is singular. */
int fits_all_widths(const sample *train, int max_width, fixed_layer_fits *fits);
void fits_free(fixed_layer_fits *fits);
/* A training set drawn and fitted up to `width`, drawn again while its design is singular to
 * working precision (never in double, in practice; in float two inputs 1e-5 apart can do it).
 * Each redraw is counted in ch->singular. */
sample fitted_training_draw(chapter *ch, int n, int width, nn_rng *rng, fixed_layer_fits *fits);
/* ŷ(x) of the fit of width w. */
nn_real fit_predict(const fixed_layer_fits *fits, int width, nn_real x);
/* Mean squared error of the fit of width w on a sample. */
nn_real fit_mse(const fixed_layer_fits *fits, int width, const sample *s);

/* ---- The parts, in the order of the text ---------------------------------------------- */
typedef struct { int width; nn_real validation_mse; } capacity_choice;
capacity_choice capacity_sweep(chapter *ch, const sample *train, const sample *validation);
void bias_variance(chapter *ch, int chosen_width);
void learning_curves(chapter *ch);

/* Fashion-MNIST: the models chosen on validation, kept for the one reading of the test set. */
typedef struct fashion_models fashion_models;
fashion_models *fashion_mnist(chapter *ch);
void fashion_test(chapter *ch, fashion_models *models);    /* opens the test file, once */
void fashion_models_free(fashion_models *models);

void double_descent(chapter *ch);
void closed_form_check(chapter *ch);

#endif
