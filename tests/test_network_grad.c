/* Backpropagation checked against two references that share no code with it.
 *
 *   central finite differences  of the library's own forward pass and loss (gradcheck.h:
 *                               kinks detected, skipped and counted);
 *   dual numbers                (dual.h): the network's forward pass written again below,
 *                               example by example and sum by sum, on dual numbers, so that
 *                               seeding one parameter gives its exact derivative.
 *
 * The dense layer alone (w.r.t. W, b and X, for every activation but step, under the linear
 * functional L = Σ R ⊙ A with a fixed random R), then whole networks of depth 1, 2 and 3
 * with every activation as hidden activation, every loss at the output, with and without
 * L2 weight decay, and with a fixed dropout mask. Shapes are small, odd and all different
 * (batch 3, inputs 5, hidden 7 and 6, outputs 4), so a transposed index cannot hide;
 * biases start non-zero. Then the contract of nn_network.h: backward adds into the
 * gradients, caches are not regrown for smaller batches, inference applies no dropout. */
#include "nn.h"
#include "tap.h"
#include "dual.h"
#include "gradcheck.h"

#include <string.h>

#define BATCH 3
#define N_IN 5
#define N_OUT 4
#define MAX_WIDTH 8
#define MAX_LAYERS 3

static const nn_activation_kind hidden_kinds[] = {
    NN_IDENTITY, NN_SIGMOID, NN_TANH, NN_RELU, NN_LEAKY_RELU, NN_ELU, NN_SOFTPLUS, NN_SOFTMAX
};
#define N_HIDDEN_KINDS ((int)(sizeof hidden_kinds / sizeof hidden_kinds[0]))

static void fill_uniform(nn_matrix M, double lo, double hi, nn_rng *rng)
{
    for (size_t i = 0; i < nn_matrix_size(M); i++) M.data[i] = nn_rng_uniform(rng, (nn_real)lo, (nn_real)hi);
}

/* ---- The dual-number oracle: a dense layer from its definition ------------------------
 *   z_ij = b_j + Σ_k W_jk x_ik,   a_ij = f(z_ij)   (softmax: a_i = softmax(z_i), row-wise)
 * W is p×d, row-major; x is n×d, z and a n×p. */
static void dual_dense(nn_activation act, const dual *W, const dual *b, const dual *x, int n,
                       int d, int p, dual *z, dual *a)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) {
            dual s = b[j];
            for (int k = 0; k < d; k++) s = dual_add(s, dual_mul(W[j * d + k], x[i * d + k]));
            z[i * p + j] = s;
        }
    for (int i = 0; i < n; i++) {
        if (act.kind == NN_SOFTMAX) { dual_softmax_row(z + i * p, a + i * p, p); continue; }
        for (int j = 0; j < p; j++) a[i * p + j] = dual_activation(act.kind, act.alpha, z[i * p + j]);
    }
}

static void to_duals(const nn_real *x, size_t n, dual *out)
{
    for (size_t i = 0; i < n; i++) out[i] = dual_const((double)x[i]);
}

/* ---- The dense layer alone -------------------------------------------------------------- */

enum { WRT_W, WRT_B, WRT_X };
static const char *const wrt_names[] = { "W", "b", "x" };

typedef struct {
    nn_dense *layer;
    nn_matrix X, R, Z, A;
    int wrt;                    /* which flat vector gc perturbs / seeds */
} dense_ctx;

/* L = Σ_ij R_ij A_ij with A the library's forward: what finite differences see. */
static double dense_value(void *ctx, const nn_real *unused)
{
    dense_ctx *c = ctx;
    (void)unused;                               /* x is perturbed in place: W, b or X itself */
    nn_dense_forward(c->layer, c->X, c->Z, c->A);
    double L = 0;
    for (size_t i = 0; i < nn_matrix_size(c->A); i++) L += (double)c->R.data[i] * c->A.data[i];
    return L;
}

