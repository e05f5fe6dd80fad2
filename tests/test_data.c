/* Data sets: the blobs' margin against their true line, the shapes of XOR, moons,
 * circles and spirals (drawn without noise, each point checked against its formula),
 * class balance, splits that partition, a batcher that visits each example once per
 * epoch, and the same data from the same seed. */
#include "nn.h"
#include "tap.h"

#include <string.h>

/* Points are stored as nn_real: in float a formula holds to the float's rounding. */
static const double tol = NN_REAL_DIGITS == 17 ? 1e-12 : 2e-6;

static double x_of(const nn_dataset *s, int i) { return (double)NN_AT(s->X, i, 0); }
static double y_of(const nn_dataset *s, int i) { return (double)NN_AT(s->X, i, 1); }

static int count_label(const nn_dataset *s, int label)
{
    int c = 0;
    for (int i = 0; i < s->X.rows; i++) c += s->labels[i] == label;
    return c;
}

static void test_blobs(nn_rng *rng)
{
    const int n = 1000;
    const nn_real margin = NN_R(0.3);
    nn_dataset s = nn_data_blobs(n, margin, NN_R(0.6), rng);
    nn_real w[2], b;
    nn_data_blobs_truth(w, &b);
    double norm = sqrt((double)w[0] * w[0] + (double)w[1] * w[1]);
    /* Signed distance to the line, positive on the side of the example's own class. */
    double min_dist = INFINITY;
    int worst = -1, y_is_label = 1;
    for (int i = 0; i < n; i++) {
        double side = s.labels[i] == 1 ? 1 : -1;
        double d = side * ((double)w[0] * x_of(&s, i) + (double)w[1] * y_of(&s, i) + (double)b);
        if (d < min_dist) { min_dist = d; worst = i; }
        y_is_label &= NN_AT(s.Y, i, 0) == (nn_real)s.labels[i];
    }
    tap_ok(fabs(norm - 1) < 1e-6 && min_dist >= (double)margin,
           "blobs: every point at signed distance >= margin %.2f from the true line (min %.4f, |w| = %.7f)",
           (double)margin, min_dist, norm);
    if (min_dist < (double)margin) tap_diag("worst: example %d at (%g, %g), class %d", worst,
                                            x_of(&s, worst), y_of(&s, worst), s.labels[worst]);
    tap_ok(count_label(&s, 0) == n / 2 && count_label(&s, 1) == n / 2 && y_is_label && s.n_classes == 2,
           "blobs: balanced classes %d / %d, Y = label", count_label(&s, 0), count_label(&s, 1));
    nn_dataset_free(&s);
}

/* What nn_data_blobs_check refuses, on both sides of its rounding threshold
 * spread >= 1000 ε (|b*| + margin), |b*| = 0.5; just above it the generator still ends and
 * keeps its margin. */
static void test_blobs_check(nn_rng *rng)
{
    char err[256];
    const nn_real margin = NN_R(0.1), limit = NN_R(1e3) * NN_REAL_EPSILON * (NN_R(0.5) + margin);
    int refused = nn_data_blobs_check(margin, 0, err, sizeof err) == -1 &&
                  nn_data_blobs_check(margin, -1, err, sizeof err) == -1 &&
                  nn_data_blobs_check(margin, (nn_real)-0.0, err, sizeof err) == -1 &&
                  nn_data_blobs_check(margin, (nn_real)NAN, err, sizeof err) == -1 &&
                  nn_data_blobs_check(-1, 1, err, sizeof err) == -1 &&
                  nn_data_blobs_check((nn_real)INFINITY, 1, err, sizeof err) == -1 &&
                  nn_data_blobs_check(margin, (nn_real)1e-30, err, sizeof err) == -1 &&
                  strstr(err, "spread 1e-30 is lost in the rounding") != NULL;
    tap_ok(refused, "blobs check refuses spread 0, -1, -0, NaN, 1e-30 and margin -1, inf: '%s'", err);
    int below = nn_data_blobs_check(margin, limit * NN_R(0.99), err, sizeof err);
    int above = nn_data_blobs_check(margin, limit * NN_R(1.01), err, sizeof err);
    double min_dist = INFINITY;
    if (above == 0) {
        nn_dataset d = nn_data_blobs(1000, margin, limit * NN_R(1.01), rng);
        nn_real w[2], b;
        nn_data_blobs_truth(w, &b);
        for (int i = 0; i < 1000; i++) {
            double side = d.labels[i] == 1 ? 1 : -1;
            min_dist = fmin(min_dist, side * ((double)w[0] * x_of(&d, i) + (double)w[1] * y_of(&d, i) + (double)b));
        }
        nn_dataset_free(&d);
    }
    tap_ok(below == -1 && above == 0 && min_dist >= (double)margin,
           "blobs check: spread 0.99 x 1000 eps x 0.6 refused, 1.01 x that accepted and drawn with every "
           "point >= margin 0.1 from the line (min %.12f)", min_dist);
}

