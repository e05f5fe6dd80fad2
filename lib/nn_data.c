/* Data sets: the 2-D classification sets of the course, a 1-D regression set, splits and
 * shuffled mini-batches. Every set holds n examples as rows (X n×d, Y n×q) and draws only
 * from the generator it is given, so a seed fixes the data bit for bit.
 *
 * Binary sets have Y = the label (q = 1); the spirals have one-hot rows (q = k). The
 * classes alternate, example i being of class i mod k: every set is balanced to within
 * one example, and any prefix of it nearly so. */
#include "nn_data.h"
#include "nn_error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double pi = 3.14159265358979323846;

nn_dataset nn_dataset_new(int n, int d, int q, int n_classes)
{
    nn_dataset s;
    s.X = nn_matrix_new(n, d);
    s.Y = nn_matrix_new(n, q);
    s.labels = calloc(n > 0 ? (size_t)n : 1, sizeof *s.labels);
    if (!s.labels) {
        fprintf(stderr, "nn_dataset_new: out of memory for %d labels\n", n);
        abort();
    }
    s.n_classes = n_classes;
    return s;
}

void nn_dataset_free(nn_dataset *d)
{
    nn_matrix_free(&d->X);
    nn_matrix_free(&d->Y);
    free(d->labels);
    d->labels = NULL;
    d->n_classes = 0;
}

/* Example i of a binary set: its point and its label, Y_i = label. */
static void set_binary(nn_dataset *s, int i, double x, double y, int label)
{
    NN_AT(s->X, i, 0) = (nn_real)x;
    NN_AT(s->X, i, 1) = (nn_real)y;
    NN_AT(s->Y, i, 0) = (nn_real)label;
    s->labels[i] = label;
}

/* ---- Linearly separable blobs -------------------------------------------------- */

/* The true line w*·x + b* = 0, w* = (3/5, 4/5): a unit normal that is not an axis. */
void nn_data_blobs_truth(nn_real w[2], nn_real *b)
{
    w[0] = NN_R(0.6);
    w[1] = NN_R(0.8);
    *b = NN_R(-0.5);
}

int nn_data_blobs_check(nn_real margin, nn_real spread, char *err, size_t err_len)
{
    nn_real w[2], b;
    nn_data_blobs_truth(w, &b);
    if (!(margin >= 0) || !isfinite(margin) || !(spread > 0) || !isfinite(spread))
        return nn_error(err, err_len, "blobs: margin %g must be finite and >= 0, spread %g finite "
                        "and > 0", (double)margin, (double)spread);
    double scale = fabs((double)b) + (double)margin, least = 1e3 * NN_REAL_EPSILON * scale;
    if ((double)spread < least)
        return nn_error(err, err_len, "blobs: spread %g is lost in the rounding of coordinates near "
                        "%g (the line's offset plus the margin %g): every point would fall on its "
                        "blob's centre; the spread must be at least %.2g", (double)spread, scale,
                        (double)margin, least);
    return 0;
}

/* Redraws of one point before the generator gives up. A draw lands closer to the line
 * than the margin with probability P(Z < −1) = 0.159 (the centre is one sd beyond the
 * margin), so 200 redraws in a row happen by chance with probability 0.159^200 < 1e-159:
 * reaching the cap means the arithmetic, not the luck, is at fault. */
enum { BLOBS_MAX_REDRAWS = 200 };

/* Class 1 on the side w*·x + b* > 0. The centres sit margin + spread from the line, on
 * its normal through the point nearest the origin, p0 = −b* w*. A point whose signed
 * distance (side)(w*·x + b*) is below the margin is drawn again (see the cap above). */
nn_dataset nn_data_blobs(int n, nn_real margin, nn_real spread, nn_rng *rng)
{
    char err[256];
    if (nn_data_blobs_check(margin, spread, err, sizeof err) != 0) {
        fprintf(stderr, "nn_data_blobs: %s\n", err);
        abort();
    }
    nn_real w[2], b;
    nn_data_blobs_truth(w, &b);
    nn_dataset s = nn_dataset_new(n, 2, 1, 2);
    double dist = (double)margin + (double)spread;
    for (int i = 0; i < n; i++) {
        int label = i % 2, redraws = 0;
        double side = label ? 1 : -1;
        double cx = -b * w[0] + side * dist * w[0], cy = -b * w[1] + side * dist * w[1];
        nn_real x, y;
        for (;;) {
            x = nn_rng_normal(rng, (nn_real)cx, spread);
            y = nn_rng_normal(rng, (nn_real)cy, spread);
            if (side * ((double)w[0] * x + (double)w[1] * y + (double)b) >= (double)margin) break;
            if (++redraws == BLOBS_MAX_REDRAWS) {
                fprintf(stderr, "nn_data_blobs: point %d was drawn %d times closer to the line than "
                                "the margin %g (by chance: probability < 1e-159); spread %g is lost "
                                "in rounding\n", i, BLOBS_MAX_REDRAWS, (double)margin, (double)spread);
                abort();
            }
        }
        set_binary(&s, i, x, y, label);
    }
    return s;
}

