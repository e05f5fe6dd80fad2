/* Data sets: 2-D synthetic classification sets, 1-D regression sets, splits and
 * shuffled mini-batches.
 *
 * A data set holds n examples as rows: X is n×d, Y is n×q (the targets the loss sees),
 * and labels[i] is the class of example i (for classification sets; -1 otherwise).
 * Binary sets have q = 1 and Y ∈ {0, 1}; multi-class sets (spirals with k arms) have
 * one-hot rows. Every generator takes the generator it draws from. Example i is of class
 * i mod k, so every set is balanced to within one example (shuffle before batching). */
#ifndef NN_DATA_H
#define NN_DATA_H

#include "nn_matrix.h"
#include "nn_rng.h"

typedef struct {
    nn_matrix X, Y;
    int *labels;
    int n_classes;          /* 0 for regression */
} nn_dataset;

void nn_dataset_free(nn_dataset *d);
nn_dataset nn_dataset_new(int n, int d, int q, int n_classes);   /* zeroed */

/* Two Gaussian blobs (sd `spread`) on either side of the line w*·x + b* = 0, w* a unit
 * vector, every point at distance ≥ margin from it (points drawn closer are redrawn):
 * linearly separable with margin ≥ `margin` by construction. Parameters that
 * nn_data_blobs_check refuses are a programming error (a message, then abort). */
nn_dataset nn_data_blobs(int n, nn_real margin, nn_real spread, nn_rng *rng);
/* Whether blobs can be drawn: margin ≥ 0 and spread > 0, both finite, and the spread not
 * lost in the rounding of the centres' coordinates: spread ≥ 1000 ε (|b*| + margin), ε the
 * machine epsilon of nn_real (1000 ε = 2.2e-13 in double). Far below that every draw lands
 * on its centre, none clears the margin, and the redrawing would never end (in double,
 * spread 1e-300 with margin 0.1 did hang). 0, or -1 and a message naming both. */
int nn_data_blobs_check(nn_real margin, nn_real spread, char *err, size_t err_len);
/* The separating line the blobs were drawn around: w (2 numbers, unit norm) and b;
 * class 1 lies where w·x + b > 0. (spread must be > 0, margin >= 0.) */
void nn_data_blobs_truth(nn_real w[2], nn_real *b);
/* XOR: 4 clusters around (±1, ±1), class 1 where the signs differ; noise sd `noise`. */
nn_dataset nn_data_xor(int n, nn_real noise, nn_rng *rng);
nn_dataset nn_data_moons(int n, nn_real noise, nn_rng *rng);
nn_dataset nn_data_circles(int n, nn_real noise, nn_real factor, nn_rng *rng);
nn_dataset nn_data_spirals(int n, int arms, nn_real noise, nn_rng *rng);
/* y = f(x) + N(0, noise²), x uniform on [x0, x1]. */
nn_dataset nn_data_regression_1d(int n, nn_real (*f)(nn_real), nn_real x0, nn_real x1,
                                 nn_real noise, nn_rng *rng);

/* One-hot rows from class indices: Y (n×k) */
void nn_one_hot(const int *labels, int n, nn_matrix Y);

/* Shuffle, then copy the first ⌊f_train·n⌋ examples into train, the next ⌊f_val·n⌋ into
 * validation and the rest into test. Any of train, val, test may be NULL. */
void nn_data_split(const nn_dataset *all, nn_real f_train, nn_real f_val, nn_rng *rng,
                   nn_dataset *train, nn_dataset *val, nn_dataset *test);

/* Rows idx[0..count-1] of src, copied into the first count rows of dst. */
void nn_gather_rows(nn_matrix src, const int *idx, int count, nn_matrix dst);

/* Shuffled mini-batches: an epoch visits every index once, in a fresh order.
 *     nn_batcher *b = nn_batcher_new(n, 64);
 *     nn_batcher_shuffle(b, rng);
 *     const int *idx; int count;
 *     while ((count = nn_batcher_next(b, &idx)) > 0) { ... }  */
typedef struct {
    int n, batch_size, position;
    int *order;
} nn_batcher;

nn_batcher *nn_batcher_new(int n, int batch_size);
void nn_batcher_free(nn_batcher *b);
void nn_batcher_shuffle(nn_batcher *b, nn_rng *rng);   /* also rewinds */
void nn_batcher_rewind(nn_batcher *b);                 /* same order again */
int nn_batcher_next(nn_batcher *b, const int **idx);

#endif
