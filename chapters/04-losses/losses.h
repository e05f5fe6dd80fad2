/* Chapter 4: the parts of the story, one file each, in the order of the text (main.c runs
 * them). Each part writes its numbers and figures through ch->run and says what it found. */
#ifndef LOSSES_H
#define LOSSES_H

#include "nn.h"

typedef struct {
    nn_common_flags common;
    nn_run *run;
    const char *data_dir;   /* --data: Fashion-MNIST */
    bool skip_images;       /* --skip-images: no Fashion-MNIST parts (7 and 8) */
    int seeds;              /* --seeds: runs of each stochastic comparison (seed, seed+1, ...) */
    int outliers;           /* --outliers: mislabelled far-away points of the margin experiment */
    nn_real margin_lr;      /* --margin-lr: gradient descent's step there */
    int image_seeds;        /* --image-seeds: training subsets of part 7 */
    int train_images;       /* --train-images: the small training set of part 7 */
    int epochs;             /* --epochs: full-batch epochs of part 7 */
    nn_real lr;             /* --lr: Adam's step in parts 7 and 8 */
    int positive;           /* --positive: the class of part 8, against the nine others */
    nn_image_set train, test;   /* Fashion-MNIST, read before the run starts (unless skipped) */
} chapter;

/* Part 7 measures the validation set every EVAL_EVERY epochs (--epochs must be a multiple). */
enum { EVAL_EVERY = 5 };

/* A straight line in the plane, score s = w·x + b (parts 1 and 6). */
typedef struct { nn_real w[2], b; } line2;

/* s = b + w₁x₁ + w₂x₂, summed in that order (chapter 1's order, so signs agree bit for bit). */
nn_real line_score(const line2 *l, const nn_real *x);
/* qsort's comparison for nn_real, ascending. */
int compare_reals(const void *a, const void *b);

/* Parts 3-4, for the tests: the samples, and the fits by gradient descent. */
void skewed_sample(nn_rng *rng, nn_real *x);                 /* 100 numbers */
nn_real fit_constant(nn_loss loss, const nn_real *x, int n);
void line_data(nn_rng *rng, nn_real *x, nn_real *y);         /* 100 points */
void fit_line(nn_loss loss, const nn_real *x, const nn_real *y, int n, nn_real *a, nn_real *b);

/* Part 5, for the tests: the formulas as written, through the probabilities. */
double naive_bce(double z, double y);
double naive_bce_gradient(double z, double y);
double naive_softmax_ce(const double *z, int q, int label);

/* Part 6, for the tests: blobs (labels ±1 in Y) with `outliers` mislabelled points at the end. */
nn_dataset margin_data(int outliers, nn_rng *rng);

void part_credit(chapter *ch);          /* 1. Rosenblatt's rule is SGD on the perceptron loss */
void part_likelihood(chapter *ch);      /* 2. losses from likelihood */
void part_estimates(chapter *ch);       /* 3-4. what a loss estimates; influence; a line with outliers */
void part_cross_entropy(chapter *ch);   /* 5. cross-entropy done right */
void part_margins(chapter *ch);         /* 6. margin losses and a classifier with mislabelled points */
void part_images(chapter *ch);          /* 7-8. loss vs accuracy; metrics and the threshold */

#endif
