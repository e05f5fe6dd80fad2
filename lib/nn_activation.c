/* Activations a = f(z), element-wise on an n×p batch (row-wise for softmax), and their
 * backward passes dZ = f'(Z) ⊙ dA. The table of f and f' is in nn_activation.h; here each
 * f sits directly above its f', both written in forms that stay accurate for every finite z:
 * no e^{−z} that can overflow, no 1 − σ or 1 − tanh² that cancels to 0 where the true
 * derivative is tiny but not 0. */
#include "nn_activation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nn_names.h"
#include "nn_parallel.h"

static const char *const activation_names[NN_ACTIVATION_COUNT] = {
    "identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "softmax"
};

nn_activation nn_activation_make(nn_activation_kind kind)
{
    nn_activation f = { kind, 0 };
    if (kind == NN_LEAKY_RELU) f.alpha = NN_R(0.1);
    if (kind == NN_ELU) f.alpha = 1;
    return f;
}

const char *nn_activation_name(nn_activation_kind kind)
{
    return nn_name_of(activation_names, NN_ACTIVATION_COUNT, (int)kind);
}

int nn_activation_from_name(const char *name, nn_activation_kind *kind)
{
    int k = nn_name_index(activation_names, NN_ACTIVATION_COUNT, name);
    if (k < 0) return -1;
    *kind = (nn_activation_kind)k;
    return 0;
}

static void activation_die(const char *who, nn_activation_kind kind, const char *why)
{
    fprintf(stderr, "%s: %s: %s\n", who, nn_activation_name(kind), why);
    abort();
}

/* ---- sigmoid ----------------------------------------------------------------------
 * σ(z) = 1/(1 + e^{−z}); for z < 0 the same number is e^z/(1 + e^z), whose exponential
 * cannot overflow. */
nn_real nn_sigmoid(nn_real z)
{
    if (z >= 0) return 1 / (1 + exp(-z));
    nn_real e = exp(z);
    return e / (1 + e);
}

/* σ'(z) = σ(z)(1 − σ(z)) = u/(1 + u)² with u = e^{−|z|} (σ' is even). The form with u keeps
 * full relative accuracy for large |z|, where 1 − σ(z) would round to 0 beyond z ≈ 37. */
static nn_real sigmoid_derivative(nn_real z)
{
    nn_real u = exp(-fabs(z));
    return u / ((1 + u) * (1 + u));
}

/* ---- tanh -------------------------------------------------------------------------
 * tanh z = (e^z − e^{−z}) / (e^z + e^{−z}), from the C library. */

/* tanh'(z) = 1 − tanh² z = 4u/(1 + u)² with u = e^{−2|z|}: the same number, without the
 * cancellation of 1 − tanh² (which is 0 in double beyond |z| ≈ 19). */
static nn_real tanh_derivative(nn_real z)
{
    nn_real u = exp(-2 * fabs(z));
    return 4 * u / ((1 + u) * (1 + u));
}

/* ---- softplus ---------------------------------------------------------------------
 * softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}): no overflow, and log1p keeps
 * the tail e^z accurate for z ≪ 0. */
nn_real nn_softplus(nn_real z)
{
    return (z > 0 ? z : 0) + log1p(exp(-fabs(z)));
}
/* softplus'(z) = e^z/(1 + e^z) = σ(z): see nn_sigmoid. */

/* ---- the piecewise ones -----------------------------------------------------------
 * relu(z) = max(0, z)                          relu'(z)  = 1 if z > 0 else 0 (0 at 0)
 * leaky(z) = z if z > 0 else αz                leaky'(z) = 1 if z > 0 else α
 * elu(z) = z if z > 0 else α(e^z − 1)          elu'(z)   = 1 if z > 0 else αe^z
 * step(z) = 1 if z ≥ 0 else 0                  (no derivative: the perceptron's) */
static inline nn_real relu_value(nn_real z) { return z > 0 ? z : 0; }
static inline nn_real relu_derivative(nn_real z) { return z > 0 ? 1 : 0; }
static inline nn_real leaky_value(nn_real z, nn_real alpha) { return z > 0 ? z : alpha * z; }
static inline nn_real leaky_derivative(nn_real z, nn_real alpha) { return z > 0 ? 1 : alpha; }

nn_real nn_activation_value(nn_activation f, nn_real z)
{
    switch (f.kind) {
    case NN_IDENTITY:   return z;
    case NN_STEP:       return z >= 0 ? 1 : 0;
    case NN_SIGMOID:    return nn_sigmoid(z);
    case NN_TANH:       return tanh(z);
    case NN_RELU:       return relu_value(z);
    case NN_LEAKY_RELU: return leaky_value(z, f.alpha);
    case NN_ELU:        return z > 0 ? z : f.alpha * expm1(z);   /* expm1: accurate near 0 */
    case NN_SOFTPLUS:   return nn_softplus(z);
    case NN_SOFTMAX:    break;
    }
    activation_die("nn_activation_value", f.kind,
                   "not an element-wise activation (use the batched forward)");
    return 0;
}

