/* Part 1. The 2-2-1 network of the source, every number by hand.
 *
 *   z1 = W1 x + b1,  a1 = σ(z1)          (two hidden units)
 *   z2 = W2·a1 + b2, ŷ = σ(z2)           (one output, a probability)
 *   L  = −y log ŷ − (1 − y) log(1 − ŷ)   (binary cross-entropy)
 *
 * Backward, one chain rule at a time:
 *   δ2 = ∂L/∂z2 = ŷ − y                  (BCE's 1/(ŷ(1−ŷ)) cancels σ' = ŷ(1 − ŷ))
 *   ∂L/∂W2_j = δ2 a1_j,   ∂L/∂b2 = δ2
 *   ∂L/∂a1_j = W2_j δ2
 *   δ1_j = ∂L/∂z1_j = W2_j δ2 · a1_j(1 − a1_j)
 *   ∂L/∂W1_jk = δ1_j x_k,  ∂L/∂b1_j = δ1_j
 * Written with scalars on purpose: no loop hides a term. */
#include "backprop.h"

void hand_network_example(hand_network *h)
{
    const hand_network example = {
        .x = { 1.0, 0.5 }, .y = 1,
        .W1 = { { 0.3, -0.2 }, { 0.8, 0.4 } }, .b1 = { 0.1, -0.3 },
        .W2 = { 0.6, -0.5 }, .b2 = 0.2,
    };
    *h = example;
}

/* course:begin hand-forward */
void hand_forward(hand_network *h)
{
    h->z1[0] = h->W1[0][0] * h->x[0] + h->W1[0][1] * h->x[1] + h->b1[0];
    h->z1[1] = h->W1[1][0] * h->x[0] + h->W1[1][1] * h->x[1] + h->b1[1];
    h->a1[0] = nn_sigmoid(h->z1[0]);
    h->a1[1] = nn_sigmoid(h->z1[1]);
    h->z2 = h->W2[0] * h->a1[0] + h->W2[1] * h->a1[1] + h->b2;
    h->yhat = nn_sigmoid(h->z2);
    h->loss = -h->y * log(h->yhat) - (1 - h->y) * log(1 - h->yhat);
}
/* course:end hand-forward */

/* course:begin hand-backward */
void hand_backward(hand_network *h)
{
    h->delta2 = h->yhat - h->y;                         /* ∂L/∂z2 */
    h->dW2[0] = h->delta2 * h->a1[0];                   /* ∂L/∂W2_j = δ2 a1_j */
    h->dW2[1] = h->delta2 * h->a1[1];
    h->db2 = h->delta2;
    for (int j = 0; j < 2; j++) {
        h->da1[j] = h->W2[j] * h->delta2;               /* ∂L/∂a1_j */
        h->delta1[j] = h->da1[j] * h->a1[j] * (1 - h->a1[j]); /* ∂L/∂z1_j */
        h->dW1[j][0] = h->delta1[j] * h->x[0];          /* ∂L/∂W1_jk = δ1_j x_k */
        h->dW1[j][1] = h->delta1[j] * h->x[1];
        h->db1[j] = h->delta1[j];
    }
}
/* course:end hand-backward */

void hand_gradient_flat(const hand_network *h, nn_real grads[9])
{
    const nn_real flat[9] = { h->dW1[0][0], h->dW1[0][1], h->dW1[1][0], h->dW1[1][1],
                              h->db1[0], h->db1[1], h->dW2[0], h->dW2[1], h->db2 };
    for (int i = 0; i < 9; i++) grads[i] = flat[i];
}

nn_network *hand_library_twin(void)
{
    const nn_layer_spec spec[2] = { { 2, nn_activation_make(NN_SIGMOID), 0 },
                                    { 1, nn_activation_make(NN_SIGMOID), 0 } };
    return nn_network_new(2, 2, spec);
}

/* The library's way: a 2-2-1 nn_network, the same nine numbers copied into its flat
 * parameter block, one call to nn_network_loss_grad. */
nn_real library_loss_grad(const hand_network *h, nn_real grads[9])
{
    nn_network *net = hand_library_twin();
    const nn_real params[9] = { h->W1[0][0], h->W1[0][1], h->W1[1][0], h->W1[1][1],
                                h->b1[0], h->b1[1], h->W2[0], h->W2[1], h->b2 };
    for (int i = 0; i < 9; i++) net->params[i] = params[i];
    nn_real xdata[2] = { h->x[0], h->x[1] }, ydata[1] = { h->y };
    nn_real loss = nn_network_loss_grad(net, nn_matrix_view(xdata, 1, 2), nn_matrix_view(ydata, 1, 1),
                                        nn_loss_make(NN_LOSS_BCE), NULL);
    for (int i = 0; i < 9; i++) grads[i] = net->grads[i];
    nn_network_free(net);
    return loss;
}
