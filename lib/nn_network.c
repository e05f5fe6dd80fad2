/* Dense layers and networks: the forward pass and backpropagation, batched.
 *
 * A batch is an n×d matrix X, one example per row. Layer l (W_l ∈ R^{p×d}, b_l ∈ R^p)
 * computes, for the whole batch at once,
 *     Z_l = A_{l−1} W_lᵀ + 1 b_lᵀ     (n×p, one matrix product)
 *     A_l = f_l(Z_l)
 * with A_0 = X, and backpropagation walks the layers in reverse:
 *     dZ_l = f_l'(Z_l) ⊙ dA_l,   dW_l += dZ_lᵀ A_{l−1},   db_l += 1ᵀ dZ_l,   dA_{l−1} = dZ_l W_l.
 * Every product goes through nn_gemm; there is no loop over examples. Backward ADDS into
 * dW and db (see nn_network.h); dZ and dA are overwritten. */
#include "nn_network.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- One dense layer --------------------------------------------------------------- */

static void check_rows_cols(nn_matrix M, int rows, int cols, const char *what, const char *who)
{
    if (M.rows != rows || M.cols != cols) {
        fprintf(stderr, "%s: %s is %d x %d, expected %d x %d\n", who, what, M.rows, M.cols,
                rows, cols);
        abort();
    }
}

/* Z = X Wᵀ + 1 bᵀ,  A = f(Z).   X: n×d,  W: p×d,  Z, A: n×p. */
void nn_dense_forward(const nn_dense *layer, nn_matrix X, nn_matrix Z, nn_matrix A)
{
    check_rows_cols(X, X.rows, layer->in, "X", "nn_dense_forward");
    check_rows_cols(Z, X.rows, layer->out, "Z", "nn_dense_forward");
    nn_gemm(NN_NO_TRANS, NN_TRANS, 1, X, layer->W, 0, Z);
    nn_add_row_vector(Z, layer->b);
    nn_activation_forward(layer->act, Z, A);
}

/* course:begin dense-backward */
/* Given dA = ∂L/∂A, and β = 1 (NN_GRAD_ADD) or 0 (NN_GRAD_OVERWRITE):
 *   dZ = f'(Z) ⊙ dA               (n×p; softmax couples a row: dz = s ⊙ (da − (s·da) 1))
 *   dW = dZᵀ X + β dW             (p×d: Σ over examples of the outer products dz_i x_iᵀ)
 *   db = 1ᵀ dZ + β db             (1×p: column sums)
 *   dX = dZ W                     (n×d, skipped when dX.data is NULL) */
void nn_dense_backward(const nn_dense *layer, nn_matrix X, nn_matrix Z, nn_matrix A,
                       nn_matrix dA, nn_matrix dZ, nn_matrix dX, nn_grad_mode mode)
{
    check_rows_cols(dA, X.rows, layer->out, "dA", "nn_dense_backward");
    nn_activation_backward(layer->act, Z, A, dA, dZ);
    nn_gemm(NN_TRANS, NN_NO_TRANS, 1, dZ, X, mode == NN_GRAD_ADD ? 1 : 0, layer->dW);
    if (mode == NN_GRAD_OVERWRITE) nn_matrix_fill(layer->db, 0);
    nn_add_column_sums(dZ, layer->db);
    if (dX.data) nn_gemm(NN_NO_TRANS, NN_NO_TRANS, 1, dZ, layer->W, 0, dX);
}
/* course:end dense-backward */

/* ---- Building a network ------------------------------------------------------------- */

size_t nn_network_param_count(const nn_network *net)
{
    size_t count = 0;
    for (int l = 0; l < net->n_layers; l++)
        count += (size_t)net->layers[l].out * ((size_t)net->layers[l].in + 1);
    return count;
}

static void *checked_calloc(size_t count, size_t size, const char *what)
{
    void *p = calloc(count ? count : 1, size);
    if (!p) {
        fprintf(stderr, "nn_network_new: out of memory for %s (%zu x %zu bytes)\n", what,
                count, size);
        abort();
    }
    return p;
}

