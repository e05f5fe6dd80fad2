/* Dense layers and networks.
 *
 * A dense layer maps a batch X (n×d, one example per row) to
 *     Z = X Wᵀ + 1 bᵀ      (n×p),   W ∈ R^{p×d}, b ∈ R^p
 *     A = f(Z)             (n×p)
 * and its backward pass, given dA = ∂L/∂A, computes
 *     dZ = f'(Z) ⊙ dA
 *     dW += dZᵀ X          (p×d)
 *     db += 1ᵀ dZ          (column sums of dZ)
 *     dX  = dZ W           (n×d)
 *
 * THE GRADIENT CONTRACT: backward ADDS into dW and db (+=), so gradients of several
 * batches or terms can be summed; call nn_network_zero_grad() before a fresh backward.
 * (nn_dense_backward takes the choice, NN_GRAD_ADD or NN_GRAD_OVERWRITE; the training
 * step nn_network_loss_grad overwrites, which spares it the clearing pass.)
 * dZ and dX are overwritten: they are intermediates, not parameters' gradients.
 *
 * A network is a sequence of dense layers. All its parameters live in one contiguous
 * block `params` (layer 0's W then b, layer 1's W then b, ...), its gradients in a block
 * `grads` of the same layout: each layer's W, b, dW, db are views into them. Optimisers
 * and gradient checks work on the flat vectors; layers work on the matrix views.
 *
 * Dropout (inverted): in training, each unit of a layer with drop probability p is kept
 * with probability 1 − p and, if kept, scaled by 1/(1 − p); the mask is drawn from the
 * generator passed to the forward pass. At inference no mask is applied.
 *
 * L2 weight decay λ adds (λ/2) Σ_layers ‖W‖²_F to the loss and λW to dW (biases are not
 * decayed). */
#ifndef NN_NETWORK_H
#define NN_NETWORK_H

#include <stddef.h>
#include "nn_activation.h"
#include "nn_init.h"
#include "nn_loss.h"
#include "nn_matrix.h"
#include "nn_rng.h"

typedef struct {
    int in, out;
    nn_activation act;
    nn_real dropout;        /* drop probability in training, 0 = no dropout */
    nn_matrix W, b;         /* out×in, 1×out: views into the network's params */
    nn_matrix dW, db;       /* same shapes: views into the network's grads */
} nn_dense;

/* One layer as given to nn_network_new: width, activation, dropout. */
typedef struct {
    int units;
    nn_activation act;
    nn_real dropout;
} nn_layer_spec;

typedef struct {
    int n_inputs, n_layers;
    nn_dense *layers;
    size_t n_params;
    nn_real *params, *grads;    /* flat blocks, n_params each */
    nn_real weight_decay;       /* λ, 0 by default */
    /* Caches for the forward and backward passes, `capacity` rows each (grown on
     * demand, never inside a step once the largest batch has been seen). Z[l], A[l],
     * mask[l] are layer l's pre-activation, output f(Z[l]) and dropout mask (each entry
     * 0 or 1/(1 − p): the inverted scale is folded in). out[l] = A[l] ⊙ mask[l] is what
     * the layer passes on; it shares A[l]'s numbers when the layer has no dropout.
     * dA[l] = ∂L/∂out[l] and dZ[l] = ∂L/∂Z[l]. */
    int capacity;
    nn_matrix *Z, *A, *mask, *out, *dA, *dZ;
} nn_network;

/* ---- One dense layer, forward beside backward ---------------------------------- */
/* What backward does with dW and db: dW = dZᵀ X + β dW with β = 1 (add) or 0 (overwrite). */
typedef enum { NN_GRAD_OVERWRITE = 0, NN_GRAD_ADD = 1 } nn_grad_mode;

void nn_dense_forward(const nn_dense *layer, nn_matrix X, nn_matrix Z, nn_matrix A);
void nn_dense_backward(const nn_dense *layer, nn_matrix X, nn_matrix Z, nn_matrix A,
                       nn_matrix dA, nn_matrix dZ, nn_matrix dX,  /* dX.data may be NULL */
                       nn_grad_mode mode);

/* ---- Networks -------------------------------------------------------------------- */
nn_network *nn_network_new(int n_inputs, int n_layers, const nn_layer_spec *layers);
void nn_network_free(nn_network *net);
/* Parameter count of a d_0-d_1-...-d_L network: Σ_l d_l (d_{l−1} + 1). */
size_t nn_network_param_count(const nn_network *net);
/* Weights from `weights`, biases from `biases`, layer by layer in order. */
void nn_network_init(nn_network *net, nn_init weights, nn_init biases, nn_rng *rng);
/* Networks built, not trained: layer l (0 = the first layer after the inputs) gets the
 * weights W (out×in: row j holds unit j's incoming weights) and the biases b (1×out),
 * copied into the parameter block. The shapes are checked (abort, naming both). The
 * result is an ordinary network: the same forward, backward and optimisers apply.
 * (The same numbers can be written straight into net->params: layer 0's W row by row,
 * then its b, then layer 1's W and b, and so on; nn_network_set_layer says which.) */
void nn_network_set_layer(nn_network *net, int l, nn_matrix W, nn_matrix b);
void nn_network_zero_grad(nn_network *net);

/* Forward on a batch X (n×n_inputs); returns a view of the output (n×out), valid until
 * the next forward. dropout_rng = NULL means inference (no dropout). */
nn_matrix nn_network_forward(nn_network *net, nn_matrix X, nn_rng *dropout_rng);
/* Backward after a forward on the same X: dOut = ∂L/∂output (n×out). Adds into grads;
 * writes ∂L/∂X into dX when dX.data is not NULL. Does not add weight decay. */
void nn_network_backward(nn_network *net, nn_matrix X, nn_matrix dOut, nn_matrix dX);

/* (λ/2) Σ ‖W‖², and grads += λW for every layer's W. */
nn_real nn_network_weight_penalty(const nn_network *net);
void nn_network_add_weight_decay_grad(nn_network *net);

/* The training step's gradient: forward, L = loss(output, Y) + penalty, backward
 * (overwriting grads: no need to zero them first), weight decay. Returns L. */
nn_real nn_network_loss_grad(nn_network *net, nn_matrix X, nn_matrix Y, nn_loss loss,
                             nn_rng *dropout_rng);

#endif
