/* Part 2. The chapter's own layers, one example at a time, each three ways:
 * forward y = F(x), the Jacobian J = ∂y/∂x written out entry by entry, and the
 * backward dx = Jᵀ dy that backpropagation actually computes (never forming J).
 *
 *   affine   y = W x + b        J_ij = W_ij;  dx = Wᵀ dy, dW += dy xᵀ, db += dy
 *   relu     y_i = max(0, x_i)  J_ij = δ_ij 1[x_i > 0]
 *   sigmoid  y_i = σ(x_i)       J_ij = δ_ij y_i (1 − y_i)
 *   softmax  S_i = e^{z_i}/Σ_k e^{z_k}   J_ij = ∂S_i/∂z_j = S_i (δ_ij − S_j)
 * Element-wise layers have diagonal Jacobians, so their backward is a product
 * element by element; softmax couples every output to every input. */
#include "backprop.h"

/* course:begin affine */
/* y = W x + b, W out×in */
static void affine_forward(const chapter_layer *L, const nn_real *x, nn_real *y)
{
    for (int i = 0; i < L->out; i++) {
        nn_real s = L->b[i];
        for (int j = 0; j < L->in; j++) s += L->W[i * L->in + j] * x[j];
        y[i] = s;
    }
}

/* dx = Wᵀ dy (overwritten);  dW_ij += dy_i x_j;  db_i += dy_i */
static void affine_backward(const chapter_layer *L, const nn_real *x, const nn_real *y,
                            const nn_real *dy, nn_real *dx, nn_real *dW, nn_real *db)
{
    (void)y;
    for (int j = 0; j < L->in; j++) dx[j] = 0;
    for (int i = 0; i < L->out; i++) {
        for (int j = 0; j < L->in; j++) {
            dx[j] += L->W[i * L->in + j] * dy[i];
            if (dW) dW[i * L->in + j] += dy[i] * x[j];
        }
        if (db) db[i] += dy[i];
    }
}
/* course:end affine */

/* J_ij = ∂y_i/∂x_j = W_ij */
static void affine_jacobian(const chapter_layer *L, const nn_real *x, const nn_real *y, nn_real *J)
{
    (void)x; (void)y;
    for (int k = 0; k < L->out * L->in; k++) J[k] = L->W[k];
}

static void relu_forward(const chapter_layer *L, const nn_real *x, nn_real *y)
{
    for (int i = 0; i < L->out; i++) y[i] = x[i] > 0 ? x[i] : 0;
}

