/* The scalar autodiff tape: y = sin(x1) + x1·x2 against its analytic gradient, composed
 * expressions against gradients derived by hand and against central differences,
 * forward mode equal to reverse mode, replay, the sweep counts, and the DOT drawing. */
#include "nn.h"
#include "nn_autodiff.h"
#include "tap.h"

#include <string.h>

#define N_IN 3

/* An expression written twice: recorded on the tape, and as plain C with its gradient
 * derived by hand (the independent oracle). */
typedef struct {
    const char *text;
    int (*record)(nn_autodiff *g, const int *x);
    double (*value)(const double *x);
    void (*gradient)(const double *x, double *dx);
} expression;

static double sig(double z) { return 1 / (1 + exp(-z)); }

/* e1 = log(1 + exp(x1 x2)) − tanh(x3) x1 */
static int e1_record(nn_autodiff *g, const int *x)
{
    int u = nn_ad_exp(g, nn_ad_mul(g, x[0], x[1]));
    int s = nn_ad_log(g, nn_ad_add(g, nn_ad_const(g, 1), u));
    return nn_ad_sub(g, s, nn_ad_mul(g, nn_ad_tanh(g, x[2]), x[0]));
}
static double e1_value(const double *x) { return log(1 + exp(x[0] * x[1])) - tanh(x[2]) * x[0]; }
static void e1_gradient(const double *x, double *dx)
{
    double s = sig(x[0] * x[1]), t = tanh(x[2]);
    dx[0] = s * x[1] - t;
    dx[1] = s * x[0];
    dx[2] = -(1 - t * t) * x[0];
}

/* e2 = σ(x1)^2.5 · relu(x2 − x3) + sin(x3 x3) */
static int e2_record(nn_autodiff *g, const int *x)
{
    int p = nn_ad_pow(g, nn_ad_sigmoid(g, x[0]), 2.5);
    int r = nn_ad_relu(g, nn_ad_sub(g, x[1], x[2]));
    return nn_ad_add(g, nn_ad_mul(g, p, r), nn_ad_sin(g, nn_ad_mul(g, x[2], x[2])));
}
static double e2_value(const double *x)
{
    double r = x[1] - x[2] > 0 ? x[1] - x[2] : 0;
    return pow(sig(x[0]), 2.5) * r + sin(x[2] * x[2]);
}
static void e2_gradient(const double *x, double *dx)
{
    double s = sig(x[0]), on = x[1] - x[2] > 0, r = on ? x[1] - x[2] : 0;
    dx[0] = 2.5 * pow(s, 1.5) * s * (1 - s) * r;
    dx[1] = pow(s, 2.5) * on;
    dx[2] = -pow(s, 2.5) * on + cos(x[2] * x[2]) * 2 * x[2];
}

/* e3 = exp(−x1 x1) · x2 / x3 + x1 x2 x3  (division written as pow(x3, −1)) */
static int e3_record(nn_autodiff *g, const int *x)
{
    int gauss = nn_ad_exp(g, nn_ad_sub(g, nn_ad_const(g, 0), nn_ad_mul(g, x[0], x[0])));
    int ratio = nn_ad_mul(g, x[1], nn_ad_pow(g, x[2], -1));
    return nn_ad_add(g, nn_ad_mul(g, gauss, ratio), nn_ad_mul(g, nn_ad_mul(g, x[0], x[1]), x[2]));
}
static double e3_value(const double *x) { return exp(-x[0] * x[0]) * x[1] / x[2] + x[0] * x[1] * x[2]; }
static void e3_gradient(const double *x, double *dx)
{
    double e = exp(-x[0] * x[0]);
    dx[0] = -2 * x[0] * e * x[1] / x[2] + x[1] * x[2];
    dx[1] = e / x[2] + x[0] * x[2];
    dx[2] = -e * x[1] / (x[2] * x[2]) + x[0] * x[1];
}

static const expression expressions[] = {
    { "log(1+exp(x1 x2)) - tanh(x3) x1", e1_record, e1_value, e1_gradient },
    { "sigmoid(x1)^2.5 relu(x2-x3) + sin(x3^2)", e2_record, e2_value, e2_gradient },
    { "exp(-x1^2) x2/x3 + x1 x2 x3", e3_record, e3_value, e3_gradient },
};
#define N_EXPR ((int)(sizeof expressions / sizeof expressions[0]))