static dual dense_value_dual(void *ctx, const dual *x)
{
    dense_ctx *c = ctx;
    int n = c->X.rows, d = c->layer->in, p = c->layer->out;
    dual W[MAX_WIDTH * MAX_WIDTH], b[MAX_WIDTH], X[BATCH * MAX_WIDTH], z[BATCH * MAX_WIDTH], a[BATCH * MAX_WIDTH];
    to_duals(c->layer->W.data, (size_t)(p * d), W);
    to_duals(c->layer->b.data, (size_t)p, b);
    to_duals(c->X.data, (size_t)(n * d), X);
    dual *target = c->wrt == WRT_W ? W : c->wrt == WRT_B ? b : X;
    memcpy(target, x, (c->wrt == WRT_W ? (size_t)(p * d) : c->wrt == WRT_B ? (size_t)p : (size_t)(n * d)) * sizeof(dual));
    dual_dense(c->layer->act, W, b, X, n, d, p, z, a);
    dual L = dual_const(0);
    for (int i = 0; i < n * p; i++) L = dual_add(L, dual_scale(a[i], (double)c->R.data[i]));
    return L;
}

/* The layer 5 → 7 with activation f, checked w.r.t. W, b and x against both references. */
static void check_dense_layer(nn_activation_kind kind, nn_rng *rng)
{
    nn_layer_spec spec = { 7, nn_activation_make(kind), 0 };
    nn_network *net = nn_network_new(N_IN, 1, &spec);
    nn_dense *layer = &net->layers[0];
    fill_uniform(layer->W, -0.8, 0.8, rng);
    fill_uniform(layer->b, -0.5, 0.5, rng);
    dense_ctx c = { layer, nn_matrix_new(BATCH, N_IN), nn_matrix_new(BATCH, 7), nn_matrix_new(BATCH, 7),
                    nn_matrix_new(BATCH, 7), 0 };
    fill_uniform(c.X, -1, 1, rng);
    fill_uniform(c.R, -1, 1, rng);
    nn_matrix dZ = nn_matrix_new(BATCH, 7), dX = nn_matrix_new(BATCH, N_IN);

    nn_network_zero_grad(net);
    nn_dense_forward(layer, c.X, c.Z, c.A);
    nn_dense_backward(layer, c.X, c.Z, c.A, c.R, dZ, dX, NN_GRAD_ADD); /* dA = ∂L/∂A = R */

    nn_real *vectors[] = { layer->W.data, layer->b.data, c.X.data };
    const nn_real *grads[] = { layer->dW.data, layer->db.data, dX.data };
    size_t sizes[] = { nn_matrix_size(layer->W), nn_matrix_size(layer->b), nn_matrix_size(c.X) };
    int cols[] = { N_IN, 7, N_IN };
    for (int wrt = WRT_W; wrt <= WRT_X; wrt++) {
        c.wrt = wrt;
        gc_options opt = gc_defaults(GC_TOL_OP);
        opt.cols = cols[wrt];
        gc_result r = gc_finite_differences(dense_value, &c, vectors[wrt], sizes[wrt], grads[wrt], &opt);
        gc_ok(&r, &opt, "dense 5-7 %s, dL/d%s", nn_activation_name(kind), wrt_names[wrt]);
        double ref[MAX_WIDTH * MAX_WIDTH];
        gc_dual_gradient(dense_value_dual, &c, vectors[wrt], sizes[wrt], ref);
        r = gc_compare(grads[wrt], ref, sizes[wrt]);
        opt.tol = GC_TOL_DUAL;
        gc_ok(&r, &opt, "dense 5-7 %s, dL/d%s", nn_activation_name(kind), wrt_names[wrt]);
    }
    nn_matrix_free(&c.X); nn_matrix_free(&c.R); nn_matrix_free(&c.Z); nn_matrix_free(&c.A);
    nn_matrix_free(&dZ); nn_matrix_free(&dX);
    nn_network_free(net);
}

/* ---- Whole networks ------------------------------------------------------------------- */

typedef struct {
    nn_network *net;
    nn_matrix X, Y;
    nn_loss loss;
    int dropout;                /* draw the (same) dropout mask from dropout_seed each time */
    uint64_t dropout_seed;
} net_ctx;

static nn_rng *fixed_mask_rng(net_ctx *c, nn_rng *rng)
{
    if (!c->dropout) return NULL;
    nn_rng_seed(rng, c->dropout_seed);
    return rng;
}

/* L(θ) = loss(network(X), Y) + (λ/2) Σ‖W‖², by the library's forward: what finite
 * differences see (θ = net->params, perturbed in place). */