/* ---- Sets that no line separates ---------------------------------------------- */

/* Cluster i mod 4 at (sx, sy) ∈ {(−1,−1), (−1,+1), (+1,−1), (+1,+1)}: classes 0 1 1 0. */
nn_dataset nn_data_xor(int n, nn_real noise, nn_rng *rng)
{
    nn_dataset s = nn_dataset_new(n, 2, 1, 2);
    for (int i = 0; i < n; i++) {
        int c = i % 4;
        double sx = c & 2 ? 1 : -1, sy = c & 1 ? 1 : -1;
        double x = sx + nn_rng_normal(rng, 0, noise), y = sy + nn_rng_normal(rng, 0, noise);
        set_binary(&s, i, x, y, sx != sy);
    }
    return s;
}

/* Two interleaved half circles, t uniform on [0, π):
 *   class 0: (cos t, sin t),   class 1: (1 − cos t, 1/2 − sin t),   + N(0, noise²). */
nn_dataset nn_data_moons(int n, nn_real noise, nn_rng *rng)
{
    nn_dataset s = nn_dataset_new(n, 2, 1, 2);
    for (int i = 0; i < n; i++) {
        int label = i % 2;
        double t = pi * nn_rng_uniform01(rng);
        double x = label ? 1 - cos(t) : cos(t), y = label ? 0.5 - sin(t) : sin(t);
        x += nn_rng_normal(rng, 0, noise);
        y += nn_rng_normal(rng, 0, noise);
        set_binary(&s, i, x, y, label);
    }
    return s;
}

/* Two concentric circles, angle uniform: class 0 of radius 1, class 1 of radius factor. */
nn_dataset nn_data_circles(int n, nn_real noise, nn_real factor, nn_rng *rng)
{
    nn_dataset s = nn_dataset_new(n, 2, 1, 2);
    for (int i = 0; i < n; i++) {
        int label = i % 2;
        double a = 2 * pi * nn_rng_uniform01(rng), r = label ? (double)factor : 1.0;
        double x = r * cos(a) + nn_rng_normal(rng, 0, noise);
        double y = r * sin(a) + nn_rng_normal(rng, 0, noise);
        set_binary(&s, i, x, y, label);
    }
    return s;
}

/* k arms, arm c turned by 2πc/k: with t uniform on [0, 1), the point at radius r = t and
 * angle θ = 2πc/k + 3πt (one and a half turns from centre to rim), + N(0, noise²). */
nn_dataset nn_data_spirals(int n, int arms, nn_real noise, nn_rng *rng)
{
    if (arms < 2) {
        fprintf(stderr, "nn_data_spirals: %d arms, need at least 2\n", arms);
        abort();
    }
    nn_dataset s = nn_dataset_new(n, 2, arms, arms);
    for (int i = 0; i < n; i++) {
        int c = i % arms;
        double t = nn_rng_uniform01(rng), theta = 2 * pi * c / arms + 3 * pi * t;
        NN_AT(s.X, i, 0) = (nn_real)(t * cos(theta)) + nn_rng_normal(rng, 0, noise);
        NN_AT(s.X, i, 1) = (nn_real)(t * sin(theta)) + nn_rng_normal(rng, 0, noise);
        s.labels[i] = c;
    }
    nn_one_hot(s.labels, n, s.Y);
    return s;
}

nn_dataset nn_data_regression_1d(int n, nn_real (*f)(nn_real), nn_real x0, nn_real x1,
                                 nn_real noise, nn_rng *rng)
{
    nn_dataset s = nn_dataset_new(n, 1, 1, 0);
    for (int i = 0; i < n; i++) {
        nn_real x = nn_rng_uniform(rng, x0, x1);
        NN_AT(s.X, i, 0) = x;
        NN_AT(s.Y, i, 0) = f(x) + nn_rng_normal(rng, 0, noise);
        s.labels[i] = -1;
    }
    return s;
}

/* ---- Targets, subsets, splits -------------------------------------------------- */

