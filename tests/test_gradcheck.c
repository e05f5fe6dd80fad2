/* The test tools tested: dual numbers against derivatives known in closed form, and the
 * gradient checker against a right gradient, a wrong one and kinked functions. A checker
 * that cannot fail proves nothing, so its failures are exercised here too. */
#include <math.h>
#include "nn.h"
#include "tap.h"
#include "dual.h"
#include "gradcheck.h"

/* ---- Dual numbers against closed forms ---------------------------------------------- */

/* f(x) = sin(x²)·e^{−x} / (1 + x²) + tanh(3x) + log1p(x²) + sqrt(2 + cos x), and its
 * derivative by hand (product, quotient and chain rules). */
static dual composite(dual x)
{
    dual x2 = dual_square(x);
    dual a = dual_div(dual_mul(dual_sin(x2), dual_exp(dual_neg(x))), dual_add_const(x2, 1));
    dual b = dual_tanh(dual_scale(x, 3));
    dual c = dual_log1p(x2);
    dual d = dual_sqrt(dual_add_const(dual_cos(x), 2));
    return dual_add(dual_add(a, b), dual_add(c, d));
}

static double composite_derivative(double x)
{
    double x2 = x * x, s = sin(x2), e = exp(-x), den = 1 + x2;
    double da = (2 * x * cos(x2) * e - s * e) / den - s * e * 2 * x / (den * den);
    double db = 3 / (cosh(3 * x) * cosh(3 * x));
    double dc = 2 * x / (1 + x2);
    double dd = -sin(x) / (2 * sqrt(2 + cos(x)));
    return da + db + dc + dd;
}

static void check_dual_elementary(void)
{
    double worst = 0;
    for (int k = 0; k <= 400; k++) {
        double x = -4 + 0.02 * k;
        double e = gc_rel_err(composite(dual_var(x)).d, composite_derivative(x));
        if (e > worst) worst = e;
    }
    tap_ok(worst <= 1e-13, "dual numbers: derivative of sin(x^2)e^-x/(1+x^2) + tanh 3x + log1p x^2 "
           "+ sqrt(2+cos x) on 401 points equals the hand derivative: max rel err %.1e", worst);

    /* tanh' = 1/cosh² stays accurate where 1 − tanh² has cancelled to 0 */
    double t20 = dual_tanh(dual_var(20)).d, want20 = 4 * exp(-40) / ((1 + exp(-40)) * (1 + exp(-40)));
    double sp0 = dual_softplus(dual_var(0)).d, sg0 = dual_sigmoid(dual_var(0)).d;
    tap_ok(gc_rel_err(t20, want20) < 1e-14 && sp0 == 0.5 && sg0 == 0.25,
           "dual numbers at the hard points: tanh'(20) = %.6e (4e^-40/(1+e^-40)^2), softplus'(0) = %g, "
           "sigmoid'(0) = %g", t20, sp0, sg0);

    dual r0 = dual_activation(NN_RELU, 0, dual_var(0)), a0 = dual_fabs(dual_var(0));
    tap_ok(r0.d == 0 && a0.d == 0 && dual_max0(dual_var(1e-300)).d == 1,
           "dual numbers at kinks follow the conventions: relu'(0) = %g, |x|'(0) = %g", r0.d, a0.d);
}

/* ---- The checker on L(x) = Σ w_i g(x_i) --------------------------------------------- */

#define N_COORDS 40

typedef struct {
    int use_relu;             /* g = max(0, x) instead of g = sin x + x³/3 */
    nn_real w[N_COORDS];
} sum_ctx;

static double sum_value(void *p, const nn_real *x)
{
    const sum_ctx *c = p;
    double s = 0;
    for (int i = 0; i < N_COORDS; i++) {
        double xi = x[i];
        s += c->w[i] * (c->use_relu ? (xi > 0 ? xi : 0) : sin(xi) + xi * xi * xi / 3);
    }
    return s;
}

static dual sum_value_dual(void *p, const dual *x)
{
    const sum_ctx *c = p;
    dual s = dual_const(0);
    for (int i = 0; i < N_COORDS; i++) {
        dual g = c->use_relu ? dual_max0(x[i])
                            : dual_add(dual_sin(x[i]), dual_scale(dual_mul(x[i], dual_square(x[i])), 1.0 / 3));
        s = dual_add(s, dual_scale(g, c->w[i]));
    }
    return s;
}

