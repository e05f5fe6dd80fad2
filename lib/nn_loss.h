/* Losses: L(Ŷ, Y) = (1/n) Σ_i ℓ(ŷ_i, y_i), the mean over the n rows (examples) of the
 * batch, each row's loss summed over its output components. Ŷ and Y are n×q.
 *
 *   mse               ℓ = Σ_j (ŷ_j − y_j)²                 ∂ℓ/∂ŷ_j = 2(ŷ_j − y_j)
 *   mae               ℓ = Σ_j |ŷ_j − y_j|                  sign(ŷ_j − y_j)   (0 at 0)
 *   huber(δ)          ℓ = Σ_j h_δ(ŷ_j − y_j), h_δ(r) = r²/2 if |r| ≤ δ else δ(|r| − δ/2)
 *   bce               ℓ = −Σ_j [y log p + (1−y) log(1−p)], Ŷ = p ∈ (0,1)
 *                     (not clamped: 0·log 0 = 0, so p = y costs 0 and a confident wrong
 *                     p costs +∞ with gradient ±∞; bce_logits is the stable choice)
 *   bce_logits        ℓ = Σ_j [softplus(z) − y z], Ŷ = z (logits);  ∂ℓ/∂z = σ(z) − y
 *   softmax_ce        ℓ = lse(z) − Σ_j y_j z_j, Ŷ = z logits, Y one-hot (or any
 *                     distribution);  ∂ℓ/∂z = softmax(z) − y
 *   margin losses φ(m) with m = y·s, y ∈ {−1,+1}, Ŷ = s the score:
 *     logistic        log(1 + e^{−m})                       (= softplus(−m))
 *     exponential     e^{−m}
 *     hinge           max(0, 1 − m)                         (derivative 0 at the kink)
 *     squared_hinge   max(0, 1 − m)²
 *     perceptron      max(0, −m)                            (derivative 0 at the kink: at
 *                     m = 0 the loss is already 0, so from w = 0 it never moves; chapter 4)
 *
 * Backward overwrites dŶ = ∂L/∂Ŷ, the 1/n of the mean included. Value and gradient
 * are written from the stable forms above, so logits of ±1000 give finite numbers. */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include "nn_matrix.h"

typedef enum {
    NN_LOSS_MSE, NN_LOSS_MAE, NN_LOSS_HUBER, NN_LOSS_BCE, NN_LOSS_BCE_LOGITS,
    NN_LOSS_SOFTMAX_CE, NN_LOSS_LOGISTIC, NN_LOSS_EXPONENTIAL, NN_LOSS_HINGE,
    NN_LOSS_SQUARED_HINGE, NN_LOSS_PERCEPTRON
} nn_loss_kind;

#define NN_LOSS_COUNT 11

typedef struct {
    nn_loss_kind kind;
    nn_real delta;          /* Huber's δ (default 1); else unused */
} nn_loss;

nn_loss nn_loss_make(nn_loss_kind kind);
const char *nn_loss_name(nn_loss_kind kind);
int nn_loss_from_name(const char *name, nn_loss_kind *kind);     /* 0 if known */

nn_real nn_loss_forward(nn_loss loss, nn_matrix Yhat, nn_matrix Y);
void nn_loss_backward(nn_loss loss, nn_matrix Yhat, nn_matrix Y, nn_matrix dYhat);

/* Softmax cross-entropy with class indices instead of one-hot rows. */
nn_real nn_loss_cross_entropy_index_forward(nn_matrix Z, const int *labels);
void nn_loss_cross_entropy_index_backward(nn_matrix Z, const int *labels, nn_matrix dZ);

/* φ(m) of a margin loss, and the 0-1 loss 1[m ≤ 0] it stands in for; for figures. */
nn_real nn_margin_loss(nn_loss_kind kind, nn_real m);
nn_real nn_zero_one_loss(nn_real m);

#endif