void nn_one_hot(const int *labels, int n, nn_matrix Y)
{
    if (Y.rows != n) {
        fprintf(stderr, "nn_one_hot: %d labels for a %d x %d matrix\n", n, Y.rows, Y.cols);
        abort();
    }
    nn_matrix_fill(Y, 0);
    for (int i = 0; i < n; i++) {
        if (labels[i] < 0 || labels[i] >= Y.cols) {
            fprintf(stderr, "nn_one_hot: label %d of example %d is outside 0..%d\n", labels[i], i,
                    Y.cols - 1);
            abort();
        }
        NN_AT(Y, i, labels[i]) = 1;
    }
}

void nn_gather_rows(nn_matrix src, const int *idx, int count, nn_matrix dst)
{
    if (dst.cols != src.cols || count > dst.rows || count < 0) {
        fprintf(stderr, "nn_gather_rows: %d rows of a %d x %d matrix into a %d x %d one\n", count,
                src.rows, src.cols, dst.rows, dst.cols);
        abort();
    }
    size_t row_bytes = (size_t)src.cols * sizeof(nn_real);
    for (int i = 0; i < count; i++) {
        if (idx[i] < 0 || idx[i] >= src.rows) {
            fprintf(stderr, "nn_gather_rows: row %d of a %d-row matrix\n", idx[i], src.rows);
            abort();
        }
        if (row_bytes) memcpy(&NN_AT(dst, i, 0), &NN_AT(src, idx[i], 0), row_bytes);
    }
}

/* The examples idx[0..count-1] of all, copied. */
static nn_dataset subset(const nn_dataset *all, const int *idx, int count)
{
    nn_dataset s = nn_dataset_new(count, all->X.cols, all->Y.cols, all->n_classes);
    nn_gather_rows(all->X, idx, count, s.X);
    nn_gather_rows(all->Y, idx, count, s.Y);
    for (int i = 0; i < count; i++) s.labels[i] = all->labels[idx[i]];
    return s;
}

/* Sizes: ⌊f_train·n⌋ for training, ⌊f_val·n⌋ for validation, the rest for test. Any of
 * train, val, test may be NULL when that part is not wanted. */
void nn_data_split(const nn_dataset *all, nn_real f_train, nn_real f_val, nn_rng *rng,
                   nn_dataset *train, nn_dataset *val, nn_dataset *test)
{
    int n = all->X.rows;
    if (!(f_train >= 0 && f_val >= 0 && f_train + f_val <= 1)) {
        fprintf(stderr, "nn_data_split: fractions %g + %g must be >= 0 and add up to <= 1\n",
                (double)f_train, (double)f_val);
        abort();
    }
    int n_train = (int)((double)f_train * n), n_val = (int)((double)f_val * n);
    if (n_train + n_val > n) n_val = n - n_train;
    int *order = malloc((n > 0 ? (size_t)n : 1) * sizeof *order);
    if (!order) abort();
    for (int i = 0; i < n; i++) order[i] = i;
    nn_rng_shuffle(rng, order, (size_t)n);
    if (train) *train = subset(all, order, n_train);
    if (val) *val = subset(all, order + n_train, n_val);
    if (test) *test = subset(all, order + n_train + n_val, n - n_train - n_val);
    free(order);
}

/* ---- Mini-batches -------------------------------------------------------------- */

nn_batcher *nn_batcher_new(int n, int batch_size)
{
    if (n < 0 || batch_size < 1) {
        fprintf(stderr, "nn_batcher_new: %d examples in batches of %d\n", n, batch_size);
        abort();
    }
    nn_batcher *b = malloc(sizeof *b);
    int *order = malloc((n > 0 ? (size_t)n : 1) * sizeof *order);
    if (!b || !order) {
        fprintf(stderr, "nn_batcher_new: out of memory for %d examples\n", n);
        abort();
    }
    for (int i = 0; i < n; i++) order[i] = i;
    *b = (nn_batcher){ n, batch_size, 0, order };
    return b;
}

void nn_batcher_free(nn_batcher *b)
{
    if (!b) return;
    free(b->order);
    free(b);
}

/* Fisher–Yates on the current order: every permutation equally likely. */
void nn_batcher_shuffle(nn_batcher *b, nn_rng *rng)
{
    nn_rng_shuffle(rng, b->order, (size_t)b->n);
    b->position = 0;
}

void nn_batcher_rewind(nn_batcher *b) { b->position = 0; }

/* The next batch: *idx points at its indices; returns their count, 0 at the epoch's end.
 * The last batch of an epoch holds the n mod batch_size examples left, if any. */
int nn_batcher_next(nn_batcher *b, const int **idx)
{
    int count = b->n - b->position < b->batch_size ? b->n - b->position : b->batch_size;
    *idx = b->order + b->position;
    b->position += count;
    return count;
}
