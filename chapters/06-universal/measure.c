/* How good a built network is, and what it is: the sup error on a fine grid, the slope of
 * the error against N on log-log axes, the neurons a tolerance needs, and the exact number
 * of linear pieces of a ReLU network of one variable. */
#include "universal.h"

#include <assert.h>
#include <stdlib.h>

/* Rows per forward pass: about 2^18 numbers (2 MB) in each cache of the widest layer, at
 * least 256 rows, so that a 4096-unit layer stays small in memory and a narrow one is
 * evaluated in few passes. */
static int chunk_rows(const nn_network *net)
{
    int widest = 1;
    for (int l = 0; l < net->n_layers; l++) if (net->layers[l].out > widest) widest = net->layers[l].out;
    return widest >= 1024 ? 256 : (1 << 18) / widest;
}

/* The double (or float) just below x. */
static nn_real just_below(nn_real x)
{
#ifdef NN_REAL_FLOAT
    return nextafterf(x, -INFINITY);
#else
    return nextafter(x, -INFINITY);
#endif
}

/* course:begin grid */
int knot_at(nn_real x, int N)
{
    int i = (int)floor(x * N + NN_R(0.5));
    for (int j = i - 1; j <= i + 1; j++)
        if (j >= 0 && j <= N && (nn_real)j / (nn_real)N == x) return j;
    return -1;
}

nn_matrix error_grid(int N, const target *t)
{
    int extra = isnan(t->at) ? 0 : 2, M = N * GRID_PER_INTERVAL + 1 + extra;
    nn_matrix X = nn_matrix_new(M, 1);
    for (int i = 0; i < N * GRID_PER_INTERVAL; i++)
        X.data[i] = (nn_real)i / (nn_real)(N * GRID_PER_INTERVAL);
    X.data[N * GRID_PER_INTERVAL] = 1;
    if (extra) {                                  /* a kink's tip, a jump's two sides */
        X.data[M - 2] = t->at;
        X.data[M - 1] = just_below(t->at);
    }
    return X;
}
/* course:end grid */

void network_outputs(nn_network *net, nn_matrix X, nn_real *out)
{
    int chunk = chunk_rows(net);
    for (int first = 0; first < X.rows; first += chunk) {
        int rows = X.rows - first < chunk ? X.rows - first : chunk;
        nn_matrix Y = nn_network_forward(net, nn_matrix_row_range(X, first, rows), NULL);
        for (int i = 0; i < rows; i++) out[first + i] = NN_AT(Y, i, 0);
    }
}

/* course:begin sup_error */
nn_real sup_error(nn_network *net, const target *t, nn_matrix grid, nn_real *argmax)
{
    nn_real *g = malloc(grid.rows * sizeof *g), worst = -1, where = 0;
    network_outputs(net, grid, g);
    for (int i = 0; i < grid.rows; i++) {
        nn_real e = fabs(target_value(t, grid.data[i]) - g[i]);
        if (e > worst) { worst = e; where = grid.data[i]; }
    }
    free(g);
    if (argmax) *argmax = where;
    return worst;
}
/* course:end sup_error */

nn_real interpolation_error(const target *t, int N)
{
    nn_network *net = build_for_target(t, N);
    nn_matrix grid = error_grid(N, t);
    nn_real e = sup_error(net, t, grid, NULL);
    nn_matrix_free(&grid);
    nn_network_free(net);
    return e;
}

nn_real error_bound(const target *t, int N, const char **which)
{
    nn_real h = NN_R(1.0) / (nn_real)N;
    const char *name;
    nn_real bound;
    if (isfinite(t->curvature)) { name = "h²/8·max|f″|"; bound = h * h / 8 * t->curvature; }
    else if (isfinite(t->lipschitz)) { name = "Lh/2"; bound = t->lipschitz * h / 2; }
    else { name = "ω_f(h)"; bound = t->modulus(t, h); }
    if (which) *which = name;
    return bound;
}

nn_real loglog_slope(const nn_real *N, const nn_real *err, int n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0;
    for (int i = 0; i < n; i++) { mx += log(N[i]) / n; my += log(err[i]) / n; }
    for (int i = 0; i < n; i++) {
        double dx = log(N[i]) - mx, dy = log(err[i]) - my;
        sxy += dx * dy;
        sxx += dx * dx;
    }
    return (nn_real)(sxy / sxx);
}

/* course:begin neurons_for */
/* ⌈x⌉ for an x computed with a few roundings: 25 computed as 25.000000000000004 stays 25. */
static int ceiling(double x) { return (int)ceil(x * (1 - 8 * DBL_EPSILON)); }

