/* Part 3. Automatic differentiation: the chain rule done by a program.
 *
 * y = sin(x1) + x1·x2 is recorded on a tape (lib/nn_autodiff.c), then differentiated
 * by one reverse sweep (adjoints, ∂y/∂everything) and by forward sweeps (tangents,
 * ∂everything/∂x_i, one input per sweep). Analytically ∂y/∂x1 = cos x1 + x2 and
 * ∂y/∂x2 = x1.
 *
 * Then the costs: for f: R^d → R a gradient takes 1 reverse sweep but d forward ones;
 * for g: R → R^m a Jacobian takes 1 forward sweep but m reverse ones. */
#include "backprop.h"

/* course:begin autodiff-example */
void autodiff_sin_example(nn_autodiff *g, nn_real x1, nn_real x2, autodiff_example *ex)
{
    nn_autodiff_clear(g);
    int a = nn_ad_input(g, x1, "x1");
    int b = nn_ad_input(g, x2, "x2");
    int s = nn_ad_sin(g, a);                        /* one statement per node: */
    int p = nn_ad_mul(g, a, b);                     /* the tape order is the */
    int y = nn_ad_add(g, s, p);                     /* order written here    */

    nn_autodiff_forward_mode(g, a);                 /* one forward sweep per input */
    ex->forward_dx1 = nn_ad_tangent(g, y);
    nn_autodiff_forward_mode(g, b);
    ex->forward_dx2 = nn_ad_tangent(g, y);

    nn_autodiff_reverse(g, y);                      /* one reverse sweep for both */
    ex->dy_dx1 = nn_ad_adjoint(g, a);
    ex->dy_dx2 = nn_ad_adjoint(g, b);
    /* course:end autodiff-example */

    ex->x1 = x1;
    ex->x2 = x2;
    ex->y = nn_ad_value(g, y);
    ex->analytic_dx1 = cos(x1) + x2;
    ex->analytic_dx2 = x1;
}

/* f(x) = Σ_{i<n} sin(x_i)·x_{i+1} (+ sin(x_0)·x_0 when n = 1): every input matters. */
static int record_many_to_one(nn_autodiff *g, int n, int *in)
{
    for (int i = 0; i < n; i++) in[i] = nn_ad_input(g, NN_R(0.1) * (i + 1), NULL);
    int y = -1;
    for (int i = 0; i < n; i++) {
        int t = nn_ad_mul(g, nn_ad_sin(g, in[i]), in[(i + 1) % n]);
        y = y < 0 ? t : nn_ad_add(g, y, t);
    }
    return y;
}

/* g_j(t) = sin(t_j)·t with t_j = t·(j+1): one input, m outputs. */
static int record_one_to_many(nn_autodiff *g, int m, int *out)
{
    int t = nn_ad_input(g, NN_R(0.3), "t");
    for (int j = 0; j < m; j++) {
        int tj = nn_ad_mul(g, nn_ad_const(g, (nn_real)(j + 1)), t);
        out[j] = nn_ad_mul(g, nn_ad_sin(g, tj), t);
    }
    return t;
}

void measure_mode_costs(int dim, mode_costs *c)
{
    int idx[MODE_MAX_DIM];
    if (dim > MODE_MAX_DIM) dim = MODE_MAX_DIM;
    nn_autodiff *g = nn_autodiff_new();
    c->dim = dim;

    int y = record_many_to_one(g, dim, idx);        /* gradient of f: R^dim → R */
    nn_autodiff_reset_counts(g);
    for (int i = 0; i < dim; i++) {                 /* dim forward sweeps, one per input */
        nn_autodiff_forward_mode(g, idx[i]);
        c->grad_forward[i] = nn_ad_tangent(g, y);
    }
    nn_autodiff_reverse(g, y);                      /* one reverse sweep for all of them */
    for (int i = 0; i < dim; i++) c->grad_reverse[i] = nn_ad_adjoint(g, idx[i]);
    c->grad_forward_sweeps = g->forward_sweeps;  c->grad_forward_madds = g->forward_madds;
    c->grad_reverse_sweeps = g->reverse_sweeps;  c->grad_reverse_madds = g->reverse_madds;

    nn_autodiff_clear(g);                           /* Jacobian of g: R → R^dim */
    int t = record_one_to_many(g, dim, idx);
    nn_autodiff_reset_counts(g);
    nn_autodiff_forward_mode(g, t);                 /* one forward sweep for all outputs */
    for (int j = 0; j < dim; j++) c->jac_forward[j] = nn_ad_tangent(g, idx[j]);
    for (int j = 0; j < dim; j++) {                 /* dim reverse sweeps, one per output */
        nn_autodiff_reverse(g, idx[j]);
        c->jac_reverse[j] = nn_ad_adjoint(g, t);
    }
    c->jac_forward_sweeps = g->forward_sweeps;  c->jac_forward_madds = g->forward_madds;
    c->jac_reverse_sweeps = g->reverse_sweeps;  c->jac_reverse_madds = g->reverse_madds;
    nn_autodiff_free(g);
}