static void sum_gradient(const sum_ctx *c, const nn_real *x, nn_real *g, double wrong_factor)
{
    for (int i = 0; i < N_COORDS; i++) {
        double xi = x[i];
        double d = c->use_relu ? (xi > 0) : cos(xi) + xi * xi;
        g[i] = (nn_real)(c->w[i] * d * (i == 7 ? wrong_factor : 1));
    }
}

static int relu_near_kink(void *ctx, const nn_real *x, size_t i, double h)
{
    (void)ctx;
    return fabs((double)x[i]) <= h;
}

static void check_checker(nn_rng *rng)
{
    sum_ctx c;
    c.use_relu = 0;
    nn_real x[N_COORDS], g[N_COORDS];
    double ref[N_COORDS];
    for (int i = 0; i < N_COORDS; i++) {
        c.w[i] = (nn_real)nn_rng_uniform(rng, 0.5, 2);
        x[i] = (nn_real)nn_rng_uniform(rng, -2, 2);
    }
    gc_options opt = gc_defaults(GC_TOL_OP);
    sum_gradient(&c, x, g, 1);
    gc_result r = gc_finite_differences(sum_value, &c, x, N_COORDS, g, &opt);
    gc_ok(&r, &opt, "checker: right gradient of sum w (sin x + x^3/3)");

    gc_dual_gradient(sum_value_dual, &c, x, N_COORDS, ref);
    r = gc_compare(g, ref, N_COORDS);
    gc_options dopt = gc_defaults(GC_TOL_DUAL);
    gc_ok(&r, &dopt, "checker: right gradient of sum w (sin x + x^3/3)");

    /* One coordinate off by a relative 1e-3 (1e-1 in float, beyond the float tolerance):
     * both references must reject it and name it. */
    double wrong = 1 + (GC_TOL_OP > 1e-3 ? 1e-1 : 1e-3);
    sum_gradient(&c, x, g, wrong);
    gc_result rf = gc_finite_differences(sum_value, &c, x, N_COORDS, g, &opt);
    gc_result rd = gc_compare(g, ref, N_COORDS);
    tap_ok(!gc_passed(&rf, &opt) && !gc_passed(&rd, &dopt) && rf.worst[0].index == 7
           && rd.worst[0].index == 7 && rf.skipped == 0,
           "checker: a gradient off by a factor %g in coordinate 7 is rejected by both references "
           "and named worst (rel err %.1e and %.1e, %zu skipped)", wrong, rf.max_rel_err,
           rd.max_rel_err, rf.skipped);

    /* max(0,x) with a kink exactly at x (0) and one inside (h/2, h): found without being told. */
    c.use_relu = 1;
    x[3] = 0;
    x[11] = (nn_real)(0.7 * GC_H);
    sum_gradient(&c, x, g, 1);
    r = gc_finite_differences(sum_value, &c, x, N_COORDS, g, &opt);
    tap_ok(gc_passed(&r, &opt) && r.skipped == 2,
           "checker: max(0,x) with kinks at 0 and at 0.7h is skipped without a hint: %zu of %zu skipped, "
           "max rel err %.1e elsewhere", r.skipped, r.n, r.max_rel_err);

    /* The same with the hint: the caller's predicate skips them before any difference. */
    opt.near_kink = relu_near_kink;
    r = gc_finite_differences(sum_value, &c, x, N_COORDS, g, &opt);
    tap_ok(gc_passed(&r, &opt) && r.skipped == 2,
           "checker: the same kinks skipped by the caller's near_kink: %zu of %zu", r.skipped, r.n);

    /* Too many kinks: 5 of 40 (12.5%) skipped fails the check. */
    for (int i = 20; i < 25; i++) x[i] = 0;
    sum_gradient(&c, x, g, 1);
    r = gc_finite_differences(sum_value, &c, x, N_COORDS, g, &opt);
    tap_ok(!gc_passed(&r, &opt) && r.skipped == 7,
           "checker: 7 of 40 coordinates at kinks (more than 10%%) fail the check: %zu skipped",
           r.skipped);
}

int main(void)
{
    tap_plan(9);
    nn_rng rng;
    nn_rng_seed(&rng, 20240611);
    check_dual_elementary();
    check_checker(&rng);
    return tap_done();
}