static double rel_err(double a, double b) { return fabs(a - b) / fmax(1.0, fabs(b)); }

static void check_sin_plus_product(void)
{
    nn_autodiff *g = nn_autodiff_new();
    nn_real x1 = NN_R(0.7), x2 = NN_R(-1.3);
    int a = nn_ad_input(g, x1, "x1"), b = nn_ad_input(g, x2, "x2");
    int y = nn_ad_add(g, nn_ad_sin(g, a), nn_ad_mul(g, a, b));
    nn_autodiff_reverse(g, y);
    double e_val = fabs(nn_ad_value(g, y) - (sin(x1) + x1 * x2));
    double e1 = fabs(nn_ad_adjoint(g, a) - (cos(x1) + x2)), e2 = fabs(nn_ad_adjoint(g, b) - x1);
    tap_ok(e_val <= 4 * NN_REAL_EPSILON && e1 <= 4 * NN_REAL_EPSILON && e2 == 0,
           "y = sin(x1) + x1 x2 at (0.7, -1.3): reverse sweep gives (cos x1 + x2, x1): errors %.1e %.1e, value err %.1e",
           e1, e2, e_val);
    nn_autodiff_free(g);
}

/* Each expression at a few random points: reverse adjoints vs the hand-derived gradient,
 * vs central differences of the plain-C value, and forward-mode tangents vs adjoints. */
static void check_expressions(nn_rng *rng)
{
    int double_only = NN_REAL_EPSILON < 1e-10;
    for (int e = 0; e < N_EXPR; e++) {
        double worst_hand = 0, worst_fd = 0, worst_modes = 0;
        for (int trial = 0; trial < 20; trial++) {
            double x[N_IN], dx[N_IN];
            for (int i = 0; i < N_IN; i++) x[i] = nn_rng_uniform(rng, 0.2, 1.5) * (i == 1 ? -1 : 1);
            if (e == 1) x[1] = -x[1];                       /* keep x2 − x3 off relu's kink */
            if (e == 1 && fabs(x[1] - x[2]) < 0.05) x[1] += 0.1;
            nn_autodiff *g = nn_autodiff_new();
            int in[N_IN];
            for (int i = 0; i < N_IN; i++) in[i] = nn_ad_input(g, x[i], NULL);
            int y = expressions[e].record(g, in);
            nn_autodiff_reverse(g, y);
            expressions[e].gradient(x, dx);
            for (int i = 0; i < N_IN; i++) {
                double adj = nn_ad_adjoint(g, in[i]);
                worst_hand = fmax(worst_hand, rel_err(adj, dx[i]));
                double h = 1e-5, xp[N_IN], xm[N_IN];
                memcpy(xp, x, sizeof x); memcpy(xm, x, sizeof x);
                xp[i] += h; xm[i] -= h;
                double fd = (expressions[e].value(xp) - expressions[e].value(xm)) / (2 * h);
                worst_fd = fmax(worst_fd, rel_err(adj, fd));
                nn_autodiff_forward_mode(g, in[i]);
                worst_modes = fmax(worst_modes, rel_err(nn_ad_tangent(g, y), adj));
            }
            nn_autodiff_free(g);
        }
        /* Tape and hand formula evaluate the same operations in different orders: a few
         * ulps. Central differences with h = 1e-5: truncation h²|f'''|/6 plus round-off
         * ε|f|/h, about 1e-10 here. */
        double tol_hand = 64 * NN_REAL_EPSILON, tol_fd = double_only ? 1e-8 : 5e-2;
        tap_ok(worst_hand <= tol_hand, "%s: reverse adjoints vs hand-derived gradient, 20 points: max rel err %.1e",
               expressions[e].text, worst_hand);
        tap_ok(worst_fd <= tol_fd, "%s: reverse adjoints vs central differences (h=1e-5): max rel err %.1e",
               expressions[e].text, worst_fd);
        tap_ok(worst_modes <= tol_hand, "%s: forward-mode tangents equal reverse adjoints: max rel diff %.1e",
               expressions[e].text, worst_modes);
    }
}

