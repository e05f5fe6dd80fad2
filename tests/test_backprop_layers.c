/* Chapter 3's own layers (chapters/03-backprop/layers.c), compiled into this test:
 *   [C3.1] every layer's backward (dx = Jᵀ dy, and dW, db for affine) against central
 *          differences AND against dual numbers; the written-out Jacobian against both;
 *          a network made of these layers, gradient of every input and parameter;
 *   [C3.3] the softmax Jacobian S_i(δ_ij − S_j): against dual numbers, rows of J summing
 *          to zero (Σ_i ∂S_i/∂z_j = 0) and J symmetric.
 * Every entry of the chapter's layer table is checked: a layer a student adds to the table
 * (the chapter's exercise: tanh) is checked too, and needs a dual forward below. */
#include "../chapters/03-backprop/layers.c"
#include "tap.h"
#include "gradcheck.h"

#include <string.h>

/* ---- The oracle: each layer's forward on dual numbers, from its definition ---------- */
static int dual_forward(const chapter_layer *L, const dual *x, dual *y)
{
    if (!strcmp(L->name, "affine")) {
        for (int i = 0; i < L->out; i++) {
            dual s = dual_const(L->b[i]);
            for (int j = 0; j < L->in; j++) s = dual_add(s, dual_scale(x[j], L->W[i * L->in + j]));
            y[i] = s;
        }
    } else if (!strcmp(L->name, "relu")) {
        for (int i = 0; i < L->in; i++) y[i] = dual_max0(x[i]);
    } else if (!strcmp(L->name, "sigmoid")) {
        for (int i = 0; i < L->in; i++) y[i] = dual_sigmoid(x[i]);
    } else if (!strcmp(L->name, "tanh")) {
        for (int i = 0; i < L->in; i++) y[i] = dual_tanh(x[i]);
    } else if (!strcmp(L->name, "softmax")) {
        dual_softmax_row(x, y, L->in);
    } else {
        return -1;
    }
    return 0;
}

/* L(x) = dy · F(x): its gradient is exactly the backward's dx = Jᵀ dy. */
typedef struct {
    const chapter_layer *layer;
    const nn_real *dy;
} vjp_ctx;

static double vjp_value(void *ctx, const nn_real *x)
{
    vjp_ctx *c = ctx;
    nn_real y[LAYER_MAX_DIM];
    c->layer->forward(c->layer, x, y);
    double s = 0;
    for (int i = 0; i < c->layer->out; i++) s += (double)c->dy[i] * (double)y[i];
    return s;
}

static dual vjp_value_dual(void *ctx, const dual *x)
{
    vjp_ctx *c = ctx;
    dual y[LAYER_MAX_DIM];
    dual_forward(c->layer, x, y);
    dual s = dual_const(0);
    for (int i = 0; i < c->layer->out; i++) s = dual_add(s, dual_scale(y[i], c->dy[i]));
    return s;
}

static int relu_near_kink(void *ctx, const nn_real *x, size_t i, double h)
{
    (void)ctx;
    return fabs((double)x[i]) <= h;
}

/* The written-out Jacobian against the dual-number Jacobian (column j seeded by x_j). */
static double jacobian_vs_dual(const chapter_layer *L, const nn_real *x)
{
    nn_real y[LAYER_MAX_DIM], J[LAYER_MAX_DIM * LAYER_MAX_DIM];
    L->forward(L, x, y);
    L->jacobian(L, x, y, J);
    dual xd[LAYER_MAX_DIM], yd[LAYER_MAX_DIM];
    double worst = 0;
    for (int j = 0; j < L->in; j++) {
        for (int k = 0; k < L->in; k++) xd[k] = dual_make(x[k], k == j);
        dual_forward(L, xd, yd);
        for (int i = 0; i < L->out; i++) worst = fmax(worst, gc_rel_err(J[i * L->in + j], yd[i].d));
    }
    return worst;
}