static void test_xor(nn_rng *rng)
{
    const int n = 400;
    nn_dataset s = nn_data_xor(n, NN_R(0.1), rng);
    /* With sd 0.1 a point leaves its quadrant only 10 sd away from the centre: never. */
    int right = 0;
    for (int i = 0; i < n; i++) right += s.labels[i] == (x_of(&s, i) * y_of(&s, i) < 0);
    tap_ok(right == n && count_label(&s, 1) == n / 2,
           "XOR: class 1 exactly where the signs differ (%d of %d), %d in class 1", right, n,
           count_label(&s, 1));
    nn_dataset_free(&s);
}

static void test_moons_circles(nn_rng *rng)
{
    const int n = 500;
    nn_dataset s = nn_data_moons(n, 0, rng);
    /* class 0 on the unit circle's upper half; class 1 on the circle of centre (1, 1/2),
     * lower half. */
    double worst = 0;
    int halves = 1;
    for (int i = 0; i < n; i++) {
        double x = x_of(&s, i), y = y_of(&s, i);
        if (s.labels[i] == 0) {
            worst = fmax(worst, fabs(hypot(x, y) - 1));
            halves &= y >= -tol;
        } else {
            worst = fmax(worst, fabs(hypot(x - 1, y - 0.5) - 1));
            halves &= y <= 0.5 + tol;
        }
    }
    tap_ok(worst < tol && halves && count_label(&s, 0) == n / 2,
           "moons without noise: each point on its half circle (max radius err %.1e), balanced", worst);
    nn_dataset_free(&s);

    s = nn_data_circles(n, 0, NN_R(0.4), rng);
    worst = 0;
    for (int i = 0; i < n; i++)
        worst = fmax(worst, fabs(hypot(x_of(&s, i), y_of(&s, i)) - (s.labels[i] ? 0.4 : 1.0)));
    tap_ok(worst < tol && count_label(&s, 1) == n / 2,
           "circles without noise: radius 1 for class 0, 0.4 for class 1 (max err %.1e), balanced", worst);
    nn_dataset_free(&s);
}

static void test_spirals(nn_rng *rng)
{
    const int n = 600, arms = 3;
    nn_dataset s = nn_data_spirals(n, arms, 0, rng);
    /* Arm c: radius r and angle 2πc/k + 3πr, so the point equals r(cos θ, sin θ). */
    double worst = 0;
    int one_hot = s.Y.cols == arms && s.n_classes == arms, counts[3] = { 0 };
    for (int i = 0; i < n; i++) {
        double x = x_of(&s, i), y = y_of(&s, i), r = hypot(x, y);
        double theta = 2 * 3.14159265358979323846 * s.labels[i] / arms + 3 * 3.14159265358979323846 * r;
        worst = fmax(worst, hypot(x - r * cos(theta), y - r * sin(theta)));
        for (int j = 0; j < arms; j++) one_hot &= NN_AT(s.Y, i, j) == (j == s.labels[i]);
        counts[s.labels[i]]++;
    }
    tap_ok(worst < 20 * tol && one_hot && counts[0] == 200 && counts[1] == 200 && counts[2] == 200,
           "spirals, 3 arms without noise: each point on its arm (max err %.1e), one-hot Y, 200 per arm",
           worst);
    nn_dataset_free(&s);
}