/* Lay out W_0, b_0, W_1, b_1, ... in params, and the same views into grads. */
static void point_layers_into_blocks(nn_network *net)
{
    size_t offset = 0;
    for (int l = 0; l < net->n_layers; l++) {
        nn_dense *layer = &net->layers[l];
        size_t w_size = (size_t)layer->out * (size_t)layer->in;
        layer->W = nn_matrix_view(net->params + offset, layer->out, layer->in);
        layer->dW = nn_matrix_view(net->grads + offset, layer->out, layer->in);
        layer->b = nn_matrix_view(net->params + offset + w_size, 1, layer->out);
        layer->db = nn_matrix_view(net->grads + offset + w_size, 1, layer->out);
        offset += w_size + (size_t)layer->out;
    }
}

nn_network *nn_network_new(int n_inputs, int n_layers, const nn_layer_spec *specs)
{
    if (n_inputs <= 0 || n_layers <= 0) {
        fprintf(stderr, "nn_network_new: %d inputs and %d layers; both must be positive\n",
                n_inputs, n_layers);
        abort();
    }
    nn_network *net = checked_calloc(1, sizeof *net, "the network");
    net->n_inputs = n_inputs;
    net->n_layers = n_layers;
    net->layers = checked_calloc((size_t)n_layers, sizeof *net->layers, "the layers");
    for (int l = 0; l < n_layers; l++) {
        if (specs[l].units <= 0 || !(specs[l].dropout >= 0 && specs[l].dropout < 1)) {
            fprintf(stderr, "nn_network_new: layer %d has %d units and dropout %g; need units > 0 "
                    "and 0 <= dropout < 1\n", l, specs[l].units, (double)specs[l].dropout);
            abort();
        }
        net->layers[l].in = l == 0 ? n_inputs : specs[l - 1].units;
        net->layers[l].out = specs[l].units;
        net->layers[l].act = specs[l].act;
        net->layers[l].dropout = specs[l].dropout;
    }
    net->n_params = nn_network_param_count(net);
    net->params = checked_calloc(net->n_params, sizeof(nn_real), "the parameters");
    net->grads = checked_calloc(net->n_params, sizeof(nn_real), "the gradients");
    point_layers_into_blocks(net);
    nn_matrix **caches[] = { &net->Z, &net->A, &net->mask, &net->out, &net->dA, &net->dZ };
    for (size_t c = 0; c < sizeof caches / sizeof caches[0]; c++)
        *caches[c] = checked_calloc((size_t)n_layers, sizeof(nn_matrix), "the caches");
    return net;
}

static int has_dropout(const nn_network *net, int l) { return net->layers[l].dropout > 0; }

static void free_caches(nn_network *net)
{
    for (int l = 0; l < net->n_layers; l++) {
        nn_matrix_free(&net->Z[l]);
        nn_matrix_free(&net->A[l]);
        nn_matrix_free(&net->dA[l]);
        nn_matrix_free(&net->dZ[l]);
        if (has_dropout(net, l)) {
            nn_matrix_free(&net->mask[l]);
            nn_matrix_free(&net->out[l]);
        }
    }
}

/* Caches for `rows` examples. Only ever grows, so after the largest batch has been
 * seen a training step allocates nothing. */
static void ensure_capacity(nn_network *net, int rows)
{
    if (rows <= net->capacity) return;
    free_caches(net);
    for (int l = 0; l < net->n_layers; l++) {
        int p = net->layers[l].out;
        net->Z[l] = nn_matrix_new(rows, p);
        net->A[l] = nn_matrix_new(rows, p);
        net->dA[l] = nn_matrix_new(rows, p);
        net->dZ[l] = nn_matrix_new(rows, p);
        if (has_dropout(net, l)) {
            net->mask[l] = nn_matrix_new(rows, p);
            net->out[l] = nn_matrix_new(rows, p);
        } else {
            net->out[l] = net->A[l];        /* a view: no dropout, nothing to copy */
        }
    }
    net->capacity = rows;
}

