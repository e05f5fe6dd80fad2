/* Losses L(Ŷ, Y) = (1/n) Σ_i ℓ(ŷ_i, y_i) over the n rows of a batch, and their gradients
 * dŶ = ∂L/∂Ŷ (the 1/n included). The table is in nn_loss.h; here each ℓ sits directly above
 * its derivative. Ŷ, Y and dŶ are n×q.
 *
 * The mean is deterministic (nn_parallel.h, rule 2): the rows are cut into chunks by n
 * alone, each chunk's row losses are summed serially into its slot of a stack array, and
 * the slots are added in order. The gradient writes each row from one thread. No call
 * allocates. */
#include "nn_loss.h"
#include "nn_activation.h"
#include "nn_parallel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nn_names.h"

static const char *const loss_names[NN_LOSS_COUNT] = {
    "mse", "mae", "huber", "bce", "bce_logits", "softmax_ce", "logistic", "exponential",
    "hinge", "squared_hinge", "perceptron"
};

nn_loss nn_loss_make(nn_loss_kind kind)
{
    nn_loss loss = { kind, kind == NN_LOSS_HUBER ? 1 : 0 };
    return loss;
}

const char *nn_loss_name(nn_loss_kind kind)
{
    return nn_name_of(loss_names, NN_LOSS_COUNT, (int)kind);
}

int nn_loss_from_name(const char *name, nn_loss_kind *kind)
{
    int k = nn_name_index(loss_names, NN_LOSS_COUNT, name);
    if (k < 0) return -1;
    *kind = (nn_loss_kind)k;
    return 0;
}

/* ---- Margin losses: φ(m), m = y·s, y ∈ {−1,+1} ------------------------------------- */

/* logistic φ = log(1 + e^{−m}) = softplus(−m); exponential φ = e^{−m};
 * hinge φ = max(0, 1 − m); squared hinge φ = max(0, 1 − m)²; perceptron φ = max(0, −m). */
nn_real nn_margin_loss(nn_loss_kind kind, nn_real m)
{
    nn_real slack = 1 - m > 0 ? 1 - m : 0;
    switch (kind) {
    case NN_LOSS_LOGISTIC:      return nn_softplus(-m);
    case NN_LOSS_EXPONENTIAL:   return exp(-m);
    case NN_LOSS_HINGE:         return slack;
    case NN_LOSS_SQUARED_HINGE: return slack * slack;
    case NN_LOSS_PERCEPTRON:    return m < 0 ? -m : 0;
    default: break;
    }
    fprintf(stderr, "nn_margin_loss: %s is not a margin loss\n", nn_loss_name(kind));
    abort();
}

/* logistic φ' = −σ(−m); exponential φ' = −e^{−m}; hinge φ' = −1 if m < 1 else 0 (0 at the
 * kink); squared hinge φ' = −2 max(0, 1 − m); perceptron φ' = −1 if m < 0 else 0 (0 at the
 * kink, as the hinge). */
static nn_real margin_loss_derivative(nn_loss_kind kind, nn_real m)
{
    switch (kind) {
    case NN_LOSS_LOGISTIC:      return -nn_sigmoid(-m);
    case NN_LOSS_EXPONENTIAL:   return -exp(-m);
    case NN_LOSS_HINGE:         return m < 1 ? -1 : 0;
    case NN_LOSS_PERCEPTRON:    return m < 0 ? -1 : 0;
    default:                    return m < 1 ? -2 * (1 - m) : 0;   /* squared hinge */
    }
}

/* The 0-1 loss 1[m ≤ 0] that the margin losses bound from above. */
nn_real nn_zero_one_loss(nn_real m) { return m <= 0 ? 1 : 0; }

/* A margin loss's label must be −1 or +1: anything else (0/1 labels) is a programming error. */
static nn_real margin_label(nn_loss_kind kind, nn_real y)
{
    if (y != 1 && y != -1) {
        fprintf(stderr, "%s loss: label %g is not -1 or +1 (margin losses take y in {-1,+1})\n",
                nn_loss_name(kind), (double)y);
        abort();
    }
    return y;
}

