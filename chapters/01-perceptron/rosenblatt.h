/* Rosenblatt's perceptron (1958) and the quantities of Novikoff's convergence bound.
 *
 * One neuron with the step activation: ŷ = step(z), z = w·x + b, step(z) = 1 if z ≥ 0
 * else 0. Labels y ∈ {0, 1}. Trained online: for each example in turn,
 *     w ← w + λ (y − ŷ) x,    b ← b + λ (y − ŷ),
 * which changes nothing when ŷ = y; epochs repeat until one makes no mistake.
 *
 * Shapes, in the course's notation: X is n×d (one example per row), Y is n×1, the
 * weights W are 1×d (a layer with p = 1 unit) and b one number. */
#ifndef ROSENBLATT_H
#define ROSENBLATT_H

#include "nn.h"

typedef struct {
    nn_matrix W;            /* 1×d, owned */
    nn_real b;
    nn_real lr;             /* λ > 0 */
    nn_activation f;        /* the step */
} perceptron;

perceptron perceptron_new(int d, nn_real lr);          /* W = 0, b = 0 */
void perceptron_free(perceptron *p);
/* The source's initialisation: every weight and the bias uniform on [0, 1). */
void perceptron_init_random(perceptron *p, nn_rng *rng);

nn_real perceptron_preactivation(const perceptron *p, const nn_real *x);  /* z = w·x + b */
nn_real perceptron_predict(const perceptron *p, const nn_real *x);        /* ŷ = step(z) */

/* One pass over the examples in order; returns the number of mistakes (= updates). */
int perceptron_epoch(perceptron *p, nn_matrix X, nn_matrix Y);

/* Epochs until one makes no mistake, at most max_epochs. errors[e] (max_epochs entries,
 * may be NULL) receives the mistakes of epoch e; history (may be NULL) receives
 * (w_1..w_d, b) before the first epoch in row 0 and after epoch e in row e+1, so it needs
 * (max_epochs+1)×(d+1) numbers. Returns the number of epochs run; *updates (may be NULL)
 * gets the total number of updates, *converged whether the last epoch was error-free. */
int perceptron_train(perceptron *p, nn_matrix X, nn_matrix Y, int max_epochs, int *errors,
                     nn_matrix history, long *updates, int *converged);

/* Why a run on separable data made mistakes in every one of its max_epochs epochs, as a
 * message naming the flag to change: the weights overflowed (a step λx too large, --lr);
 * every update rounded back to the weights it started from (w + λx == w: λx below half
 * the spacing of the numbers near w, --lr); Novikoff's bound (R̃/γ̃)² for the data is more
 * updates than the epochs made (--margin, --spread); or the bound from this start is
 * (--lr). Anything else contradicts the theorem, and says so. w0_aug is the start (w₀, b₀). */
void perceptron_why_not_separated(const perceptron *p, const nn_real *w0_aug, long updates,
                                  int max_epochs, nn_real bound_from_zero, nn_real bound_from_init,
                                  char *msg, size_t len);

/* Number of examples the current weights misclassify (no update). */
int perceptron_count_errors(const perceptron *p, nn_matrix X, nn_matrix Y);

/* ---- Novikoff's bound ------------------------------------------------------------------
 * The perceptron with a bias is the perceptron without one on augmented inputs
 * x̃ = (x, 1) with weights w̃ = (w, b). With t = 2y − 1 ∈ {−1, +1}, a reference line
 * (w*, b*) and u = (w*, b*)/‖(w*, b*)‖:
 *     R̃ = max_i ‖x̃_i‖ = max_i √(‖x_i‖² + 1),    γ̃ = min_i t_i u·x̃_i.
 * From w̃ = 0, with any λ > 0, the number of updates is at most (R̃/γ̃)². */
nn_real augmented_radius(nn_matrix X);
nn_real augmented_margin(nn_matrix X, nn_matrix Y, const nn_real *w_star, nn_real b_star);
nn_real novikoff_bound(nn_real radius, nn_real margin);
/* The same argument started from w̃₀ ≠ 0 (the source's random initialisation): the largest
 * k with (k γ̃ + c)² ≤ s² + k R̃², where c = u·w̃₀/λ and s = ‖w̃₀‖/λ. It is (R̃/γ̃)² when w̃₀ = 0. */
nn_real novikoff_bound_from(nn_real radius, nn_real margin, const nn_real *w0_aug, int d_aug,
                            const nn_real *u, nn_real lr);

#endif
