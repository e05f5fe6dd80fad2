/* Part 5. Vanishing gradients.
 *
 * The backward recursion multiplies, layer after layer, by Wᵀ and by f'(Z):
 *     dA_{l−1} = (f'(Z_l) ⊙ dA_l) W_l,      dW_l = (f'(Z_l) ⊙ dA_l)ᵀ A_{l−1}.
 * σ' ≤ 1/4, so through a sigmoid layer whose weights keep the signal's scale, the
 * gradient shrinks by about 4 per layer: ten layers, a factor ~10⁶. ReLU's derivative is
 * 1 on the active half, and He's initialisation (variance 2/fan_in) compensates the
 * half that is off, so the gradient keeps its size.
 *
 * Three 10-layer, width-32 networks on the same batch (64 examples, 32 features drawn
 * N(0, 1), regression targets N(0, 1), MSE, linear output of 1 unit, zero biases):
 *   sigmoid + Glorot uniform  (the init designed for it)
 *   sigmoid + He normal       (the same init as ReLU: sigmoid still vanishes)
 *   relu    + He normal       (the init designed for it) */
#include "backprop.h"

static void random_batch(nn_matrix X, nn_matrix Y, nn_rng *rng)
{
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_normal(rng, 0, 1);
    for (size_t i = 0; i < nn_matrix_size(Y); i++) Y.data[i] = nn_rng_normal(rng, 0, 1);
}

static void one_config(deep_gradients *cfg, nn_matrix X, nn_matrix Y, uint64_t seed)
{
    nn_layer_spec spec[DEEP_LAYERS + 1];
    for (int l = 0; l < DEEP_LAYERS; l++) {
        spec[l].units = DEEP_WIDTH;
        spec[l].act = nn_activation_make(cfg->act);
        spec[l].dropout = 0;
    }
    spec[DEEP_LAYERS].units = 1;
    spec[DEEP_LAYERS].act = nn_activation_make(NN_IDENTITY);
    spec[DEEP_LAYERS].dropout = 0;
    nn_network *net = nn_network_new(DEEP_WIDTH, DEEP_LAYERS + 1, spec);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_network_init(net, nn_init_make(cfg->init, 0, 0), nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    nn_network_loss_grad(net, X, Y, nn_loss_make(NN_LOSS_MSE), NULL);
    for (int l = 0; l <= DEEP_LAYERS; l++)
        cfg->grad_norm[l] = sqrt(nn_dot(net->layers[l].dW, net->layers[l].dW));
    nn_network_free(net);
}

void deep_gradient_norms(deep_gradients cfg[DEEP_CONFIGS], uint64_t seed)
{
    const deep_gradients configs[DEEP_CONFIGS] = {
        { "sigmoid_glorot", NN_SIGMOID, NN_INIT_GLOROT_UNIFORM, { 0 } },
        { "sigmoid_he", NN_SIGMOID, NN_INIT_HE_NORMAL, { 0 } },
        { "relu_he", NN_RELU, NN_INIT_HE_NORMAL, { 0 } },
    };
    nn_matrix X = nn_matrix_new(DEEP_BATCH, DEEP_WIDTH), Y = nn_matrix_new(DEEP_BATCH, 1);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    random_batch(X, Y, &rng);
    for (int c = 0; c < DEEP_CONFIGS; c++) {
        cfg[c] = configs[c];
        one_config(&cfg[c], X, Y, seed + 1);        /* every config: the same weight stream */
    }
    nn_matrix_free(&X);
    nn_matrix_free(&Y);
}