static nn_real square(nn_real x) { return x * x; }

static void test_regression(nn_rng *rng)
{
    nn_dataset s = nn_data_regression_1d(200, square, -1, 2, 0, rng);
    int exact = s.n_classes == 0, in_range = 1;
    for (int i = 0; i < 200; i++) {
        nn_real x = NN_AT(s.X, i, 0);
        exact &= NN_AT(s.Y, i, 0) == x * x && s.labels[i] == -1;
        in_range &= x >= -1 && x < 2;
    }
    nn_dataset_free(&s);
    const int n = 20000;
    s = nn_data_regression_1d(n, square, -1, 2, NN_R(0.1), rng);
    double sum2 = 0;
    for (int i = 0; i < n; i++) {
        double e = (double)NN_AT(s.Y, i, 0) - (double)square(NN_AT(s.X, i, 0));
        sum2 += e * e;
    }
    double sd = sqrt(sum2 / n);
    /* The sd of 20000 normal draws is within 3% of the truth with overwhelming odds. */
    tap_ok(exact && in_range && fabs(sd - 0.1) < 0.003,
           "regression 1-D: y = f(x) exactly without noise, x in [-1, 2); noise sd measured %.4f (0.1)", sd);
    nn_dataset_free(&s);
}

/* Example i has x = i, so every example is recognised wherever the split puts it. */
static void test_split(nn_rng *rng)
{
    const int n = 101;
    nn_dataset all = nn_dataset_new(n, 1, 2, 2);
    for (int i = 0; i < n; i++) {
        NN_AT(all.X, i, 0) = (nn_real)i;
        all.labels[i] = i % 2;
    }
    nn_one_hot(all.labels, n, all.Y);
    nn_dataset parts[3];
    nn_data_split(&all, NN_R(0.6), NN_R(0.2), rng, &parts[0], &parts[1], &parts[2]);
    int seen[101] = { 0 }, consistent = 1, in_order = 1;
    for (int p = 0; p < 3; p++)
        for (int i = 0; i < parts[p].X.rows; i++) {
            int id = (int)NN_AT(parts[p].X, i, 0);
            seen[id]++;
            consistent &= parts[p].labels[i] == id % 2 && NN_AT(parts[p].Y, i, id % 2) == 1;
            if (p == 0 && i > 0) in_order &= id > (int)NN_AT(parts[p].X, i - 1, 0);
        }
    int partition = 1;
    for (int i = 0; i < n; i++) partition &= seen[i] == 1;
    tap_ok(parts[0].X.rows == 60 && parts[1].X.rows == 20 && parts[2].X.rows == 21,
           "split 0.6 / 0.2 of 101: %d train, %d validation, %d test", parts[0].X.rows,
           parts[1].X.rows, parts[2].X.rows);
    tap_ok(partition && consistent && !in_order,
           "split is a shuffled partition: every example exactly once, with its own label and Y");
    for (int p = 0; p < 3; p++) nn_dataset_free(&parts[p]);

    int idx[3] = { 7, 0, 7 };
    nn_matrix dst = nn_matrix_new(3, 2);
    nn_gather_rows(all.Y, idx, 3, dst);
    tap_ok(NN_AT(dst, 0, 1) == 1 && NN_AT(dst, 1, 0) == 1 && NN_AT(dst, 2, 1) == 1 && NN_AT(dst, 2, 0) == 0,
           "gather rows 7, 0, 7: copies of those rows, repeats allowed");
    nn_matrix_free(&dst);
    nn_dataset_free(&all);
}