static void check_table_layer(const chapter_layer *L, nn_rng *rng)
{
    nn_real x[LAYER_MAX_DIM], dy[LAYER_MAX_DIM], y[LAYER_MAX_DIM], dx[LAYER_MAX_DIM];
    nn_real J[LAYER_MAX_DIM * LAYER_MAX_DIM], Jfd[LAYER_MAX_DIM * LAYER_MAX_DIM];
    for (int i = 0; i < L->in; i++) x[i] = nn_rng_normal(rng, 0, 1);
    for (int i = 0; i < L->out; i++) dy[i] = nn_rng_normal(rng, 0, 1);
    L->forward(L, x, y);
    L->backward(L, x, y, dy, dx, NULL, NULL);
    vjp_ctx ctx = { L, dy };

    gc_options opt = gc_defaults(GC_TOL_OP);
    if (!strcmp(L->name, "relu")) opt.near_kink = relu_near_kink;
    gc_result r = gc_finite_differences(vjp_value, &ctx, x, (size_t)L->in, dx, &opt);
    gc_ok(&r, &opt, "[C3.1] chapter layer %s: backward dx = J^T dy", L->name);

    dual probe[LAYER_MAX_DIM], out[LAYER_MAX_DIM];
    for (int i = 0; i < L->in; i++) probe[i] = dual_const(x[i]);
    if (dual_forward(L, probe, out)) {
        tap_ok(0, "[C3.1] chapter layer %s: no dual-number forward in tests/test_backprop_layers.c "
               "(add one to dual_forward)", L->name);
        return;
    }
    double ref[LAYER_MAX_DIM];
    gc_dual_gradient(vjp_value_dual, &ctx, x, (size_t)L->in, ref);
    r = gc_compare(dx, ref, (size_t)L->in);
    opt.tol = GC_TOL_DUAL;
    gc_ok(&r, &opt, "[C3.1] chapter layer %s: backward dx = J^T dy", L->name);

    /* The written-out Jacobian: against central differences and dual numbers. */
    L->jacobian(L, x, y, J);
    jacobian_central_differences(L, x, (nn_real)GC_H, Jfd);
    double fd_err = 0;
    for (int k = 0; k < L->in * L->out; k++) fd_err = fmax(fd_err, gc_rel_err(J[k], Jfd[k]));
    double dual_err = jacobian_vs_dual(L, x);
    tap_ok(fd_err <= GC_TOL_OP && dual_err <= GC_TOL_DUAL,
           "[C3.1] chapter layer %s: written-out %dx%d Jacobian vs central differences %.1e, vs dual numbers %.1e",
           L->name, L->out, L->in, fd_err, dual_err);
}

/* Affine parameters: L(W, b) = dy · (W x + b); dW = dy xᵀ, db = dy. */
typedef struct {
    chapter_layer layer;
    nn_real x[LAYER_MAX_DIM], dy[LAYER_MAX_DIM];
} affine_ctx;

static double affine_param_value(void *ctx, const nn_real *theta)
{
    affine_ctx *c = ctx;
    chapter_layer L = c->layer;
    L.W = (nn_real *)theta;
    L.b = (nn_real *)theta + L.in * L.out;
    vjp_ctx v = { &L, c->dy };
    return vjp_value(&v, c->x);
}

static dual affine_param_value_dual(void *ctx, const dual *theta)
{
    affine_ctx *c = ctx;
    const chapter_layer *L = &c->layer;
    dual s = dual_const(0);
    for (int i = 0; i < L->out; i++) {
        dual yi = theta[L->in * L->out + i];
        for (int j = 0; j < L->in; j++) yi = dual_add(yi, dual_scale(theta[i * L->in + j], c->x[j]));
        s = dual_add(s, dual_scale(yi, c->dy[i]));
    }
    return s;
}

