/* Networks built by hand: the layer, the 1-5-3-1 composition, the collapse of linear
 * layers, parameter counts and diagrams. No training here: every number follows from
 * the weights drawn and the formulas of the text. */
#include "mlp.h"

#include <stdio.h>

/* ---- 1. A layer and a composition of layers ------------------------------------ */

static nn_network *network_of(int n_inputs, int n_layers, const int *units,
                              const nn_activation_kind *acts)
{
    nn_layer_spec spec[8];
    for (int l = 0; l < n_layers; l++)
        spec[l] = (nn_layer_spec){ units[l], nn_activation_make(acts[l]), 0 };
    return nn_network_new(n_inputs, n_layers, spec);
}

/* The source's numpy code, written out for one scalar input x:
 *   h1 = f(W1 x + b1)   (5),   h2 = f(W2 h1 + b2)   (3),   y = W3 h2 + b3   (1). */
/* course:begin composition_by_hand */
static nn_real forward_1_5_3_1_by_hand(const nn_network *net, nn_real x,
                                       nn_real h1[5], nn_real h2[3])
{
    const nn_dense *L1 = &net->layers[0], *L2 = &net->layers[1], *L3 = &net->layers[2];
    for (int j = 0; j < 5; j++)
        h1[j] = nn_sigmoid(NN_AT(L1->W, j, 0) * x + L1->b.data[j]);
    for (int k = 0; k < 3; k++) {
        nn_real z = L2->b.data[k];
        for (int j = 0; j < 5; j++) z += NN_AT(L2->W, k, j) * h1[j];
        h2[k] = nn_sigmoid(z);
    }
    nn_real y = L3->b.data[0];
    for (int k = 0; k < 3; k++) y += NN_AT(L3->W, 0, k) * h2[k];
    return y;
}
/* course:end composition_by_hand */

void ch2_composition(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 1. A layer, and the 1-5-3-1 network as a composition of layers\n");
    nn_network *net = network_of(1, 3, (int[]){ 5, 3, 1 },
                                 (nn_activation_kind[]){ NN_SIGMOID, NN_SIGMOID, NN_IDENTITY });
    /* np.random.randn for every weight and bias, as in the source */
    nn_init normal = nn_init_make(NN_INIT_NORMAL, 0, 1);
    nn_network_init(net, normal, normal, &cx->rng);

    const nn_real inputs[5] = { -2, -1, 0, 1, 2 };
    nn_matrix X = nn_matrix_view((nn_real *)inputs, 5, 1);
    nn_matrix Y = nn_network_forward(net, X, NULL);
    nn_real worst = 0;
    nn_say(c, "  x      h1 (5 units)                          h2 (3 units)              y\n");
    for (int i = 0; i < 5; i++) {
        nn_real h1[5], h2[3];
        nn_real y = forward_1_5_3_1_by_hand(net, inputs[i], h1, h2);
        nn_real diff = fabs(y - Y.data[i]);
        if (diff > worst) worst = diff;
        nn_say(c, "  %+.0f  ", (double)inputs[i]);
        for (int j = 0; j < 5; j++) nn_say(c, " %.4f", (double)h1[j]);
        nn_say(c, "   ");
        for (int k = 0; k < 3; k++) nn_say(c, " %.4f", (double)h2[k]);
        nn_say(c, "   %+.6f\n", (double)y);
        nn_result(cx->run, y, "composition_y_at_%.0f", (double)inputs[i]);
    }
    nn_say(c, "  by hand vs nn_network_forward: max |difference| = %.3g\n", (double)worst);
    nn_result(cx->run, worst, "composition_hand_vs_library_max_abs_diff");
    figure_composition(cx->run, net);
    nn_network_free(net);
}

/* ---- 2. Linear layers collapse into one ----------------------------------------- */

/* Folds a stack of identity-activation layers into one affine map, layer by layer:
 *   x ↦ W x + b  followed by  u ↦ W' u + b'  is  x ↦ (W'W) x + (W'b + b').
 * W starts as layer 1's W_1 (p_1×d) and b as b_1; each further layer l replaces them by
 * W_l W and W_l b + b_l. Plain loops, as on paper: row i of W_l against column k of W. */