static double network_value(void *ctx, const nn_real *unused)
{
    net_ctx *c = ctx;
    nn_rng rng;
    (void)unused;
    nn_matrix out = nn_network_forward(c->net, c->X, fixed_mask_rng(c, &rng));
    return (double)nn_loss_forward(c->loss, out, c->Y) + (double)nn_network_weight_penalty(c->net);
}

/* The same L on dual numbers, written from the definitions: layer after layer, then the
 * dropout mask (constants, as drawn by the library's forward), the loss and the penalty. */
static dual network_value_dual(void *ctx, const dual *theta)
{
    net_ctx *c = ctx;
    const nn_network *net = c->net;
    int n = c->X.rows, d = net->n_inputs;
    dual x[BATCH * MAX_WIDTH], z[BATCH * MAX_WIDTH], a[BATCH * MAX_WIDTH];
    dual penalty = dual_const(0);
    to_duals(c->X.data, (size_t)(n * d), x);
    for (int l = 0; l < net->n_layers; l++) {
        const nn_dense *layer = &net->layers[l];
        const dual *W = theta + (layer->W.data - net->params), *b = theta + (layer->b.data - net->params);
        dual_dense(layer->act, W, b, x, n, layer->in, layer->out, z, a);
        for (int i = 0; i < n * layer->out; i++)
            x[i] = layer->dropout > 0 ? dual_scale(a[i], (double)net->mask[l].data[i]) : a[i];
        for (int k = 0; k < layer->out * layer->in; k++) penalty = dual_add(penalty, dual_square(W[k]));
        d = layer->out;
    }
    dual L = dual_loss(c->loss.kind, (double)c->loss.delta, x, c->Y.data, n, d);
    return dual_add(L, dual_scale(penalty, (double)net->weight_decay / 2));
}

/* "layer 1 W[2,0]" */
static void name_parameter(void *ctx, size_t i, char *buf, size_t len)
{
    const nn_network *net = ((net_ctx *)ctx)->net;
    for (int l = 0; l < net->n_layers; l++) {
        const nn_dense *layer = &net->layers[l];
        size_t w0 = (size_t)(layer->W.data - net->params), b0 = (size_t)(layer->b.data - net->params);
        if (i >= w0 && i < b0) { snprintf(buf, len, "layer %d W[%zu,%zu]", l, (i - w0) / (size_t)layer->in, (i - w0) % (size_t)layer->in); return; }
        if (i >= b0 && i < b0 + (size_t)layer->out) { snprintf(buf, len, "layer %d b[%zu]", l, i - b0); return; }
    }
    snprintf(buf, len, "[%zu]", i);
}

/* Targets each loss is defined for. */
static void make_targets(nn_loss_kind loss, nn_matrix Y, nn_rng *rng)
{
    nn_matrix_fill(Y, 0);
    for (int i = 0; i < Y.rows; i++)
        for (int j = 0; j < Y.cols; j++) {
            nn_real *y = &NN_AT(Y, i, j);
            switch (loss) {
            case NN_LOSS_HUBER: *y = nn_rng_uniform(rng, -2.5, 2.5); break;   /* both pieces of h_δ */
            case NN_LOSS_BCE: *y = nn_rng_uniform(rng, NN_R(0.05), NN_R(0.95)); break; /* soft labels */
            case NN_LOSS_BCE_LOGITS: *y = (nn_real)nn_rng_below(rng, 2); break;
            case NN_LOSS_SOFTMAX_CE: if (j == 0) NN_AT(Y, i, nn_rng_below(rng, (uint64_t)Y.cols)) = 1; break;
            case NN_LOSS_LOGISTIC: case NN_LOSS_EXPONENTIAL: case NN_LOSS_HINGE: case NN_LOSS_SQUARED_HINGE:
            case NN_LOSS_PERCEPTRON:
                *y = nn_rng_below(rng, 2) ? 1 : -1;
                break;
            default: *y = nn_rng_uniform(rng, -1, 1); break;
            }
        }
}

typedef struct {
    int depth;
    nn_activation_kind hidden[MAX_LAYERS - 1];
    nn_loss_kind loss;
    nn_real weight_decay, dropout;
} net_case;

