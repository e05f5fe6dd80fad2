/* Networks built, not trained: every weight below is written down from a proof and stored
 * with nn_network_set_layer, so each network is an ordinary nn_network, evaluated by the
 * same forward pass as a trained one. */
#include "universal.h"

#include <stdlib.h>

static nn_network *relu_network(int n_inputs, int n_layers, const int *units)
{
    nn_layer_spec spec[32];
    for (int l = 0; l < n_layers; l++)
        spec[l] = (nn_layer_spec){ units[l], nn_activation_make(l + 1 < n_layers ? NN_RELU : NN_IDENTITY), 0 };
    return nn_network_new(n_inputs, n_layers, spec);
}

/* Sets layer l from W (rows×cols, row-major) and b (rows). */
static void set_layer(nn_network *net, int l, nn_real *W, nn_real *b)
{
    const nn_dense *layer = &net->layers[l];
    nn_network_set_layer(net, l, nn_matrix_view(W, layer->out, layer->in), nn_matrix_view(b, 1, layer->out));
}

/* ---- One variable: the piecewise-linear interpolant ------------------------------ */

/* course:begin interpolant */
/* On piece i, [x_{i−1}, x_i], the interpolant has slope S_i = (y_i − y_{i−1})/(x_i − x_{i−1}).
 * Unit i computes (x − x_{i−1})₊ (weight 1, bias −x_{i−1}) and is 0 left of x_{i−1}, so
 * at x_{i−1} the sum's slope changes by its output weight S_i − S_{i−1} (S_0 = 0), and
 * the output bias y_0 is the value at x_0:
 *   g(x) = y_0 + Σ_{i=1}^{N} (S_i − S_{i−1}) (x − x_{i−1})₊. */
nn_network *build_interpolant(const nn_real *x, const nn_real *y, int N)
{
    nn_network *net = relu_network(1, 2, (int[]){ N, 1 });
    nn_real *W1 = malloc(N * sizeof *W1), *b1 = malloc(N * sizeof *b1), *W2 = malloc(N * sizeof *W2);
    nn_real previous_slope = 0;
    for (int i = 1; i <= N; i++) {
        nn_real slope = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
        W1[i - 1] = 1;
        b1[i - 1] = -x[i - 1];
        W2[i - 1] = slope - previous_slope;
        previous_slope = slope;
    }
    nn_real b2 = y[0];
    set_layer(net, 0, W1, b1);
    set_layer(net, 1, W2, &b2);
    free(W1); free(b1); free(W2);
    return net;
}
/* course:end interpolant */

/* The lecture's version has no output bias: f is extended to [x_0 − 1, x_N] by a piece of
 * slope y_0 that is 0 at x_0 − 1, so a unit at x_0 − 1 with output weight y_0 supplies
 * the value y_0 at x_0, and the unit at x_0 carries S_1 − y_0. */
nn_network *build_interpolant_no_bias(const nn_real *x, const nn_real *y, int N)
{
    nn_real *xe = malloc((N + 2) * sizeof *xe), *ye = malloc((N + 2) * sizeof *ye);
    xe[0] = x[0] - 1;
    ye[0] = 0;
    for (int i = 0; i <= N; i++) { xe[i + 1] = x[i]; ye[i + 1] = y[i]; }
    nn_network *net = build_interpolant(xe, ye, N + 1);   /* its output bias is ye[0] = 0 */
    free(xe); free(ye);
    return net;
}

void uniform_knots(int N, nn_real *x)
{
    for (int i = 0; i <= N; i++) x[i] = (nn_real)i / (nn_real)N;
}

nn_network *build_for_target(const target *t, int N)
{
    nn_real *x = malloc((N + 1) * sizeof *x), *y = malloc((N + 1) * sizeof *y);
    uniform_knots(N, x);
    for (int i = 0; i <= N; i++) y[i] = target_value(t, x[i]);
    nn_network *net = build_interpolant(x, y, N);
    free(x); free(y);
    return net;
}

/* ---- Binary data: exact interpolation ----------------------------------------------- */

/* course:begin binary */
/* Layer 1 (2Nd ReLUs): for point i and coordinate k, ReLU(x_k − c_ik) and ReLU(c_ik − x_k),
 * whose sum is |x_k − c_ik|. Layer 2 (N ReLUs): unit i sums its 2d units with weight −1
 * and bias 1, giving ReLU(1 − ‖x − c_i‖₁). Output: Σ_i y_i times unit i. */