/* One epoch: the batches' sizes and whether every index came exactly once. */
static int epoch(nn_batcher *b, int *order, int *sizes_ok)
{
    int seen[103] = { 0 }, count, pos = 0, batches = 0;
    const int *idx;
    *sizes_ok = 1;
    while ((count = nn_batcher_next(b, &idx)) > 0) {
        *sizes_ok &= count == (pos + 10 <= 103 ? 10 : 3);
        for (int i = 0; i < count; i++) { seen[idx[i]]++; order[pos++] = idx[i]; }
        batches++;
    }
    int once = pos == 103;
    for (int i = 0; i < 103; i++) once &= seen[i] == 1;
    return once && batches == 11;
}

static void test_batcher(nn_rng *rng)
{
    nn_batcher *b = nn_batcher_new(103, 10);
    int first[103], second[103], again[103], sizes1, sizes2, sizes3;
    nn_batcher_shuffle(b, rng);
    int e1 = epoch(b, first, &sizes1);
    nn_batcher_shuffle(b, rng);
    int e2 = epoch(b, second, &sizes2);
    nn_batcher_rewind(b);
    int e3 = epoch(b, again, &sizes3);
    int moved = 0;
    for (int i = 0; i < 103; i++) moved += first[i] != second[i];
    tap_ok(e1 && e2 && sizes1 && sizes2, "batcher: 103 examples in batches of 10 -> 11 batches, every index once per epoch");
    tap_ok(moved > 90 && e3 && sizes3 && memcmp(second, again, sizeof again) == 0,
           "batcher: a new shuffle reorders (%d of 103 positions moved); rewind replays the same order", moved);
    nn_batcher_free(b);
}

static int same_data(nn_dataset a, nn_dataset b)
{
    int same = a.X.rows == b.X.rows &&
               memcmp(a.X.data, b.X.data, nn_matrix_size(a.X) * sizeof(nn_real)) == 0 &&
               memcmp(a.Y.data, b.Y.data, nn_matrix_size(a.Y) * sizeof(nn_real)) == 0 &&
               memcmp(a.labels, b.labels, (size_t)a.X.rows * sizeof(int)) == 0;
    nn_dataset_free(&a);
    nn_dataset_free(&b);
    return same;
}

static void test_seeds(void)
{
    nn_rng r1, r2, r3;
    int same = 1;
    nn_rng_seed(&r1, 11);
    nn_rng_seed(&r2, 11);
    same &= same_data(nn_data_blobs(50, NN_R(0.1), NN_R(0.5), &r1), nn_data_blobs(50, NN_R(0.1), NN_R(0.5), &r2));
    same &= same_data(nn_data_xor(50, NN_R(0.2), &r1), nn_data_xor(50, NN_R(0.2), &r2));
    same &= same_data(nn_data_moons(50, NN_R(0.1), &r1), nn_data_moons(50, NN_R(0.1), &r2));
    same &= same_data(nn_data_circles(50, NN_R(0.1), NN_R(0.5), &r1), nn_data_circles(50, NN_R(0.1), NN_R(0.5), &r2));
    same &= same_data(nn_data_spirals(50, 4, NN_R(0.1), &r1), nn_data_spirals(50, 4, NN_R(0.1), &r2));
    same &= same_data(nn_data_regression_1d(50, square, 0, 1, NN_R(0.1), &r1),
                      nn_data_regression_1d(50, square, 0, 1, NN_R(0.1), &r2));
    nn_rng_seed(&r1, 11);
    nn_rng_seed(&r3, 12);
    int differ = !same_data(nn_data_moons(50, NN_R(0.1), &r1), nn_data_moons(50, NN_R(0.1), &r3));
    tap_ok(same && differ, "same seed gives the same bits for all six generators; seed 12 differs from 11");
}

int main(void)
{
    tap_plan(15);
    nn_rng rng;
    nn_rng_seed(&rng, 2024);
    test_blobs(&rng);
    test_blobs_check(&rng);
    test_xor(&rng);
    test_moons_circles(&rng);
    test_spirals(&rng);
    test_regression(&rng);
    test_split(&rng);
    test_batcher(&rng);
    test_seeds();
    return tap_done();
}