int neurons_for_lipschitz(nn_real L, nn_real epsilon) { return ceiling((double)L / (2.0 * epsilon)); }
int neurons_for_curvature(nn_real curvature, nn_real epsilon)
{
    return ceiling(sqrt((double)curvature / (8.0 * epsilon)));
}
/* course:end neurons_for */

/* ---- The linear pieces of a ReLU network of one variable --------------------------- */

typedef struct { nn_real *x; int n, cap; } points;

static void push(points *p, nn_real x)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->x = realloc(p->x, p->cap * sizeof *p->x);
    }
    p->x[p->n++] = x;
}

static int by_value(const void *a, const void *b)
{
    nn_real x = *(const nn_real *)a, y = *(const nn_real *)b;
    return (x > y) - (x < y);
}

/* course:begin breakpoints */
/* Adds the points where a unit of layer l changes state. Between two consecutive points of
 * p every unit of the layers before l keeps its state, so the pre-activation z of a unit
 * of layer l is linear there: if z(u) and z(v) have opposite signs it is 0 once, at
 * u + (v − u) z(u)/(z(u) − z(v)). z(u), z(v) are read from the forward pass's cache Z[l]. */
static void add_breakpoints(nn_network *net, int l, points *p)
{
    int n = p->n, units = net->layers[l].out;
    nn_real *x = malloc(n * sizeof *x);
    for (int i = 0; i < n; i++) x[i] = p->x[i];
    nn_network_forward(net, nn_matrix_view(x, n, 1), NULL);
    nn_matrix Z = net->Z[l];
    for (int i = 0; i + 1 < n; i++)
        for (int j = 0; j < units; j++) {
            nn_real zu = NN_AT(Z, i, j), zv = NN_AT(Z, i + 1, j);
            if ((zu < 0 && zv > 0) || (zu > 0 && zv < 0))
                push(p, x[i] + (x[i + 1] - x[i]) * (zu / (zu - zv)));
        }
    free(x);
    qsort(p->x, p->n, sizeof *p->x, by_value);
    int kept = 0;                                     /* two units may break at one point */
    for (int i = 0; i < p->n; i++)
        if (kept == 0 || p->x[i] != p->x[kept - 1]) p->x[kept++] = p->x[i];
    p->n = kept;
}
/* course:end breakpoints */

/* ∂ŷ/∂x at the midpoint of each interval of p, from the backward pass. */
static nn_real *slopes_between(nn_network *net, const points *p)
{
    int n = p->n - 1;
    nn_matrix mid = nn_matrix_new(n, 1), dOut = nn_matrix_new(n, 1), dX = nn_matrix_new(n, 1);
    for (int i = 0; i < n; i++) mid.data[i] = p->x[i] + (p->x[i + 1] - p->x[i]) / 2;
    nn_matrix_fill(dOut, 1);
    nn_network_forward(net, mid, NULL);
    nn_network_backward(net, mid, dOut, dX);
    nn_network_zero_grad(net);                        /* the parameters' gradients are not wanted */
    nn_real *s = malloc(n * sizeof *s);
    for (int i = 0; i < n; i++) s[i] = dX.data[i];
    nn_matrix_free(&mid); nn_matrix_free(&dOut); nn_matrix_free(&dX);
    return s;
}

/* course:begin count_pieces */
int count_pieces(nn_network *net, nn_real a, nn_real b, nn_real **breaks)
{
    assert(net->n_inputs == 1 && net->layers[net->n_layers - 1].out == 1 && a < b);
    points p = { 0 };
    push(&p, a);
    push(&p, b);
    for (int l = 0; l + 1 < net->n_layers; l++) {
        assert(net->layers[l].act.kind == NN_RELU && net->layers[l].dropout == 0);
        add_breakpoints(net, l, &p);
    }
    nn_real *s = slopes_between(net, &p);
    points ends = { 0 };
    push(&ends, a);
    for (int i = 1; i < p.n - 1; i++) {               /* a piece ends where the slope changes */
        nn_real scale = fabs(s[i - 1]) > fabs(s[i]) ? fabs(s[i - 1]) : fabs(s[i]);
        if (fabs(s[i] - s[i - 1]) > NN_R(1e-9) * (scale > 1 ? scale : 1)) push(&ends, p.x[i]);
    }
    push(&ends, b);
    free(s);
    free(p.x);
    int pieces = ends.n - 1;
    if (breaks) *breaks = ends.x; else free(ends.x);
    return pieces;
}
/* course:end count_pieces */