/* ---- One output component's term, for the losses that sum over components ---------- */

/* mse (ŷ − y)²; mae |ŷ − y|; huber h_δ(ŷ − y); bce −[y log p + (1−y) log(1−p)] with
 * 0·log 0 = 0; bce_logits softplus(z) − yz; margin φ(y·s). */
static nn_real loss_term(nn_loss loss, nn_real yhat, nn_real y)
{
    nn_real r = yhat - y, a = fabs(r);
    switch (loss.kind) {
    case NN_LOSS_MSE:        return r * r;
    case NN_LOSS_MAE:        return a;
    case NN_LOSS_HUBER:      return a <= loss.delta ? r * r / 2 : loss.delta * (a - loss.delta / 2);
    case NN_LOSS_BCE:        return -((y != 0 ? y * log(yhat) : 0)
                                      + (y != 1 ? (1 - y) * log1p(-yhat) : 0));
    case NN_LOSS_BCE_LOGITS: return nn_softplus(yhat) - y * yhat;
    default:                 return nn_margin_loss(loss.kind, margin_label(loss.kind, y) * yhat);
    }
}

/* ∂/∂ŷ: mse 2(ŷ − y); mae sign(ŷ − y) (0 at 0); huber r if |r| ≤ δ else δ sign(r);
 * bce −y/p + (1−y)/(1−p) (a zero-weight term contributes nothing); bce_logits σ(z) − y;
 * margin y φ'(y·s). */
static nn_real loss_term_derivative(nn_loss loss, nn_real yhat, nn_real y)
{
    nn_real r = yhat - y, sign = (nn_real)((r > 0) - (r < 0));
    switch (loss.kind) {
    case NN_LOSS_MSE:        return 2 * r;
    case NN_LOSS_MAE:        return sign;
    case NN_LOSS_HUBER:      return fabs(r) <= loss.delta ? r : loss.delta * sign;
    case NN_LOSS_BCE:        return (y != 0 ? -y / yhat : 0) + (y != 1 ? (1 - y) / (1 - yhat) : 0);
    case NN_LOSS_BCE_LOGITS: return nn_sigmoid(yhat) - y;
    default: {
        nn_real label = margin_label(loss.kind, y);
        return label * margin_loss_derivative(loss.kind, label * yhat);
    }
    }
}

/* ---- A batch: rows of Ŷ with either target rows Y or class indices ----------------- */

typedef struct {
    nn_loss loss;
    nn_matrix Yhat, Y;      /* Y unused when labels is set */
    const int *labels;      /* softmax cross-entropy with class indices, else NULL */
} loss_batch;

static int row_label(const loss_batch *b, int i)
{
    int label = b->labels[i];
    if (label < 0 || label >= b->Yhat.cols) {
        fprintf(stderr, "softmax cross-entropy: label %d of row %d is outside 0..%d\n",
                label, i, b->Yhat.cols - 1);
        abort();
    }
    return label;
}

/* ℓ of row i: softmax CE lse(z) − Σ_j y_j z_j (with an index: lse(z) − z_label), else the
 * sum of the terms. */
static nn_real row_loss(const loss_batch *b, int i)
{
    const nn_real *yhat = &NN_AT(b->Yhat, i, 0);
    int q = b->Yhat.cols;
    if (b->labels) return nn_logsumexp_row(yhat, q) - yhat[row_label(b, i)];
    const nn_real *y = &NN_AT(b->Y, i, 0);
    nn_real l = 0;
    if (b->loss.kind == NN_LOSS_SOFTMAX_CE) {
        l = nn_logsumexp_row(yhat, q);
        for (int j = 0; j < q; j++) l -= y[j] * yhat[j];
        return l;
    }
    for (int j = 0; j < q; j++) l += loss_term(b->loss, yhat[j], y[j]);
    return l;
}