static double worst_forward_err = 0;     /* library loss vs the dual forward's value */

/* Builds the case's network, takes the library's gradient, checks it both ways. */
static void check_network(net_case k, uint64_t seed)
{
    static const int widths[MAX_LAYERS - 1] = { 7, 6 };
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_layer_spec specs[MAX_LAYERS];
    char shape[64], acts[64] = "";
    int len = snprintf(shape, sizeof shape, "%d", N_IN);
    for (int l = 0; l < k.depth - 1; l++) {
        specs[l] = (nn_layer_spec){ widths[l], nn_activation_make(k.hidden[l]), k.dropout };
        len += snprintf(shape + len, sizeof shape - (size_t)len, "-%d", widths[l]);
        snprintf(acts + strlen(acts), sizeof acts - strlen(acts), "%s%s", l ? "," : "", nn_activation_name(k.hidden[l]));
    }
    snprintf(shape + len, sizeof shape - (size_t)len, "-%d", N_OUT);
    nn_activation_kind out_kind = k.loss == NN_LOSS_BCE ? NN_SIGMOID : NN_IDENTITY;  /* p ∈ (0,1) for bce */
    specs[k.depth - 1] = (nn_layer_spec){ N_OUT, nn_activation_make(out_kind), 0 };
    snprintf(acts + strlen(acts), sizeof acts - strlen(acts), "%s%s", k.depth > 1 ? " -> " : "", nn_activation_name(out_kind));

    net_ctx c = { nn_network_new(N_IN, k.depth, specs), nn_matrix_new(BATCH, N_IN), nn_matrix_new(BATCH, N_OUT),
                  nn_loss_make(k.loss), k.dropout > 0, seed + 1 };
    c.net->weight_decay = k.weight_decay;
    nn_network_init(c.net, nn_init_make(NN_INIT_GLOROT_UNIFORM, 0, 0),
                    nn_init_make(NN_INIT_UNIFORM, NN_R(-0.5), NN_R(0.5)), &rng);
    fill_uniform(c.X, -1, 1, &rng);
    make_targets(k.loss, c.Y, &rng);

    nn_rng mask_rng;
    nn_real L = nn_network_loss_grad(c.net, c.X, c.Y, c.loss, fixed_mask_rng(&c, &mask_rng));
    size_t n = c.net->n_params;
    nn_real *grad = malloc(n * sizeof *grad);
    double *ref = malloc(n * sizeof *ref);
    memcpy(grad, c.net->grads, n * sizeof *grad);

    char what[200];
    snprintf(what, sizeof what, "network %s %s / %s wd=%g%s", shape, acts, nn_loss_name(k.loss),
             (double)k.weight_decay, k.dropout > 0 ? " with a fixed dropout mask" : "");
    gc_options opt = gc_defaults(GC_TOL_NETWORK);
    opt.name = name_parameter;
    opt.ctx = &c;
    gc_result fd = gc_finite_differences(network_value, &c, c.net->params, n, grad, &opt);
    network_value(&c, c.net->params);   /* the masks the dual side reads: same seed, same mask */
    gc_dual_gradient(network_value_dual, &c, c.net->params, n, ref);
    gc_result exact = gc_compare(grad, ref, n);
#ifdef NN_REAL_FLOAT
    /* Through three float layers, coordinates 1e-4 of the largest carry relative rounding
     * errors of 1e-4 and more, and float central differences ~1e-4 of absolute noise:
     * neither comparison can hold a per-coordinate relative tolerance. */
    (void)fd; (void)exact;
    tap_skip(2, "needs double precision (float network gradients vs a per-coordinate relative tolerance)");
#else
    gc_ok(&fd, &opt, "%s", what);
    opt.tol = GC_TOL_DUAL;
    gc_ok(&exact, &opt, "%s", what);
#endif

    dual *theta = malloc(n * sizeof *theta);
    to_duals(c.net->params, n, theta);
    double err = gc_rel_err((double)L, network_value_dual(&c, theta).v);
    if (err > worst_forward_err) worst_forward_err = err;
    free(theta); free(grad); free(ref);
    nn_matrix_free(&c.X); nn_matrix_free(&c.Y);
    nn_network_free(c.net);
}

