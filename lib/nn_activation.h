/* Activations: a = f(z), applied element-wise (row-wise for softmax).
 *
 *   name        f(z)                              f'(z)
 *   identity    z                                 1
 *   step        1 if z ≥ 0 else 0                 (none: forward only, the perceptron's)
 *   sigmoid     σ(z) = 1/(1+e^{−z})               σ(z)(1 − σ(z))
 *   tanh        tanh z                            1 − tanh² z
 *   relu        max(0, z)                         1 if z > 0 else 0   (0 at z = 0, as in the source)
 *   leaky_relu  z if z > 0 else αz   (α = 0.1)    1 if z > 0 else α
 *   elu         z if z > 0 else α(e^z − 1) (α=1)  1 if z > 0 else αe^z
 *   softplus    log(1 + e^z)                      σ(z)
 *   softmax     S_j = e^{z_j} / Σ_k e^{z_k}        ∂S_i/∂z_j = S_i(δ_ij − S_j)
 *
 * Stable forms: σ(z) for z < 0 is e^z/(1+e^z) (no overflow of e^{−z}); softplus(z) is
 * max(z,0) + log1p(e^{−|z|}); softmax subtracts the row maximum first.
 *
 * Batched: Z and A are n×p (one example per row). Backward overwrites dZ = f'(Z) ⊙ dA
 * (for softmax, dZ_i = S_i (dA_i − Σ_j S_j dA_j) per row); it may read Z, A or both. */
#ifndef NN_ACTIVATION_H
#define NN_ACTIVATION_H

#include "nn_matrix.h"

typedef enum {
    NN_IDENTITY, NN_STEP, NN_SIGMOID, NN_TANH, NN_RELU, NN_LEAKY_RELU, NN_ELU,
    NN_SOFTPLUS, NN_SOFTMAX
} nn_activation_kind;

#define NN_ACTIVATION_COUNT 9

typedef struct {
    nn_activation_kind kind;
    nn_real alpha;          /* leaky ReLU slope (default 0.1), ELU α (default 1); else unused */
} nn_activation;

nn_activation nn_activation_make(nn_activation_kind kind);   /* with the default α */
const char *nn_activation_name(nn_activation_kind kind);     /* "sigmoid", "leaky_relu", ... */
int nn_activation_from_name(const char *name, nn_activation_kind *kind); /* 0 if known */

/* Scalar forms, for figures and for the chapters' hand computations. */
nn_real nn_sigmoid(nn_real z);
nn_real nn_softplus(nn_real z);
nn_real nn_activation_value(nn_activation f, nn_real z);       /* not for softmax */
nn_real nn_activation_derivative(nn_activation f, nn_real z);  /* not for step or softmax */

void nn_activation_forward(nn_activation f, nn_matrix Z, nn_matrix A);  /* A may be Z */
void nn_activation_backward(nn_activation f, nn_matrix Z, nn_matrix A, nn_matrix dA,
                            nn_matrix dZ);                              /* dZ may be dA */

#endif