/* ∂ℓ/∂ŷ of row i, times scale (= 1/n), into dyhat. Softmax CE: ∂ℓ/∂z_k = S_k Σ_j y_j − y_k,
 * which is softmax(z) − y for a distribution y (Σ y = 1, one-hot in particular); with an
 * index, softmax(z) − onehot(label). */
static void row_gradient(const loss_batch *b, int i, nn_real scale, nn_real *dyhat)
{
    const nn_real *yhat = &NN_AT(b->Yhat, i, 0);
    int q = b->Yhat.cols;
    if (b->labels || b->loss.kind == NN_LOSS_SOFTMAX_CE) {
        nn_softmax_row(yhat, dyhat, q);
        if (b->labels) {
            dyhat[row_label(b, i)] -= 1;
        } else {
            const nn_real *y = &NN_AT(b->Y, i, 0);
            nn_real mass = 0;
            for (int j = 0; j < q; j++) mass += y[j];
            for (int j = 0; j < q; j++) dyhat[j] = dyhat[j] * mass - y[j];
        }
        for (int j = 0; j < q; j++) dyhat[j] *= scale;
        return;
    }
    const nn_real *y = &NN_AT(b->Y, i, 0);
    for (int j = 0; j < q; j++) dyhat[j] = scale * loss_term_derivative(b->loss, yhat[j], y[j]);
}

/* Σ_{i in [lo, hi)} ℓ_i: one chunk of rows. */
static nn_real rows_loss(size_t lo, size_t hi, const void *ctx)
{
    nn_real s = 0;
    for (size_t i = lo; i < hi; i++) s += row_loss(ctx, (int)i);
    return s;
}

/* L = (1/n) Σ_i ℓ_i, summed by fixed chunks of rows (nn_parallel.h, rule 2). */
static nn_real batch_mean(const loss_batch *b)
{
    int n = b->Yhat.rows;
    return n == 0 ? 0 : nn_reduce_chunked((size_t)n, rows_loss, b) / (nn_real)n;
}

/* dŶ = ∂L/∂Ŷ, each row by one thread. */
static void batch_gradient(const loss_batch *b, nn_matrix dYhat)
{
    int n = b->Yhat.rows;
    nn_real scale = 1 / (nn_real)(n > 0 ? n : 1);
    double forked = nn_fork_loop(nn_matrix_size(b->Yhat));
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int i = 0; i < n; i++) row_gradient(b, i, scale, &NN_AT(dYhat, i, 0));
    nn_join_loop(forked, nn_matrix_size(b->Yhat));
}

/* ---- The API ------------------------------------------------------------------------ */

nn_real nn_loss_forward(nn_loss loss, nn_matrix Yhat, nn_matrix Y)
{
    nn_matrix_check_same_shape(Yhat, Y, "nn_loss_forward (Yhat, Y)");
    loss_batch b = { loss, Yhat, Y, NULL };
    return batch_mean(&b);
}

void nn_loss_backward(nn_loss loss, nn_matrix Yhat, nn_matrix Y, nn_matrix dYhat)
{
    nn_matrix_check_same_shape(Yhat, Y, "nn_loss_backward (Yhat, Y)");
    nn_matrix_check_same_shape(Yhat, dYhat, "nn_loss_backward (Yhat, dYhat)");
    loss_batch b = { loss, Yhat, Y, NULL };
    batch_gradient(&b, dYhat);
}

nn_real nn_loss_cross_entropy_index_forward(nn_matrix Z, const int *labels)
{
    loss_batch b = { nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, Z, labels };
    return batch_mean(&b);
}

void nn_loss_cross_entropy_index_backward(nn_matrix Z, const int *labels, nn_matrix dZ)
{
    nn_matrix_check_same_shape(Z, dZ, "nn_loss_cross_entropy_index_backward (Z, dZ)");
    loss_batch b = { nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, Z, labels };
    batch_gradient(&b, dZ);
}
