/* Rosenblatt's perceptron, exactly as the lecture's algorithm: random initialisation,
 * passes over the examples in order, the update w ← w + λ(y − ŷ)x, b ← b + λ(y − ŷ), and a
 * stop at the first epoch without a mistake. Then the quantities of Novikoff's bound.
 * (tests/test_perceptron.c includes this file to test it directly.) */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include "rosenblatt.h"

perceptron perceptron_new(int d, nn_real lr)
{
    assert(d > 0 && lr > 0);
    perceptron p = { nn_matrix_new(1, d), 0, lr, nn_activation_make(NN_STEP) };
    return p;
}

void perceptron_free(perceptron *p) { nn_matrix_free(&p->W); }

void perceptron_init_random(perceptron *p, nn_rng *rng)
{
    for (int j = 0; j < p->W.cols; j++) NN_AT(p->W, 0, j) = nn_rng_uniform(rng, 0, 1);
    p->b = nn_rng_uniform(rng, 0, 1);
}

/* course:begin predict */
/* z = w·x + b, summed in index order; ŷ = step(z) = 1 if z ≥ 0 else 0. */
nn_real perceptron_preactivation(const perceptron *p, const nn_real *x)
{
    nn_real z = p->b;
    for (int j = 0; j < p->W.cols; j++) z += NN_AT(p->W, 0, j) * x[j];
    return z;
}

nn_real perceptron_predict(const perceptron *p, const nn_real *x)
{
    return nn_activation_value(p->f, perceptron_preactivation(p, x));
}
/* course:end predict */

/* course:begin epoch */
/* One pass over the examples, in order. A mistake has y − ŷ = ±1 and moves (w, b)
 * by ±λ(x, 1); a correct prediction has y − ŷ = 0 and changes nothing. */
int perceptron_epoch(perceptron *p, nn_matrix X, nn_matrix Y)
{
    int mistakes = 0;
    for (int i = 0; i < X.rows; i++) {
        const nn_real *x = &NN_AT(X, i, 0);
        nn_real error = NN_AT(Y, i, 0) - perceptron_predict(p, x);   /* y − ŷ */
        for (int j = 0; j < X.cols; j++) NN_AT(p->W, 0, j) += p->lr * error * x[j];
        p->b += p->lr * error;
        if (error != 0) mistakes++;
    }
    return mistakes;
}
/* course:end epoch */

static void record(const perceptron *p, nn_matrix history, int row)
{
    if (!history.data) return;
    assert(row < history.rows && history.cols == p->W.cols + 1);
    for (int j = 0; j < p->W.cols; j++) NN_AT(history, row, j) = NN_AT(p->W, 0, j);
    NN_AT(history, row, p->W.cols) = p->b;
}

/* course:begin train */
int perceptron_train(perceptron *p, nn_matrix X, nn_matrix Y, int max_epochs, int *errors,
                     nn_matrix history, long *updates, int *converged)
{
    long total = 0;
    int epoch = 0, mistakes = 1;
    record(p, history, 0);
    while (mistakes > 0 && epoch < max_epochs) {   /* stop at an error-free epoch */
        mistakes = perceptron_epoch(p, X, Y);
        if (errors) errors[epoch] = mistakes;
        total += mistakes;
        epoch++;
        record(p, history, epoch);
    }
    if (updates) *updates = total;
    if (converged) *converged = mistakes == 0;
    return epoch;
}
/* course:end train */