nn_network *build_binary_deep(nn_matrix C, const nn_real *y)
{
    int N = C.rows, d = C.cols, A = 2 * N * d;
    nn_network *net = relu_network(d, 3, (int[]){ A, N, 1 });
    nn_real *W1 = calloc((size_t)A * d, sizeof *W1), *b1 = calloc(A, sizeof *b1);
    nn_real *W2 = calloc((size_t)N * A, sizeof *W2), *b2 = calloc(N, sizeof *b2);
    nn_real *W3 = calloc(N, sizeof *W3), b3 = 0;
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < d; k++) {
            int plus = 2 * (i * d + k), minus = plus + 1;
            W1[plus * d + k] = 1;   b1[plus] = -NN_AT(C, i, k);     /* ReLU(x_k − c_ik) */
            W1[minus * d + k] = -1; b1[minus] = NN_AT(C, i, k);     /* ReLU(c_ik − x_k) */
            W2[i * A + plus] = W2[i * A + minus] = -1;
        }
        b2[i] = 1;
        W3[i] = y[i];
    }
    set_layer(net, 0, W1, b1);
    set_layer(net, 1, W2, b2);
    set_layer(net, 2, W3, &b3);
    free(W1); free(b1); free(W2); free(b2); free(W3);
    return net;
}
/* course:end binary */

/* course:begin binary_shallow */
/* For x in the cube [−1, 1]^d and c_ik = ±1, |x_k − c_ik| = 1 − c_ik x_k, so
 * ‖x − c_i‖₁ = d − c_i·x and ReLU(1 − ‖x − c_i‖₁) = ReLU(c_i·x + 1 − d): one unit. */
nn_network *build_binary_shallow(nn_matrix C, const nn_real *y)
{
    int N = C.rows, d = C.cols;
    nn_network *net = relu_network(d, 2, (int[]){ N, 1 });
    nn_real *b1 = malloc(N * sizeof *b1), *W2 = malloc(N * sizeof *W2), b2 = 0;
    for (int i = 0; i < N; i++) {
        b1[i] = (nn_real)(1 - d);
        W2[i] = y[i];
    }
    set_layer(net, 0, C.data, b1);
    set_layer(net, 1, W2, &b2);
    free(b1); free(W2);
    return net;
}
/* course:end binary_shallow */

int network_neurons(const nn_network *net)
{
    int units = 0;
    for (int l = 0; l < net->n_layers; l++) units += net->layers[l].out;
    return units;
}

/* ---- Depth: the tent map composed k times ---------------------------------------------- */

/* course:begin tent */
/* T(x) = 2 ReLU(x) − 4 ReLU(x − ½) on [0, 1]. Each hidden layer holds the two ReLUs of
 * one T; the combination 2a₁ − 4a₂ that finishes T is folded into the next layer's
 * weights (a unit that computes ReLU(T(x) − β) has weights (2, −4) and bias −β). */
nn_network *build_tent(int k)
{
    int units[32];
    for (int l = 0; l < k; l++) units[l] = 2;
    units[k] = 1;
    nn_network *net = relu_network(1, k + 1, units);
    nn_real first[2] = { 1, 1 }, folded[4] = { 2, -4, 2, -4 }, bias[2] = { 0, NN_R(-0.5) };
    nn_real out[2] = { 2, -4 }, out_bias = 0;
    set_layer(net, 0, first, bias);
    for (int l = 1; l < k; l++) set_layer(net, l, folded, bias);
    set_layer(net, k, out, &out_bias);
    return net;
}
/* course:end tent */

/* ---- Symmetries: different parameters, the same function ------------------------------ */

nn_network *copy_network(const nn_network *net)
{
    nn_layer_spec spec[32];
    for (int l = 0; l < net->n_layers; l++)
        spec[l] = (nn_layer_spec){ net->layers[l].out, net->layers[l].act, net->layers[l].dropout };
    nn_network *copy = nn_network_new(net->n_inputs, net->n_layers, spec);
    for (int l = 0; l < net->n_layers; l++) nn_network_set_layer(copy, l, net->layers[l].W, net->layers[l].b);
    return copy;
}

/* course:begin rescale */
/* ReLU(c z) = c ReLU(z) for c > 0, so unit j may compute ReLU(c (w·a + b)) if every weight
 * leaving it is divided by c: the next layer sees the same numbers. */
void rescale_unit(nn_network *net, int l, int j, nn_real c)
{
    nn_dense *in = &net->layers[l], *next = &net->layers[l + 1];
    for (int k = 0; k < in->in; k++) NN_AT(in->W, j, k) *= c;
    in->b.data[j] *= c;
    for (int r = 0; r < next->out; r++) NN_AT(next->W, r, j) /= c;
}
/* course:end rescale */

void permute_units(nn_network *net, int l, const int *perm)
{
    nn_dense *in = &net->layers[l], *next = &net->layers[l + 1];
    nn_matrix W = nn_matrix_new(in->out, in->in), b = nn_matrix_new(1, in->out);
    nn_matrix V = nn_matrix_new(next->out, next->in);
    for (int j = 0; j < in->out; j++) {
        for (int k = 0; k < in->in; k++) NN_AT(W, j, k) = NN_AT(in->W, perm[j], k);
        b.data[j] = in->b.data[perm[j]];
        for (int r = 0; r < next->out; r++) NN_AT(V, r, j) = NN_AT(next->W, r, perm[j]);
    }
    nn_network_set_layer(net, l, W, b);
    nn_network_set_layer(net, l + 1, V, next->b);
    nn_matrix_free(&W); nn_matrix_free(&b); nn_matrix_free(&V);
}