void nn_network_free(nn_network *net)
{
    if (!net) return;
    free_caches(net);
    free(net->Z); free(net->A); free(net->mask); free(net->out); free(net->dA); free(net->dZ);
    free(net->params);
    free(net->grads);
    free(net->layers);
    free(net);
}

void nn_network_init(nn_network *net, nn_init weights, nn_init biases, nn_rng *rng)
{
    for (int l = 0; l < net->n_layers; l++) {
        nn_dense *layer = &net->layers[l];
        nn_init_fill(weights, layer->W, layer->in, layer->out, rng);
        nn_init_fill(biases, layer->b, layer->in, layer->out, rng);
    }
}

void nn_network_set_layer(nn_network *net, int l, nn_matrix W, nn_matrix b)
{
    if (l < 0 || l >= net->n_layers) {
        fprintf(stderr, "nn_network_set_layer: layer %d of a network of %d layers (0..%d)\n", l,
                net->n_layers, net->n_layers - 1);
        abort();
    }
    nn_dense *layer = &net->layers[l];
    check_rows_cols(W, layer->out, layer->in, "W", "nn_network_set_layer");
    check_rows_cols(b, 1, layer->out, "b", "nn_network_set_layer");
    nn_matrix_copy(layer->W, W);
    nn_matrix_copy(layer->b, b);
}

void nn_network_zero_grad(nn_network *net)
{
    nn_matrix_fill(nn_matrix_view(net->grads, 1, (int)net->n_params), 0);
}

/* ---- Forward and backward through the network ------------------------------------- */

/* The first n rows of a cache. */
static nn_matrix rows_of(nn_matrix cache, int n) { return nn_matrix_row_range(cache, 0, n); }

/* What layer l reads: X for the first layer, the previous layer's output otherwise. */
static nn_matrix layer_input(const nn_network *net, nn_matrix X, int l)
{
    return l == 0 ? X : rows_of(net->out[l - 1], X.rows);
}

/* Inverted dropout on layer l's output A (n×p):
 *   mask_ij = 1/(1 − p) with probability 1 − p, else 0;   out = A ⊙ mask,
 * so E[out] = A and inference needs no rescaling. Drawn serially in row-major order from
 * `rng`, so the mask depends on the seed alone. Without rng (inference) mask = 1. */
static void dropout_forward(nn_real p, nn_matrix A, nn_matrix mask, nn_matrix out, nn_rng *rng)
{
    size_t size = nn_matrix_size(A);
    nn_real keep = 1 - p, scale = 1 / keep;
    for (size_t i = 0; i < size; i++) {
        if (rng == NULL) mask.data[i] = 1;
        else mask.data[i] = nn_rng_uniform01(rng) < keep ? scale : 0;
        out.data[i] = A.data[i] * mask.data[i];
    }
}

/* ∂L/∂A = ∂L/∂out ⊙ mask (in place in dA). */
static void dropout_backward(nn_matrix mask, nn_matrix dA)
{
    size_t size = nn_matrix_size(dA);
    for (size_t i = 0; i < size; i++) dA.data[i] *= mask.data[i];
}

nn_matrix nn_network_forward(nn_network *net, nn_matrix X, nn_rng *dropout_rng)
{
    check_rows_cols(X, X.rows, net->n_inputs, "X", "nn_network_forward");
    ensure_capacity(net, X.rows);
    int n = X.rows;
    for (int l = 0; l < net->n_layers; l++) {
        nn_matrix A = rows_of(net->A[l], n);
        nn_dense_forward(&net->layers[l], layer_input(net, X, l), rows_of(net->Z[l], n), A);
        if (has_dropout(net, l))
            dropout_forward(net->layers[l].dropout, A, rows_of(net->mask[l], n),
                            rows_of(net->out[l], n), dropout_rng);
    }
    return rows_of(net->out[net->n_layers - 1], n);
}