/* Every loss at depth 1, 2, 3 with every hidden activation, without and with decay. */
static int network_cases(net_case *cases)
{
    static const nn_real decays[] = { 0, NN_R(0.01) };
    int count = 0;
    for (int loss = 0; loss < NN_LOSS_COUNT; loss++)
        for (int w = 0; w < 2; w++) {
            net_case k = { 1, { NN_IDENTITY, NN_IDENTITY }, (nn_loss_kind)loss, decays[w], 0 };
            cases[count++] = k;
            for (int h = 0; h < N_HIDDEN_KINDS; h++) {
                k.depth = 2;
                k.hidden[0] = hidden_kinds[h];
                cases[count++] = k;
                k.depth = 3;                                /* a different pair in each depth-3 net */
                k.hidden[1] = hidden_kinds[(h + 3) % N_HIDDEN_KINDS];
                cases[count++] = k;
            }
        }
    /* dropout: the mask is a constant of the step, so the gradient is checked through it */
    cases[count++] = (net_case){ 3, { NN_TANH, NN_RELU }, NN_LOSS_MSE, 0, NN_R(0.3) };
    cases[count++] = (net_case){ 3, { NN_SIGMOID, NN_ELU }, NN_LOSS_SOFTMAX_CE, NN_R(0.01), NN_R(0.5) };
    return count;
}

/* ---- The contract ------------------------------------------------------------------- */