/* dx_i = 1[x_i > 0] dy_i  (0 at the kink x_i = 0, the library's convention) */
static void relu_backward(const chapter_layer *L, const nn_real *x, const nn_real *y,
                          const nn_real *dy, nn_real *dx, nn_real *dW, nn_real *db)
{
    (void)y; (void)dW; (void)db;
    for (int i = 0; i < L->in; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
}

static void relu_jacobian(const chapter_layer *L, const nn_real *x, const nn_real *y, nn_real *J)
{
    (void)y;
    for (int i = 0; i < L->out; i++)
        for (int j = 0; j < L->in; j++) J[i * L->in + j] = (i == j && x[i] > 0) ? 1 : 0;
}

static void sigmoid_forward(const chapter_layer *L, const nn_real *x, nn_real *y)
{
    for (int i = 0; i < L->out; i++) y[i] = nn_sigmoid(x[i]);
}

/* dx_i = y_i (1 − y_i) dy_i, reusing the forward's output */
static void sigmoid_backward(const chapter_layer *L, const nn_real *x, const nn_real *y,
                             const nn_real *dy, nn_real *dx, nn_real *dW, nn_real *db)
{
    (void)x; (void)dW; (void)db;
    for (int i = 0; i < L->in; i++) dx[i] = y[i] * (1 - y[i]) * dy[i];
}

static void sigmoid_jacobian(const chapter_layer *L, const nn_real *x, const nn_real *y, nn_real *J)
{
    (void)x;
    for (int i = 0; i < L->out; i++)
        for (int j = 0; j < L->in; j++) J[i * L->in + j] = i == j ? y[i] * (1 - y[i]) : 0;
}

static void softmax_forward(const chapter_layer *L, const nn_real *z, nn_real *S)
{
    nn_real m = z[0], sum = 0;
    for (int i = 1; i < L->in; i++) m = z[i] > m ? z[i] : m;     /* e^{z−m}: no overflow */
    for (int i = 0; i < L->in; i++) sum += S[i] = exp(z[i] - m);
    for (int i = 0; i < L->in; i++) S[i] /= sum;
}

/* course:begin softmax-backward */
/* J_ij = ∂S_i/∂z_j = S_i (δ_ij − S_j): row i is the gradient of S_i */
static void softmax_jacobian(const chapter_layer *L, const nn_real *z, const nn_real *S, nn_real *J)
{
    (void)z;
    for (int i = 0; i < L->out; i++)
        for (int j = 0; j < L->in; j++) J[i * L->in + j] = S[i] * ((i == j) - S[j]);
}

/* dz_j = Σ_i J_ij dS_i = S_j (dS_j − Σ_i S_i dS_i): O(K) work for K classes, not the
 * O(K²) of forming J */
static void softmax_backward(const chapter_layer *L, const nn_real *z, const nn_real *S,
                             const nn_real *dS, nn_real *dz, nn_real *dW, nn_real *db)
{
    (void)z; (void)dW; (void)db;
    nn_real s_dot_dS = 0;
    for (int i = 0; i < L->out; i++) s_dot_dS += S[i] * dS[i];
    for (int j = 0; j < L->in; j++) dz[j] = S[j] * (dS[j] - s_dot_dS);
}
/* course:end softmax-backward */

/* The table: name, shape, and the three functions. W (out×in) and b belong to the caller. */
int chapter_layers(chapter_layer *out, int max, nn_real *W, nn_real *b)
{
    const chapter_layer table[] = {
        { "affine", 3, 4, W, b, affine_forward, affine_backward, affine_jacobian },
        { "relu", 4, 4, NULL, NULL, relu_forward, relu_backward, relu_jacobian },
        { "sigmoid", 4, 4, NULL, NULL, sigmoid_forward, sigmoid_backward, sigmoid_jacobian },
        { "softmax", 4, 4, NULL, NULL, softmax_forward, softmax_backward, softmax_jacobian },
    };
    int n = (int)(sizeof table / sizeof table[0]);
    if (n > max) n = max;
    for (int i = 0; i < n; i++) out[i] = table[i];
    return n;
}

void jacobian_central_differences(const chapter_layer *L, const nn_real *x, nn_real h, nn_real *J)
{
    nn_real xs[LAYER_MAX_DIM], yp[LAYER_MAX_DIM], ym[LAYER_MAX_DIM];
    for (int j = 0; j < L->in; j++) xs[j] = x[j];
    for (int j = 0; j < L->in; j++) {
        xs[j] = x[j] + h;
        L->forward(L, xs, yp);
        xs[j] = x[j] - h;
        L->forward(L, xs, ym);
        xs[j] = x[j];
        for (int i = 0; i < L->out; i++) J[i * L->in + j] = (yp[i] - ym[i]) / (2 * h);
    }
}

nn_real max_abs_diff(const nn_real *a, const nn_real *b, int n)
{
    nn_real worst = 0;
    for (int i = 0; i < n; i++) worst = fabs(a[i] - b[i]) > worst ? fabs(a[i] - b[i]) : worst;
    return worst;
}

/* The written-out Jacobian against central differences (h = 1e-6), and the backward
 * against Jᵀ dy computed from the written-out Jacobian. */
layer_check check_layer(const chapter_layer *L, const nn_real *x, const nn_real *dy)
{
    nn_real y[LAYER_MAX_DIM], J[LAYER_MAX_DIM * LAYER_MAX_DIM], Jfd[LAYER_MAX_DIM * LAYER_MAX_DIM];
    nn_real dx[LAYER_MAX_DIM], jt_dy[LAYER_MAX_DIM];
    L->forward(L, x, y);
    L->jacobian(L, x, y, J);
    jacobian_central_differences(L, x, NN_R(1e-6), Jfd);
    L->backward(L, x, y, dy, dx, NULL, NULL);
    for (int j = 0; j < L->in; j++) {
        jt_dy[j] = 0;
        for (int i = 0; i < L->out; i++) jt_dy[j] += J[i * L->in + j] * dy[i];
    }
    layer_check c = { max_abs_diff(J, Jfd, L->out * L->in), max_abs_diff(dx, jt_dy, L->in) };
    return c;
}

/* ---- A network built from these layers ----------------------------------------------- */
void chain_network_init(chain_network *net, nn_rng *rng)
{
    for (int i = 0; i < 12; i++) net->W1[i] = nn_rng_normal(rng, 0, 1);
    for (int i = 0; i < 12; i++) net->W2[i] = nn_rng_normal(rng, 0, 1);
    for (int i = 0; i < 4; i++) net->b1[i] = nn_rng_normal(rng, 0, 0.5);
    for (int i = 0; i < 3; i++) net->b2[i] = nn_rng_normal(rng, 0, 0.5);
    chapter_layer all[4];
    chapter_layers(all, 4, NULL, NULL);
    net->layer[0] = all[0];                            /* affine 3 → 4 */
    net->layer[0].W = net->W1; net->layer[0].b = net->b1;
    net->layer[1] = all[2];                            /* sigmoid on 4 */
    net->layer[2] = all[0];                            /* affine 4 → 3 */
    net->layer[2].in = 4; net->layer[2].out = 3;
    net->layer[2].W = net->W2; net->layer[2].b = net->b2;
    net->layer[3] = all[3];                            /* softmax on 3 */
    net->layer[3].in = net->layer[3].out = 3;
    net->label = 1;
}

/* Forward through the four layers, keeping every intermediate: v[0] = x, v[k+1] = F_k(v[k]). */
static void chain_forward(const chain_network *net, const nn_real *x, nn_real v[5][LAYER_MAX_DIM])
{
    for (int j = 0; j < 3; j++) v[0][j] = x[j];
    for (int k = 0; k < 4; k++) net->layer[k].forward(&net->layer[k], v[k], v[k + 1]);
}

nn_real chain_network_loss(const chain_network *net, const nn_real *x)
{
    nn_real v[5][LAYER_MAX_DIM];
    chain_forward(net, x, v);
    return -log(v[4][net->label]);
}

/* course:begin chain-backward */
/* Backward: start from ∂L/∂S = −1/S_c e_c, then hand each layer the gradient of its
 * output and receive the gradient of its input: dv[k] = J_kᵀ dv[k+1]. */
nn_real chain_network_backward(const chain_network *net, const nn_real *x, nn_real *dx,
                               nn_real *dW1, nn_real *db1, nn_real *dW2, nn_real *db2)
{
    nn_real v[5][LAYER_MAX_DIM], dv[5][LAYER_MAX_DIM] = { { 0 } };
    chain_forward(net, x, v);
    dv[4][net->label] = -1 / v[4][net->label];
    nn_real *dW[4] = { dW1, NULL, dW2, NULL }, *db[4] = { db1, NULL, db2, NULL };
    for (int k = 3; k >= 0; k--)
        net->layer[k].backward(&net->layer[k], v[k], v[k + 1], dv[k + 1], dv[k], dW[k], db[k]);
    for (int j = 0; j < 3; j++) dx[j] = dv[0][j];
    return -log(v[4][net->label]);
}
/* course:end chain-backward */
