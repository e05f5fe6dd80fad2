/* Chapter 2's claims about network structure, checked on the library directly.
 *
 * [C2.1] Parameter counts. A layer d → p has p·d weights and p biases, so a d_0-d_1-...-d_L
 *        network has Σ_l d_l (d_{l−1} + 1). The expected numbers are the source's own
 *        (2-2-1 → 9; the 2-5-3 network of its slides → 15 + 18 = 33; 784-n-10 →
 *        784n + n + 10n + 10 = 795n + 10), plus 2-5-3-1 → 33 + 4 = 37; each is compared with
 *        nn_network_param_count and with the sizes of the layers' W and b.
 * [C2.2] Linear layers collapse: a stack of identity-activation layers equals the single
 *        layer W = W3 W2 W1, b = W3 (W2 b1 + b2) + b3. The test folds the weights with its
 *        own loops (no library product) and compares the single layer's outputs with
 *        nn_network_forward on random inputs. */
#include "nn.h"
#include "tap.h"

#include <stdlib.h>

static nn_network *network_of(int n_inputs, int n_layers, const int *units, nn_activation_kind act)
{
    nn_layer_spec spec[4];
    for (int l = 0; l < n_layers; l++) {
        nn_activation_kind a = l == n_layers - 1 ? NN_IDENTITY : act;
        spec[l] = (nn_layer_spec){ units[l], nn_activation_make(a), 0 };
    }
    return nn_network_new(n_inputs, n_layers, spec);
}

/* Counted three ways: the library's count, its flat block, and the views' sizes. */
static void check_count(const char *name, int n_inputs, int n_layers, const int *units,
                        size_t expected, const char *why)
{
    nn_network *net = network_of(n_inputs, n_layers, units, NN_SIGMOID);
    size_t views = 0;
    for (int l = 0; l < n_layers; l++)
        views += nn_matrix_size(net->layers[l].W) + nn_matrix_size(net->layers[l].b);
    size_t counted = nn_network_param_count(net);
    tap_ok(counted == expected && net->n_params == expected && views == expected,
           "[C2.1] %s has %s = %zu parameters: nn_network_param_count %zu, n_params %zu, W and b views %zu",
           name, why, expected, counted, net->n_params, views);
    nn_network_free(net);
}

/* out (rows×inner2) = A (rows×inner) · B (inner×inner2), plain loops. */
static void product(const nn_real *A, const nn_real *B, nn_real *out, int rows, int inner, int cols)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            nn_real s = 0;
            for (int k = 0; k < inner; k++) s += A[i * inner + k] * B[k * cols + j];
            out[i * cols + j] = s;
        }
}

static void check_collapse(void)
{
    enum { D = 3, P1 = 5, P2 = 4, P3 = 2, N = 500 };
    nn_network *net = network_of(D, 3, (int[]){ P1, P2, P3 }, NN_IDENTITY);
    nn_rng rng;
    nn_rng_seed(&rng, 2);
    nn_init normal = nn_init_make(NN_INIT_NORMAL, 0, 1);
    nn_network_init(net, normal, normal, &rng);
    const nn_dense *L = net->layers;

    /* W = W3 (W2 W1), b = W3 (W2 b1 + b2) + b3, with b's as column vectors */
    nn_real W21[P2 * D], W[P3 * D], c2[P2], c3[P3];
    product(L[1].W.data, L[0].W.data, W21, P2, P1, D);
    product(L[2].W.data, W21, W, P3, P2, D);
    product(L[1].W.data, L[0].b.data, c2, P2, P1, 1);
    for (int i = 0; i < P2; i++) c2[i] += L[1].b.data[i];
    product(L[2].W.data, c2, c3, P3, P2, 1);
    for (int i = 0; i < P3; i++) c3[i] += L[2].b.data[i];

    nn_matrix X = nn_matrix_new(N, D);
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_normal(&rng, 0, 3);
    nn_matrix Y = nn_network_forward(net, X, NULL);
    nn_real worst = 0, size = 0;
    int worst_i = 0, worst_j = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < P3; j++) {
            nn_real one = c3[j];
            for (int k = 0; k < D; k++) one += W[j * D + k] * NN_AT(X, i, k);
            nn_real d = fabs(one - NN_AT(Y, i, j));
            if (d > worst) { worst = d; worst_i = i; worst_j = j; }
            if (fabs(one) > size) size = fabs(one);
        }
    /* Both sides sum the same products in a different order: rounding of a few ulps of
     * the largest intermediate (|W|·|x| sums of ~10²). */
    nn_real tol = 1e3 * NN_REAL_EPSILON * (size > 1 ? size : 1);
    if (!tap_ok(worst <= tol, "[C2.2] 3-5-4-2 identity layers = one layer W = W3 W2 W1, b = W3(W2 b1 + b2) + b3 "
                "on %d inputs: max abs diff %.2g (outputs up to %.3g, tol %.1g)", N, (double)worst,
                (double)size, (double)tol))
        tap_diag("worst at input %d, output %d", worst_i, worst_j);
    nn_matrix_free(&X);
    nn_network_free(net);
}

int main(void)
{
    tap_plan(6 + 1);
    check_count("2-2-1", 2, 2, (int[]){ 2, 1 }, 9, "2*(2+1) + 1*(2+1) = 6 + 3");
    check_count("2-5-3 (the source's count)", 2, 2, (int[]){ 5, 3 }, 33, "5*(2+1) + 3*(5+1) = 15 + 18");
    check_count("2-5-3-1", 2, 3, (int[]){ 5, 3, 1 }, 37, "15 + 18 + 1*(3+1)");
    const int widths[] = { 1, 100, 256 };
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "784-%d-10", widths[i]);
        check_count(name, 784, 2, (int[]){ widths[i], 10 }, 795 * (size_t)widths[i] + 10,
                    "784n + n + 10n + 10 = 795n + 10");
    }
    check_collapse();
    return tap_done();
}