/* course:begin collapse */
static void collapse_linear_stack(const nn_network *net, nn_matrix *W, nn_matrix *b)
{
    int d = net->n_inputs;
    *W = nn_matrix_new(net->layers[0].out, d);
    *b = nn_matrix_new(1, net->layers[0].out);
    nn_matrix_copy(*W, net->layers[0].W);
    nn_matrix_copy(*b, net->layers[0].b);
    for (int l = 1; l < net->n_layers; l++) {
        const nn_dense *L = &net->layers[l];           /* W_l is p×q, q = rows of W */
        nn_matrix W_next = nn_matrix_new(L->out, d), b_next = nn_matrix_new(1, L->out);
        for (int i = 0; i < L->out; i++) {
            for (int k = 0; k < d; k++)                /* (W_l W)_ik = Σ_j W_l,ij W_jk */
                for (int j = 0; j < L->in; j++) NN_AT(W_next, i, k) += NN_AT(L->W, i, j) * NN_AT(*W, j, k);
            b_next.data[i] = L->b.data[i];             /* (W_l b + b_l)_i */
            for (int j = 0; j < L->in; j++) b_next.data[i] += NN_AT(L->W, i, j) * b->data[j];
        }
        nn_matrix_free(W);
        nn_matrix_free(b);
        *W = W_next;
        *b = b_next;
    }
}
/* course:end collapse */

/* An affine map g keeps midpoints: g((u+v)/2) = (g(u)+g(v))/2. Returns the largest
 * violation over the rows of U and V (n×d each): zero for an affine g up to rounding,
 * clearly not zero for a network with a curved activation. */
static nn_real midpoint_defect(nn_network *net, nn_matrix U, nn_matrix V)
{
    int n = U.rows, q = net->layers[net->n_layers - 1].out;
    nn_matrix M = nn_matrix_new(n, U.cols), gU = nn_matrix_new(n, q), gV = nn_matrix_new(n, q);
    for (size_t i = 0; i < nn_matrix_size(M); i++) M.data[i] = (U.data[i] + V.data[i]) / 2;
    nn_matrix_copy(gU, nn_network_forward(net, U, NULL));
    nn_matrix_copy(gV, nn_network_forward(net, V, NULL));
    nn_matrix gM = nn_network_forward(net, M, NULL);
    nn_real worst = 0;
    for (size_t i = 0; i < nn_matrix_size(gM); i++) {
        nn_real d = fabs(gM.data[i] - (gU.data[i] + gV.data[i]) / 2);
        if (d > worst) worst = d;
    }
    nn_matrix_free(&M);
    nn_matrix_free(&gU);
    nn_matrix_free(&gV);
    return worst;
}

static void random_batch(nn_matrix X, nn_rng *rng)
{
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_normal(rng, 0, 1);
}

void ch2_linear_collapse(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 2. Without a non-linear activation, layers collapse into one\n");
    const int units[3] = { 5, 4, 2 };
    nn_network *lin = network_of(3, 3, units,
                                 (nn_activation_kind[]){ NN_IDENTITY, NN_IDENTITY, NN_IDENTITY });
    nn_network *curved = network_of(3, 3, units,
                                    (nn_activation_kind[]){ NN_TANH, NN_TANH, NN_IDENTITY });
    nn_init normal = nn_init_make(NN_INIT_NORMAL, 0, 1);
    nn_network_init(lin, normal, normal, &cx->rng);
    /* the same numbers in the tanh network: only the activation differs */
    for (size_t i = 0; i < lin->n_params; i++) curved->params[i] = lin->params[i];

    nn_matrix W, b;
    collapse_linear_stack(lin, &W, &b);
    const int n = 1000;
    nn_matrix X = nn_matrix_new(n, 3), V = nn_matrix_new(n, 3), one = nn_matrix_new(n, 2);
    random_batch(X, &cx->rng);
    random_batch(V, &cx->rng);
    for (int e = 0; e < n; e++)                              /* one layer: W x + b, each x */
        for (int i = 0; i < 2; i++) {
            NN_AT(one, e, i) = b.data[i];
            for (int k = 0; k < 3; k++) NN_AT(one, e, i) += NN_AT(W, i, k) * NN_AT(X, e, k);
        }
    nn_matrix stack = nn_network_forward(lin, X, NULL);
    nn_real diff = 0, size = nn_max_abs(stack);
    for (size_t i = 0; i < nn_matrix_size(one); i++) {
        nn_real d = fabs(one.data[i] - stack.data[i]);
        if (d > diff) diff = d;
    }
    nn_real lin_defect = midpoint_defect(lin, X, V);
    nn_real tanh_defect = midpoint_defect(curved, X, V);
    nn_say(c, "  3-5-4-2 identity layers vs one layer W = W3 W2 W1 (2x3), b = W3(W2 b1 + b2) + b3:\n"
              "    max |difference| over %d random inputs = %.3g (outputs up to %.3g)\n", n,
           (double)diff, (double)size);
    nn_say(c, "    collapsed W row 1: %+.4f %+.4f %+.4f   b = %+.4f %+.4f\n",
           (double)NN_AT(W, 0, 0), (double)NN_AT(W, 0, 1), (double)NN_AT(W, 0, 2),
           (double)b.data[0], (double)b.data[1]);
    nn_say(c, "  midpoint test g((u+v)/2) - (g(u)+g(v))/2: identity layers %.3g, tanh layers %.3g\n",
           (double)lin_defect, (double)tanh_defect);
    nn_result_int(cx->run, n, "linear_inputs");
    nn_result(cx->run, diff, "linear_collapse_max_abs_diff");
    nn_result(cx->run, size, "linear_output_max_abs");
    nn_result(cx->run, lin_defect, "linear_midpoint_defect");
    nn_result(cx->run, tanh_defect, "tanh_midpoint_defect");
    nn_matrix_free(&W);
    nn_matrix_free(&b);
    nn_matrix_free(&X);
    nn_matrix_free(&V);
    nn_matrix_free(&one);
    nn_network_free(lin);
    nn_network_free(curved);
}

