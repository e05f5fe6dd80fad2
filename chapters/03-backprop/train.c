/* Part 6. Train with your own gradients.
 *
 * The source ends its backpropagation lecture with a 2-h-1 classifier in numpy: sigmoid
 * hidden units, a sigmoid output, binary cross-entropy, weights and biases uniform on
 * [−1, 1), and a loop of forward, backward and a gradient step. Here it is with h = 2 (the
 * source's own call, Classifieur(nhidden = 2)), so that its network is exactly the 2-2-1
 * network of §3.3: the gradient of each step is computed by hand.c's hand_forward and
 * hand_backward, example by example, averaged over the batch (L is the mean loss), and
 * the parameters θ = (W1, b1, W2, b2) move by plain gradient descent, θ ← θ − λ∇L.
 *
 * Two differences from the source, both said in the text: the whole training set is the
 * batch at every step (the source draws 20% of it at random; drawing batches is chapter
 * 5's subject), and the gradient is the mean over the batch rather than the sum (so λ
 * does not depend on the batch size).
 *
 * At every step the same gradient is also computed by the library (nn_network_loss_grad
 * on a 2-2-1 nn_network holding θ), and the largest difference is recorded: claim [C3.9]. */
#include "backprop.h"

/* θ in the library's layout (W1 row-major, b1, W2, b2) into the hand network's fields. */
void hand_set_parameters(hand_network *h, const nn_real theta[HAND_PARAMS])
{
    h->W1[0][0] = theta[0]; h->W1[0][1] = theta[1];
    h->W1[1][0] = theta[2]; h->W1[1][1] = theta[3];
    h->b1[0] = theta[4]; h->b1[1] = theta[5];
    h->W2[0] = theta[6]; h->W2[1] = theta[7];
    h->b2 = theta[8];
}

/* course:begin batch-gradient */
/* L = (1/n) Σ_i ℓ_i over the n examples, so ∇L = (1/n) Σ_i ∇ℓ_i: §3.3's forward and
 * backward once per example, the nine gradients averaged. Returns L. */
nn_real hand_batch_gradient(hand_network *h, nn_matrix X, nn_matrix Y, nn_real grad[HAND_PARAMS])
{
    nn_real L = 0, g[HAND_PARAMS];
    for (int k = 0; k < HAND_PARAMS; k++) grad[k] = 0;
    for (int i = 0; i < X.rows; i++) {
        h->x[0] = NN_AT(X, i, 0);
        h->x[1] = NN_AT(X, i, 1);
        h->y = NN_AT(Y, i, 0);
        hand_forward(h);
        hand_backward(h);
        hand_gradient_flat(h, g);
        for (int k = 0; k < HAND_PARAMS; k++) grad[k] += g[k] / X.rows;
        L += h->loss / X.rows;
    }
    return L;
}
/* course:end batch-gradient */

/* The largest |difference| between grad and the library's gradient at θ on the batch. */
static nn_real gap_to_library(nn_network *net, const nn_real theta[HAND_PARAMS], nn_matrix X,
                              nn_matrix Y, const nn_real grad[HAND_PARAMS])
{
    for (int k = 0; k < HAND_PARAMS; k++) net->params[k] = theta[k];
    nn_network_loss_grad(net, X, Y, nn_loss_make(NN_LOSS_BCE), NULL);
    return max_abs_diff(grad, net->grads, HAND_PARAMS);
}

void train_plain(const nn_dataset *data, nn_real lr, int steps, nn_rng *rng, plain_run *r)
{
    nn_real theta[HAND_PARAMS], grad[HAND_PARAMS];
    for (int k = 0; k < HAND_PARAMS; k++) theta[k] = nn_rng_uniform(rng, -1, 1);  /* as the source */
    for (int k = 0; k < HAND_PARAMS; k++) r->start[k] = theta[k];
    hand_network h;
    hand_network_example(&h);
    nn_network *twin = hand_library_twin();
    nn_matrix X = data->X, Y = data->Y;
    r->worst_gap = 0;
    /* course:begin plain_loop */
    for (int t = 0; t < steps; t++) {
        hand_set_parameters(&h, theta);
        nn_real L = hand_batch_gradient(&h, X, Y, grad);           /* forward, loss, backward */
        r->loss[t] = L;
        r->gap[t] = gap_to_library(twin, theta, X, Y, grad);      /* [C3.9]: the library agrees */
        for (int k = 0; k < HAND_PARAMS; k++) theta[k] -= lr * grad[k];   /* θ ← θ − λ∇L */
    }
    /* course:end plain_loop */
    for (int t = 0; t < steps; t++) r->worst_gap = fmax(r->worst_gap, r->gap[t]);
    for (int k = 0; k < HAND_PARAMS; k++) r->theta[k] = theta[k];
    hand_set_parameters(&h, theta);
    r->final_loss = hand_batch_gradient(&h, X, Y, grad);
    r->accuracy = 0;
    for (int i = 0; i < X.rows; i++) {
        h.x[0] = NN_AT(X, i, 0);
        h.x[1] = NN_AT(X, i, 1);
        hand_forward(&h);
        r->accuracy += (h.yhat >= NN_R(0.5)) == (NN_AT(Y, i, 0) == 1);
    }
    r->accuracy /= X.rows;
    nn_network_free(twin);
}