static void check_affine_parameters(const chapter_layer *affine, nn_rng *rng)
{
    affine_ctx c = { *affine, { 0 }, { 0 } };
    int nW = affine->in * affine->out, n = nW + affine->out;
    nn_real theta[LAYER_MAX_DIM * LAYER_MAX_DIM + LAYER_MAX_DIM], grad[LAYER_MAX_DIM * LAYER_MAX_DIM + LAYER_MAX_DIM];
    nn_real y[LAYER_MAX_DIM], dx[LAYER_MAX_DIM];
    for (int k = 0; k < nW; k++) theta[k] = affine->W[k];
    for (int i = 0; i < affine->out; i++) theta[nW + i] = affine->b[i];
    for (int j = 0; j < affine->in; j++) c.x[j] = nn_rng_normal(rng, 0, 1);
    for (int i = 0; i < affine->out; i++) c.dy[i] = nn_rng_normal(rng, 0, 1);
    for (int k = 0; k < n; k++) grad[k] = 0;
    affine->forward(affine, c.x, y);
    affine->backward(affine, c.x, y, c.dy, dx, grad, grad + nW);
    gc_options opt = gc_defaults(GC_TOL_OP);
    gc_result r = gc_finite_differences(affine_param_value, &c, theta, (size_t)n, grad, &opt);
    gc_ok(&r, &opt, "[C3.1] chapter affine layer: dW = dy x^T, db = dy");
    double ref[LAYER_MAX_DIM * LAYER_MAX_DIM + LAYER_MAX_DIM];
    gc_dual_gradient(affine_param_value_dual, &c, theta, (size_t)n, ref);
    r = gc_compare(grad, ref, (size_t)n);
    opt.tol = GC_TOL_DUAL;
    gc_ok(&r, &opt, "[C3.1] chapter affine layer: dW = dy x^T, db = dy");
}

/* ---- The network of chapter layers: θ = [x (3), W1 (12), b1 (4), W2 (12), b2 (3)] ------- */
enum { CHAIN_N = 3 + 12 + 4 + 12 + 3 };

static void chain_unpack(chain_network *net, const nn_real *theta, nn_real *x)
{
    memcpy(x, theta, 3 * sizeof *x);
    memcpy(net->W1, theta + 3, 12 * sizeof *x);
    memcpy(net->b1, theta + 15, 4 * sizeof *x);
    memcpy(net->W2, theta + 19, 12 * sizeof *x);
    memcpy(net->b2, theta + 31, 3 * sizeof *x);
}

static double chain_value(void *ctx, const nn_real *theta)
{
    chain_network net = *(chain_network *)ctx;
    nn_real x[3];
    net.layer[0].W = net.W1; net.layer[0].b = net.b1;
    net.layer[2].W = net.W2; net.layer[2].b = net.b2;
    chain_unpack(&net, theta, x);
    return chain_network_loss(&net, x);
}

/* The oracle's own forward: affine, sigmoid, affine, softmax, −log S_c, on duals. */
static dual chain_value_dual(void *ctx, const dual *t)
{
    const chain_network *net = ctx;
    dual h[4], z[3], s[3];
    for (int i = 0; i < 4; i++) {
        dual a = t[15 + i];
        for (int j = 0; j < 3; j++) a = dual_add(a, dual_mul(t[3 + i * 3 + j], t[j]));
        h[i] = dual_sigmoid(a);
    }
    for (int i = 0; i < 3; i++) {
        z[i] = t[31 + i];
        for (int j = 0; j < 4; j++) z[i] = dual_add(z[i], dual_mul(t[19 + i * 4 + j], h[j]));
    }
    dual_softmax_row(z, s, 3);
    return dual_neg(dual_log(s[net->label]));
}