/* dA_L = dOut, then for l = L..1: undo the dropout mask, then the dense backward, whose
 * dX is the previous layer's dA (or the caller's dX for the first layer). */
static void backward_layers(nn_network *net, nn_matrix X, nn_matrix dOut, nn_matrix dX,
                            nn_grad_mode mode)
{
    int n = X.rows, last = net->n_layers - 1;
    if (n > net->capacity) {
        fprintf(stderr, "nn_network_backward: batch of %d rows but the last forward saw at most "
                "%d: call nn_network_forward on the same X first\n", n, net->capacity);
        abort();
    }
    check_rows_cols(dOut, n, net->layers[last].out, "dOut", "nn_network_backward");
    nn_matrix dA_last = rows_of(net->dA[last], n);
    if (dOut.data != dA_last.data) nn_matrix_copy(dA_last, dOut);   /* loss_grad writes it there */
    for (int l = last; l >= 0; l--) {
        nn_matrix dA = rows_of(net->dA[l], n);
        if (has_dropout(net, l)) dropout_backward(rows_of(net->mask[l], n), dA);
        nn_matrix dPrev = l > 0 ? rows_of(net->dA[l - 1], n) : dX;
        if (l == 0 && dX.data) check_rows_cols(dX, n, net->n_inputs, "dX", "nn_network_backward");
        nn_dense_backward(&net->layers[l], layer_input(net, X, l), rows_of(net->Z[l], n),
                          rows_of(net->A[l], n), dA, rows_of(net->dZ[l], n), dPrev, mode);
    }
}

void nn_network_backward(nn_network *net, nn_matrix X, nn_matrix dOut, nn_matrix dX)
{
    backward_layers(net, X, dOut, dX, NN_GRAD_ADD);
}

/* ---- L2 weight decay ---------------------------------------------------------------- */

/* Penalty (λ/2) Σ_l ‖W_l‖²_F, summed layer by layer in order (deterministic dots).
 * Without decay (λ = 0) it is 0 and the dots are skipped: they cost 7% of a training
 * step of a 784-128-10 network (make bench's profile). */
nn_real nn_network_weight_penalty(const nn_network *net)
{
    if (net->weight_decay == 0) return 0;
    nn_real sum = 0;
    for (int l = 0; l < net->n_layers; l++) sum += nn_dot(net->layers[l].W, net->layers[l].W);
    return net->weight_decay / 2 * sum;
}

/* Its gradient: ∂/∂W_l (λ/2)‖W_l‖² = λ W_l, added into dW_l. Biases are not decayed. */
void nn_network_add_weight_decay_grad(nn_network *net)
{
    if (net->weight_decay == 0) return;
    for (int l = 0; l < net->n_layers; l++)
        nn_axpy(net->weight_decay, net->layers[l].W, net->layers[l].dW);
}

/* One training step's gradient: L = loss(f(X), Y) + (λ/2) Σ‖W‖², grads = ∂L/∂θ. The loss
 * gradient is written straight into the last layer's dA cache, which backward then reads
 * in place (no buffer of its own, so nothing is allocated). Backward overwrites the
 * gradients instead of adding into zeroed ones: the same numbers, without a pass that
 * cleared 100k of them each step (3-6% of a 784-128-10 step, make bench's profile). */
nn_real nn_network_loss_grad(nn_network *net, nn_matrix X, nn_matrix Y, nn_loss loss,
                             nn_rng *dropout_rng)
{
    nn_matrix output = nn_network_forward(net, X, dropout_rng);
    nn_real L = nn_loss_forward(loss, output, Y) + nn_network_weight_penalty(net);
    nn_matrix dOut = rows_of(net->dA[net->n_layers - 1], X.rows);
    nn_loss_backward(loss, output, Y, dOut);
    backward_layers(net, X, dOut, nn_matrix_view(NULL, 0, 0), NN_GRAD_OVERWRITE);
    nn_network_add_weight_decay_grad(net);
    return L;
}