/* ---- 3. Counting parameters ---------------------------------------------------- */

static size_t count_of(int n_inputs, int n_layers, const int *units)
{
    nn_activation_kind acts[8];
    for (int l = 0; l < n_layers; l++) acts[l] = NN_SIGMOID;
    nn_network *net = network_of(n_inputs, n_layers, units, acts);
    size_t count = nn_network_param_count(net);
    nn_network_free(net);
    return count;
}

void ch2_parameter_counts(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 3. Counting parameters: a layer d -> p has p*d weights and p biases\n");
    struct { const char *key, *name; int n_inputs, n_layers, units[3]; } nets[] = {
        { "params_2_2_1", "2-2-1", 2, 2, { 2, 1 } },
        { "params_2_5_3", "2-5-3", 2, 2, { 5, 3 } },
        { "params_2_5_3_1", "2-5-3-1", 2, 3, { 5, 3, 1 } },
    };
    for (size_t i = 0; i < sizeof nets / sizeof nets[0]; i++) {
        size_t count = count_of(nets[i].n_inputs, nets[i].n_layers, nets[i].units);
        nn_say(c, "  %-8s %6zu parameters\n", nets[i].name, count);
        nn_result_int(cx->run, (long)count, "%s", nets[i].key);
    }
    const int widths[] = { 16, 32, 64, 100, 128, 256 };
    int rows = (int)(sizeof widths / sizeof widths[0]);
    for (int i = 0; i < rows; i++) {
        size_t count = count_of(784, 2, (int[]){ widths[i], 10 });
        nn_say(c, "  784-%d-10 %6zu parameters   (795 x %d + 10 = %d)\n", widths[i], count,
               widths[i], 795 * widths[i] + 10);
        nn_result_int(cx->run, (long)count, "params_784_%d_10", widths[i]);
    }
}

/* ---- 4. Diagrams drawn from the structs ------------------------------------------ */

void ch2_diagrams(ch2_context *cx)
{
    nn_network *small = network_of(2, 3, (int[]){ 5, 3, 1 },
                                   (nn_activation_kind[]){ NN_SIGMOID, NN_SIGMOID, NN_IDENTITY });
    nn_network *images = network_of(784, 2, (int[]){ cx->hidden, 10 },
                                    (nn_activation_kind[]){ NN_RELU, NN_IDENTITY });
    char title[128];
    snprintf(title, sizeof title, "2-5-3-1: %zu parameters", nn_network_param_count(small));
    nn_dot_network(small, nn_run_file(cx->run, "network_2_5_3_1.dot"), title, 16);
    snprintf(title, sizeof title, "784-%d-10: %zu parameters", cx->hidden,
             nn_network_param_count(images));
    nn_dot_network(images, nn_run_file(cx->run, "network_784_n_10.dot"), title, 6);
    nn_say(&cx->common, "\n== 4. Diagrams: network_2_5_3_1.dot, network_784_n_10.dot\n");
    nn_network_free(small);
    nn_network_free(images);
}