/* Recorded once, replayed at a new point: the same as recording afresh. */
static void check_replay(void)
{
    nn_autodiff *g = nn_autodiff_new(), *h = nn_autodiff_new();
    double x[N_IN] = { 0.3, -0.8, 1.1 }, x2[N_IN] = { -0.5, 0.4, 0.9 };
    int in[N_IN], in2[N_IN];
    for (int i = 0; i < N_IN; i++) in[i] = nn_ad_input(g, x[i], NULL);
    int y = e1_record(g, in);
    for (int i = 0; i < N_IN; i++) nn_ad_set(g, in[i], x2[i]);
    nn_autodiff_replay(g);
    nn_autodiff_reverse(g, y);
    for (int i = 0; i < N_IN; i++) in2[i] = nn_ad_input(h, x2[i], NULL);
    int y2 = e1_record(h, in2);
    nn_autodiff_reverse(h, y2);
    int same = nn_ad_value(g, y) == nn_ad_value(h, y2);
    for (int i = 0; i < N_IN; i++) same &= nn_ad_adjoint(g, in[i]) == nn_ad_adjoint(h, in2[i]);
    tap_ok(same, "replaying a recorded tape at a new point gives the bits of a fresh recording (value %.6f)",
           nn_ad_value(g, y));
    nn_autodiff_free(g);
    nn_autodiff_free(h);
}

/* f(x) = Σ_i sin(x_i) x_{i+1} on n inputs: the gradient costs 1 reverse sweep or n
 * forward sweeps; each sweep does one multiply-add per operand edge, 3(n−1) + 2(n−2). */
static void check_costs(void)
{
    const int n = 16;
    nn_autodiff *g = nn_autodiff_new();
    int in[16], y = -1;
    for (int i = 0; i < n; i++) in[i] = nn_ad_input(g, 0.1 * i, NULL);
    for (int i = 0; i + 1 < n; i++) {
        int t = nn_ad_mul(g, nn_ad_sin(g, in[i]), in[i + 1]);
        y = y < 0 ? t : nn_ad_add(g, y, t);
    }
    long edges = 3L * (n - 1) + 2L * (n - 2);   /* sin: 1, mul: 2, add: 2 operands */
    nn_autodiff_reset_counts(g);
    nn_autodiff_reverse(g, y);
    for (int i = 0; i < n; i++) nn_autodiff_forward_mode(g, in[i]);
    tap_ok(g->reverse_sweeps == 1 && g->reverse_madds == edges && g->forward_sweeps == n
           && g->forward_madds == n * edges,
           "gradient of f: R^16 -> R: 1 reverse sweep (%ld madds) vs %ld forward sweeps (%ld madds), %ld edges",
           g->reverse_madds, g->forward_sweeps, g->forward_madds, edges);
    nn_autodiff_free(g);
}

/* The drawing: stable names, values and adjoints, the same bytes twice. */
static void check_dot(void)
{
    nn_autodiff *g = nn_autodiff_new();
    int a = nn_ad_input(g, 0.5, "x1"), b = nn_ad_input(g, 2, "x2");
    int s = nn_ad_sin(g, a);            /* separate statements: a fixed tape order */
    int y = nn_ad_add(g, s, nn_ad_mul(g, a, b));
    nn_autodiff_reverse(g, y);
    char *buf[2] = { NULL, NULL };
    size_t len[2] = { 0, 0 };
    int rc = 0;
    for (int t = 0; t < 2; t++) {
        FILE *fp = open_memstream(&buf[t], &len[t]);
        rc |= nn_autodiff_write_dot(g, fp, "y = sin(x1) + x1 x2");
        fclose(fp);
    }
    int ok = rc == 0 && len[0] == len[1] && memcmp(buf[0], buf[1], len[0]) == 0
             && strstr(buf[0], "n0 [label=\"n0 = x1") && strstr(buf[0], "n4 [label=\"n4 = +")
             && strstr(buf[0], "n0 -> n2") && strstr(buf[0], "adjoint 2.878") && !strstr(buf[0], "0x");
    tap_ok(ok, "DOT drawing: stable names n0..n4, adjoint of x1 (cos 0.5 + 2 = 2.878) shown, %zu bytes, identical twice",
           len[0]);
    if (!ok && buf[0]) tap_diag("%s", buf[0]);
    free(buf[0]);
    free(buf[1]);
    nn_autodiff_free(g);
}

int main(void)
{
    tap_plan(1 + 3 * N_EXPR + 3);
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    check_sin_plus_product();
    check_expressions(&rng);
    check_replay();
    check_costs();
    check_dot();
    return tap_done();
}