nn_real nn_activation_derivative(nn_activation f, nn_real z)
{
    switch (f.kind) {
    case NN_IDENTITY:   return 1;
    case NN_SIGMOID:    return sigmoid_derivative(z);
    case NN_TANH:       return tanh_derivative(z);
    case NN_RELU:       return relu_derivative(z);
    case NN_LEAKY_RELU: return leaky_derivative(z, f.alpha);
    case NN_ELU:        return z > 0 ? 1 : f.alpha * exp(z);
    case NN_SOFTPLUS:   return nn_sigmoid(z);
    case NN_STEP:       activation_die("nn_activation_derivative", f.kind,
                                       "has no derivative (the perceptron rule does not need one)");
                        break;
    case NN_SOFTMAX:    break;
    }
    activation_die("nn_activation_derivative", f.kind,
                   "has a Jacobian, not a derivative (use the batched backward)");
    return 0;
}

/* ---- batched ----------------------------------------------------------------------
 * The element-wise loops run over blocks of NN_ACTIVATION_BLOCK elements (in parallel when
 * the batch is large); inside a block the kind is switched on once, so the cheap piecewise
 * kinds run as plain loops the compiler vectorises. Each element is computed by exactly one
 * thread, with the same operations as a serial run, so the bits do not depend on the
 * thread count (nn_parallel.h, rule 1); rule 3 says when the loop forks at all. */
#define NN_ACTIVATION_BLOCK 4096

/* A = f(Z) on one block. */
static void forward_block(nn_activation f, const nn_real *z, nn_real *a, long n)
{
    switch (f.kind) {
    case NN_RELU:       for (long i = 0; i < n; i++) a[i] = relu_value(z[i]); break;
    case NN_LEAKY_RELU: for (long i = 0; i < n; i++) a[i] = leaky_value(z[i], f.alpha); break;
    default:            for (long i = 0; i < n; i++) a[i] = nn_activation_value(f, z[i]); break;
    }
}

/* dZ = f'(Z) ⊙ dA on one block. */
static void backward_block(nn_activation f, const nn_real *z, const nn_real *da, nn_real *dz,
                           long n)
{
    switch (f.kind) {
    case NN_RELU:
        for (long i = 0; i < n; i++) dz[i] = relu_derivative(z[i]) * da[i];
        break;
    case NN_LEAKY_RELU:
        for (long i = 0; i < n; i++) dz[i] = leaky_derivative(z[i], f.alpha) * da[i];
        break;
    default:
        for (long i = 0; i < n; i++) dz[i] = nn_activation_derivative(f, z[i]) * da[i];
        break;
    }
}

/* A = f(Z) element by element; softmax row by row, S_ij = e^{Z_ij − max_k Z_ik} / Σ_k (...). */
void nn_activation_forward(nn_activation f, nn_matrix Z, nn_matrix A)
{
    nn_matrix_check_same_shape(Z, A, "nn_activation_forward");
    if (f.kind == NN_SOFTMAX) { nn_softmax_rows(Z, A); return; }
    long n = (long)nn_matrix_size(Z), blocks = (n + NN_ACTIVATION_BLOCK - 1) / NN_ACTIVATION_BLOCK;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long b = 0; b < blocks; b++) {
        long lo = b * NN_ACTIVATION_BLOCK;
        long len = n - lo < NN_ACTIVATION_BLOCK ? n - lo : NN_ACTIVATION_BLOCK;
        forward_block(f, Z.data + lo, A.data + lo, len);
    }
    nn_join_loop(forked, n);
}

/* Softmax backward, one row at a time, from S = A. With ∂S_j/∂z_i = S_j(δ_ij − S_i):
 *   dZ_i = Σ_j dA_j ∂S_j/∂z_i = S_i (dA_i − Σ_j S_j dA_j).
 * O(p) per row instead of the O(p²) Jacobian product. */
static void softmax_backward(nn_matrix S, nn_matrix dA, nn_matrix dZ)
{
    double forked = nn_fork_loop((long)S.rows * S.cols);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int r = 0; r < S.rows; r++) {
        nn_real s_dot_da = 0;
        for (int j = 0; j < S.cols; j++) s_dot_da += NN_AT(S, r, j) * NN_AT(dA, r, j);
        for (int i = 0; i < S.cols; i++)
            NN_AT(dZ, r, i) = NN_AT(S, r, i) * (NN_AT(dA, r, i) - s_dot_da);
    }
    nn_join_loop(forked, (long)S.rows * S.cols);
}

/* dZ = f'(Z) ⊙ dA, from Z (softmax: from A). */
void nn_activation_backward(nn_activation f, nn_matrix Z, nn_matrix A, nn_matrix dA,
                            nn_matrix dZ)
{
    nn_matrix_check_same_shape(dA, dZ, "nn_activation_backward (dA, dZ)");
    if (f.kind == NN_SOFTMAX) {
        nn_matrix_check_same_shape(A, dA, "nn_activation_backward (A, dA)");
        softmax_backward(A, dA, dZ);
        return;
    }
    nn_matrix_check_same_shape(Z, dA, "nn_activation_backward (Z, dA)");
    if (f.kind == NN_STEP)
        activation_die("nn_activation_backward", f.kind,
                       "has no derivative: the perceptron trains without backprop");
    long n = (long)nn_matrix_size(Z), blocks = (n + NN_ACTIVATION_BLOCK - 1) / NN_ACTIVATION_BLOCK;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long b = 0; b < blocks; b++) {
        long lo = b * NN_ACTIVATION_BLOCK;
        long len = n - lo < NN_ACTIVATION_BLOCK ? n - lo : NN_ACTIVATION_BLOCK;
        backward_block(f, Z.data + lo, dA.data + lo, dZ.data + lo, len);
    }
    nn_join_loop(forked, n);
}