static nn_network *small_network(nn_real dropout, nn_rng *rng)
{
    nn_layer_spec specs[] = { { 7, nn_activation_make(NN_TANH), dropout }, { N_OUT, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(N_IN, 2, specs);
    nn_network_init(net, nn_init_make(NN_INIT_GLOROT_UNIFORM, 0, 0), nn_init_make(NN_INIT_UNIFORM, -0.5, 0.5), rng);
    return net;
}

/* backward adds: a second backward on the same batch doubles every gradient. */
static void check_backward_adds(nn_rng *rng)
{
    nn_network *net = small_network(0, rng);
    nn_matrix X = nn_matrix_new(BATCH, N_IN), dOut = nn_matrix_new(BATCH, N_OUT);
    fill_uniform(X, -1, 1, rng);
    fill_uniform(dOut, -1, 1, rng);
    nn_network_zero_grad(net);
    nn_network_forward(net, X, NULL);
    nn_network_backward(net, X, dOut, nn_matrix_view(NULL, 0, 0));
    nn_real *once = malloc(net->n_params * sizeof *once);
    memcpy(once, net->grads, net->n_params * sizeof *once);
    nn_network_backward(net, X, dOut, nn_matrix_view(NULL, 0, 0));
    double worst = 0;
    for (size_t i = 0; i < net->n_params; i++) worst = fmax(worst, gc_rel_err(net->grads[i], 2 * once[i]));
    tap_ok(worst <= 4 * NN_REAL_EPSILON, "network backward adds into dW and db: two backward passes give "
           "twice the gradient of one: max rel err %.1e", worst);
    free(once);
    nn_matrix_free(&X); nn_matrix_free(&dOut);
    nn_network_free(net);
}

/* The training step overwrites: nn_network_loss_grad on gradients full of leftovers gives
 * bit for bit what zeroing them and adding into them gives (the two ways of the header). */
static void check_loss_grad_overwrites(nn_rng *rng)
{
    nn_network *net = small_network(0, rng);
    net->weight_decay = NN_R(0.01);
    nn_matrix X = nn_matrix_new(BATCH, N_IN), Y = nn_matrix_new(BATCH, N_OUT);
    fill_uniform(X, -1, 1, rng);
    fill_uniform(Y, -1, 1, rng);
    nn_loss mse = nn_loss_make(NN_LOSS_MSE);
    for (size_t i = 0; i < net->n_params; i++) net->grads[i] = 1e3 + (nn_real)i;
    nn_network_loss_grad(net, X, Y, mse, NULL);
    nn_real *overwritten = malloc(net->n_params * sizeof *overwritten);
    memcpy(overwritten, net->grads, net->n_params * sizeof *overwritten);

    nn_network_zero_grad(net);
    nn_matrix out = nn_network_forward(net, X, NULL);
    nn_matrix dOut = nn_matrix_new(BATCH, N_OUT);
    nn_loss_backward(mse, out, Y, dOut);
    nn_network_backward(net, X, dOut, nn_matrix_view(NULL, 0, 0));
    nn_network_add_weight_decay_grad(net);
    size_t differ = 0;
    for (size_t i = 0; i < net->n_params; i++) differ += overwritten[i] != net->grads[i];
    tap_ok(differ == 0, "nn_network_loss_grad overwrites stale gradients: equal bit for bit to "
           "zero_grad + backward (adding): %zu of %zu differ", differ, net->n_params);
    free(overwritten);
    nn_matrix_free(&X); nn_matrix_free(&Y); nn_matrix_free(&dOut);
    nn_network_free(net);
}

/* Caches are sized for the largest batch seen and reused for smaller ones. */
static void check_caches_reused(nn_rng *rng)
{
    nn_network *net = small_network(NN_R(0.2), rng);
    nn_matrix X = nn_matrix_new(9, N_IN);
    fill_uniform(X, -1, 1, rng);
    nn_network_forward(net, X, rng);
    nn_real *z0 = net->Z[0].data, *mask0 = net->mask[0].data;
    nn_network_forward(net, nn_matrix_row_range(X, 0, 2), rng);
    nn_network_forward(net, X, NULL);
    tap_ok(net->capacity == 9 && net->Z[0].data == z0 && net->mask[0].data == mask0,
           "caches grown once to the largest batch (9 rows) and reused for batches of 2 and 9");
    nn_matrix_free(&X);
    nn_network_free(net);
}

/* Inverted dropout: inference applies no mask; training drops a fraction p and scales
 * the kept units by exactly 1/(1 − p). */
static void check_dropout(nn_rng *rng)
{
    nn_rng init_a, init_b;
    nn_rng_seed(&init_a, 5); init_b = init_a;
    nn_network *with = small_network(NN_R(0.3), &init_a), *without = small_network(0, &init_b);
    nn_matrix X = nn_matrix_new(2000, N_IN);
    fill_uniform(X, -1, 1, rng);
    nn_matrix a = nn_network_forward(with, X, NULL), b = nn_network_forward(without, X, NULL);
    tap_ok(memcmp(a.data, b.data, nn_matrix_size(a) * sizeof(nn_real)) == 0,
           "dropout 0.3 at inference (no generator): output bit-identical to the same network without dropout");
    nn_network_forward(with, X, rng);
    nn_matrix A = with->A[0], mask = with->mask[0], out = with->out[0];
    size_t dropped = 0, size = (size_t)2000 * 7;
    int exact = 1;
    for (size_t i = 0; i < size; i++) {
        if (mask.data[i] == 0) { dropped++; exact &= out.data[i] == 0; continue; }
        exact &= mask.data[i] == (nn_real)(1 / (1 - NN_R(0.3))) && out.data[i] == A.data[i] * mask.data[i];
    }
    double fraction = (double)dropped / (double)size, se = sqrt(0.3 * 0.7 / (double)size);
    tap_ok(exact && fabs(fraction - 0.3) < 5 * se, "dropout 0.3 in training on 2000x7 units: %.4f dropped "
           "(want 0.3 +- %.4f), kept units scaled by exactly 1/0.7", fraction, 5 * se);
    nn_matrix_free(&X);
    nn_network_free(with); nn_network_free(without);
}

int main(void)
{
    static net_case cases[512];
    int n_cases = network_cases(cases);
    tap_plan(6 * (N_HIDDEN_KINDS) + 2 * n_cases + 1 + 5);
    nn_rng rng;
    nn_rng_seed(&rng, 31);
    for (int h = 0; h < N_HIDDEN_KINDS; h++) check_dense_layer(hidden_kinds[h], &rng);
    for (int i = 0; i < n_cases; i++) check_network(cases[i], 1000 + (uint64_t)i * 7);
    tap_ok(worst_forward_err <= GC_TOL_DUAL, "forward loss of all %d networks equals the dual-number forward's "
           "value: max rel err %.1e", n_cases, worst_forward_err);
    check_backward_adds(&rng);
    check_loss_grad_overwrites(&rng);
    check_caches_reused(&rng);
    check_dropout(&rng);
    return tap_done();
}