void perceptron_why_not_separated(const perceptron *p, const nn_real *w0_aug, long updates,
                                  int max_epochs, nn_real bound_from_zero, nn_real bound_from_init,
                                  char *msg, size_t len)
{
    int d = p->W.cols, finite = isfinite(p->b), moved = p->b != w0_aug[d];
    double start = (double)w0_aug[d] * w0_aug[d];
    for (int j = 0; j < d; j++) {
        finite &= isfinite(NN_AT(p->W, 0, j));
        moved |= NN_AT(p->W, 0, j) != w0_aug[j];
        start += (double)w0_aug[j] * w0_aug[j];
    }
    double lr = p->lr;
    if (!finite)
        snprintf(msg, len, "the weights overflowed to inf or nan after %ld updates: the step --lr %g "
                           "times x is too large for the numbers; use a smaller --lr", updates, lr);
    else if (!moved)
        snprintf(msg, len, "%ld updates w <- w + lambda (y - yhat) x all rounded back to w: the step "
                           "--lr %g times x is below half the spacing of the numbers near |w| = %.3g, "
                           "so the line never moves; use a larger --lr", updates, lr, sqrt(start));
    else if (!(bound_from_zero <= (nn_real)updates))
        snprintf(msg, len, "no error-free epoch in %d epochs (%ld updates): Novikoff's bound for these "
                           "blobs, (R/gamma)^2 = %.3g updates, is more than the epochs can be sure "
                           "to make, whatever --lr is; use a larger --margin or a smaller --spread",
                 max_epochs, updates, (double)bound_from_zero);
    else if (!(bound_from_init <= (nn_real)updates))
        snprintf(msg, len, "no error-free epoch in %d epochs (%ld updates): from this random start "
                           "(|w0| = %.3g), Novikoff's bound allows %.3g updates, as each moves (w, b) "
                           "by only --lr %g times x; use a larger --lr", max_epochs, updates,
                 sqrt(start), (double)bound_from_init, lr);
    else
        snprintf(msg, len, "no error-free epoch in %d epochs, %ld updates, past Novikoff's bound "
                           "of %.3g from this start: this contradicts the theorem, so the data or "
                           "the code is wrong", max_epochs, updates, (double)bound_from_init);
}

int perceptron_count_errors(const perceptron *p, nn_matrix X, nn_matrix Y)
{
    int wrong = 0;
    for (int i = 0; i < X.rows; i++)
        wrong += perceptron_predict(p, &NN_AT(X, i, 0)) != NN_AT(Y, i, 0);
    return wrong;
}

/* course:begin novikoff */
/* R̃ = max_i ‖(x_i, 1)‖. */
nn_real augmented_radius(nn_matrix X)
{
    nn_real r2 = 0;
    for (int i = 0; i < X.rows; i++) {
        nn_real s = 1;                                   /* the augmented coordinate */
        for (int j = 0; j < X.cols; j++) s += NN_AT(X, i, j) * NN_AT(X, i, j);
        if (s > r2) r2 = s;
    }
    return sqrt(r2);
}

/* γ̃ = min_i t_i (w*·x_i + b*) / ‖(w*, b*)‖, t_i = 2y_i − 1: the smallest signed
 * distance of an augmented example to the hyperplane u = (w*, b*)/‖(w*, b*)‖. */
nn_real augmented_margin(nn_matrix X, nn_matrix Y, const nn_real *w_star, nn_real b_star)
{
    nn_real norm2 = b_star * b_star, gamma = NN_REAL_MAX;
    for (int j = 0; j < X.cols; j++) norm2 += w_star[j] * w_star[j];
    for (int i = 0; i < X.rows; i++) {
        nn_real z = b_star;
        for (int j = 0; j < X.cols; j++) z += w_star[j] * NN_AT(X, i, j);
        nn_real t = 2 * NN_AT(Y, i, 0) - 1;
        if (t * z < gamma) gamma = t * z;
    }
    return gamma / sqrt(norm2);
}

nn_real novikoff_bound(nn_real radius, nn_real margin)
{
    return (radius / margin) * (radius / margin);
}
/* course:end novikoff */

/* course:begin novikoff_from */
/* k updates from w̃₀: u·w̃_k ≥ u·w̃₀ + kλγ̃ and ‖w̃_k‖² ≤ ‖w̃₀‖² + kλ²R̃², so by Cauchy–Schwarz
 * (c + kγ̃)² ≤ s² + kR̃² with c = u·w̃₀/λ, s = ‖w̃₀‖/λ: k is at most the larger root of
 * γ̃²k² + (2cγ̃ − R̃²)k + c² − s² = 0. */
nn_real novikoff_bound_from(nn_real radius, nn_real margin, const nn_real *w0_aug, int d_aug,
                            const nn_real *u, nn_real lr)
{
    double c = 0, s2 = 0;
    for (int j = 0; j < d_aug; j++) { c += (double)u[j] * w0_aug[j]; s2 += (double)w0_aug[j] * w0_aug[j]; }
    c /= lr;
    s2 /= (double)lr * lr;
    double g = margin, r2 = (double)radius * radius;
    double bq = r2 - 2 * c * g, disc = bq * bq - 4 * g * g * (c * c - s2);
    return (nn_real)((bq + sqrt(disc)) / (2 * g * g));
}
/* course:end novikoff_from */