static void check_chain_network(nn_rng *rng)
{
    chain_network net;
    chain_network_init(&net, rng);
    nn_real theta[CHAIN_N], grad[CHAIN_N] = { 0 };
    for (int j = 0; j < 3; j++) theta[j] = nn_rng_normal(rng, 0, 1);
    memcpy(theta + 3, net.W1, 12 * sizeof *theta);
    memcpy(theta + 15, net.b1, 4 * sizeof *theta);
    memcpy(theta + 19, net.W2, 12 * sizeof *theta);
    memcpy(theta + 31, net.b2, 3 * sizeof *theta);
    chain_network_backward(&net, theta, grad, grad + 3, grad + 15, grad + 19, grad + 31);
    gc_options opt = gc_defaults(GC_TOL_NETWORK);
    gc_result r = gc_finite_differences(chain_value, &net, theta, CHAIN_N, grad, &opt);
    gc_ok(&r, &opt, "[C3.1] network of chapter layers (affine 3-4, sigmoid, affine 4-3, softmax, -log S_c), 34 inputs+params");
    double ref[CHAIN_N];
    gc_dual_gradient(chain_value_dual, &net, theta, CHAIN_N, ref);
    r = gc_compare(grad, ref, CHAIN_N);
    opt.tol = GC_TOL_DUAL;
    gc_ok(&r, &opt, "[C3.1] network of chapter layers (affine 3-4, sigmoid, affine 4-3, softmax, -log S_c), 34 inputs+params");
}

/* ---- [C3.3] the softmax Jacobian --------------------------------------------------- */
static void check_softmax_jacobian(nn_rng *rng)
{
    chapter_layer table[16];
    int n = chapter_layers(table, 16, NULL, NULL);
    const chapter_layer *sm = NULL;
    for (int l = 0; l < n; l++) if (!strcmp(table[l].name, "softmax")) sm = &table[l];
    if (!sm) { tap_ok(0, "[C3.3] the layer table has a softmax"); return; }
    double worst_dual = 0, worst_colsum = 0, worst_asym = 0;
    for (int trial = 0; trial < 50; trial++) {
        nn_real z[LAYER_MAX_DIM], S[LAYER_MAX_DIM], J[LAYER_MAX_DIM * LAYER_MAX_DIM];
        for (int i = 0; i < sm->in; i++) z[i] = nn_rng_normal(rng, 0, 3);
        sm->forward(sm, z, S);
        sm->jacobian(sm, z, S, J);
        worst_dual = fmax(worst_dual, jacobian_vs_dual(sm, z));
        for (int j = 0; j < sm->in; j++) {
            double col = 0;
            for (int i = 0; i < sm->out; i++) {
                col += J[i * sm->in + j];
                worst_asym = fmax(worst_asym, fabs(J[i * sm->in + j] - J[j * sm->in + i]));
            }
            worst_colsum = fmax(worst_colsum, fabs(col));
        }
    }
    tap_ok(worst_dual <= GC_TOL_DUAL && worst_colsum <= 8 * NN_REAL_EPSILON && worst_asym == 0,
           "[C3.3] softmax Jacobian dS_i/dz_j = S_i(delta_ij - S_j), 50 random z in R^4: vs dual numbers %.1e, "
           "|sum_i dS_i/dz_j| <= %.1e, symmetric (max |J - J^T| = %.1e)", worst_dual, worst_colsum, worst_asym);
}

int main(void)
{
    nn_rng rng;
    nn_rng_seed(&rng, 2024);
    nn_real W[LAYER_MAX_DIM * LAYER_MAX_DIM], b[LAYER_MAX_DIM];
    for (int k = 0; k < LAYER_MAX_DIM * LAYER_MAX_DIM; k++) W[k] = nn_rng_normal(&rng, 0, 1);
    for (int k = 0; k < LAYER_MAX_DIM; k++) b[k] = nn_rng_normal(&rng, 0, 1);
    chapter_layer table[16];
    int n = chapter_layers(table, 16, W, b);
    for (int l = 0; l < n; l++) {
        check_table_layer(&table[l], &rng);
        if (!strcmp(table[l].name, "affine")) check_affine_parameters(&table[l], &rng);
    }
    check_chain_network(&rng);
    check_softmax_jacobian(&rng);
    return tap_done();
}
