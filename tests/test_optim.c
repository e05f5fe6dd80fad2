/* Optimisers against their equations, written out here as scalar recurrences.
 *
 * Every optimiser takes three steps on a 3-parameter vector with a fixed sequence of
 * gradients; after each step the library's θ must equal the recurrence computed below,
 * coordinate by coordinate, in double [C5.1]. The recurrences are typed from the papers'
 * algorithms (and PyTorch's documented forms where nn_optim.h says it follows them), not
 * from nn_optim.c. Then: Adam's first step has size λ in every coordinate whatever the
 * gradient's scale [C5.6], AdamW's decay alone shrinks θ by (1 − λω) per step, Adamax's
 * and Nadam's first steps have their closed forms, and the schedules give theirs. */
#include "nn.h"
#include "tap.h"

#include <string.h>

#define N 3
#define STEPS 3

static const double theta0[N] = { 0.5, -1.25, 2.0 };
/* g_t for t = 1, 2, 3: mixed signs and scales (1e-3 to 40), one zero, one sign flip. */
static const double grads[STEPS][N] = {
    { 0.8, -0.003, 40.0 },
    { -0.6, 0.0, 25.0 },
    { 0.1, 0.002, -3.0 },
};

/* The hand computation: the equations of nn_optim.h, one coordinate at a time. */
static void reference_steps(nn_optimizer_config c, double expected[STEPS][N])
{
    for (int i = 0; i < N; i++) {
        double th = theta0[i], m = 0, v = 0, u = 0, lr = c.lr;
        double mu_product = 1;                                   /* Nadam's Π μ_i */
        for (int t = 1; t <= STEPS; t++) {
            double g = grads[t - 1][i];
            switch (c.kind) {
            case NN_OPT_SGD: th = th - lr * g; break;
            case NN_OPT_MOMENTUM: m = c.momentum * m + g; th = th - lr * m; break;
            case NN_OPT_NESTEROV: m = c.momentum * m + g; th = th - lr * (g + c.momentum * m); break;
            case NN_OPT_ADAGRAD: v = v + g * g; th = th - lr * g / (sqrt(v) + c.eps); break;
            case NN_OPT_RMSPROP:
                v = c.rho * v + (1 - c.rho) * g * g;
                th = th - lr * g / (sqrt(v) + c.eps);
                break;
            case NN_OPT_ADAM: case NN_OPT_ADAMW: {
                if (c.kind == NN_OPT_ADAMW) th = th - lr * c.weight_decay * th;  /* decay first */
                m = c.beta1 * m + (1 - c.beta1) * g;
                v = c.beta2 * v + (1 - c.beta2) * g * g;
                double m_hat = m / (1 - pow(c.beta1, t)), v_hat = v / (1 - pow(c.beta2, t));
                th = th - lr * m_hat / (sqrt(v_hat) + c.eps);
                break;
            }
            case NN_OPT_ADADELTA: {      /* Zeiler 2012, Algorithm 1, times λ */
                v = c.rho * v + (1 - c.rho) * g * g;                       /* E[g²]_t */
                double delta = sqrt(u + c.eps) / sqrt(v + c.eps) * g;      /* RMS[Δ]_{t−1}/RMS[g]_t g */
                u = c.rho * u + (1 - c.rho) * delta * delta;               /* E[Δ²]_t */
                th = th - lr * delta;
                break;
            }
            case NN_OPT_ADAMAX:          /* Kingma & Ba, Algorithm 2, ε inside the max */
                m = c.beta1 * m + (1 - c.beta1) * g;
                u = fmax(c.beta2 * u, fabs(g) + c.eps);
                th = th - (lr / (1 - pow(c.beta1, t))) * m / u;
                break;
            case NN_OPT_NADAM: {         /* Dozat 2016 with μ_t = β₁(1 − 0.96^{ψt}/2) */
                double mu_t = c.beta1 * (1 - 0.5 * pow(0.96, t * c.momentum_decay));
                double mu_t1 = c.beta1 * (1 - 0.5 * pow(0.96, (t + 1) * c.momentum_decay));
                mu_product *= mu_t;
                m = c.beta1 * m + (1 - c.beta1) * g;
                v = c.beta2 * v + (1 - c.beta2) * g * g;
                double m_hat = mu_t1 * m / (1 - mu_product * mu_t1) + (1 - mu_t) * g / (1 - mu_product);
                double v_hat = v / (1 - pow(c.beta2, t));
                th = th - lr * m_hat / (sqrt(v_hat) + c.eps);
                break;
            }
            }
            expected[t - 1][i] = th;
        }
    }
}

static void check_three_steps(nn_optimizer_kind kind)
{
    nn_optimizer_config c = nn_optimizer_defaults(kind);
    c.lr = NN_R(0.1);   /* large enough that every step moves θ visibly */
    double expected[STEPS][N];
    reference_steps(c, expected);

    nn_optimizer *opt = nn_optimizer_new(c, N);
    nn_real theta[N], g[N];
    for (int i = 0; i < N; i++) theta[i] = (nn_real)theta0[i];
    double worst = 0;
    int worst_t = 0, worst_i = 0;
    for (int t = 0; t < STEPS; t++) {
        for (int i = 0; i < N; i++) g[i] = (nn_real)grads[t][i];
        nn_optimizer_step(opt, theta, g, c.lr);
        for (int i = 0; i < N; i++) {
            double err = fabs(theta[i] - expected[t][i]) / fmax(1, fabs(expected[t][i]));
            if (err > worst) { worst = err; worst_t = t; worst_i = i; }
        }
    }
    /* The same operations in the same order: equal to rounding. Float: the recurrence
     * runs in double, the library in float, so a few float ulps per step. */
    double tol = 64 * NN_REAL_EPSILON;
    if (!tap_ok(worst <= tol && opt->t == STEPS,
                "[C5.1] %s: three steps on 3 parameters match the recurrence written out by hand: "
                "max rel err %.1e (tol %.0e)", nn_optimizer_name(kind), worst, tol))
        tap_diag("worst: step %d, coordinate %d: expected %.17g", worst_t + 1, worst_i,
                 expected[worst_t][worst_i]);
    nn_optimizer_free(opt);
}

/* Adam's first step: m̂ = g, v̂ = g², so Δθ_i = −α g_i/(|g_i| + ε): size α whatever |g_i|. */
static void check_adam_first_step(void)
{
    const nn_real g[5] = { NN_R(1e-3), NN_R(-0.5), NN_R(7.0), NN_R(-3000.0), NN_R(0.02) };
    nn_real theta[5] = { 0 };
    nn_optimizer_config c = nn_optimizer_defaults(NN_OPT_ADAM);
    nn_optimizer *opt = nn_optimizer_new(c, 5);
    nn_optimizer_step(opt, theta, g, c.lr);
    double worst = 0;
    for (int i = 0; i < 5; i++) {
        double size = fabs(theta[i]), err = fabs(size - c.lr) / c.lr;
        int opposite = (theta[i] < 0) != (g[i] < 0);
        if (!opposite) err = INFINITY;
        if (err > worst) worst = err;
    }
    /* ε/|g| ≤ 1e-8/1e-3 = 1e-5 is the exact deviation; float adds its rounding. */
    double tol = 1.1e-5 + 8 * NN_REAL_EPSILON;
    tap_ok(worst <= tol, "[C5.6] Adam's first step has size lambda per coordinate: |g| from 1e-3 to "
           "3000, |dtheta|/alpha - 1 at most %.1e (tol %.1e, eps/|g| = 1e-5)", worst, tol);
    nn_optimizer_free(opt);
}

/* The other two Adam variants' first steps, in closed form from their equations:
 *   adamax  m = (1 − β₁)g, u = |g| + ε:      Δθ = −λ g/(|g| + ε)                (size ≈ λ)
 *   nadam   m = (1 − β₁)g, ŝ = g²:          Δθ = −λ [μ₂(1 − β₁)/(1 − μ₁μ₂) + 1] g/(|g| + ε)
 * with μ_t = β₁(1 − 0.96^{ψt}/2): 1.0564 λ for the defaults, whatever |g|. */
static void check_variants_first_step(void)
{
    const nn_real g[5] = { NN_R(1e-3), NN_R(-0.5), NN_R(7.0), NN_R(-3000.0), NN_R(0.02) };
    double worst[2] = { 0, 0 }, factor[2];
    for (int k = 0; k < 2; k++) {
        nn_optimizer_kind kind = k ? NN_OPT_NADAM : NN_OPT_ADAMAX;
        nn_optimizer_config c = nn_optimizer_defaults(kind);
        double mu1 = c.beta1 * (1 - 0.5 * pow(0.96, c.momentum_decay));
        double mu2 = c.beta1 * (1 - 0.5 * pow(0.96, 2 * c.momentum_decay));
        factor[k] = k ? mu2 * (1 - c.beta1) / (1 - mu1 * mu2) + 1 : 1;
        nn_real theta[5] = { 0 };
        nn_optimizer *opt = nn_optimizer_new(c, 5);
        nn_optimizer_step(opt, theta, g, c.lr);
        for (int i = 0; i < 5; i++) {
            double want = -c.lr * factor[k] * g[i] / (fabs(g[i]) + c.eps);
            worst[k] = fmax(worst[k], fabs(theta[i] - want) / fabs(want));
        }
        nn_optimizer_free(opt);
    }
    double tol = 16 * NN_REAL_EPSILON;
    tap_ok(worst[0] <= tol && worst[1] <= tol,
           "adamax's first step is lambda g/(|g| + eps), nadam's %.4f times that, for |g| from 1e-3 to "
           "3000: max rel err %.1e and %.1e (tol %.0e)", factor[1], worst[0], worst[1], tol);
}

/* With g = 0 Adam does not move (m = v = 0), so AdamW's only motion is the decay:
 * θ_t = θ_0 (1 − ηλ)^t. */
static void check_adamw_decay(void)
{
    nn_optimizer_config c = nn_optimizer_defaults(NN_OPT_ADAMW);
    c.lr = NN_R(0.1);
    c.weight_decay = NN_R(0.5);
    nn_optimizer *opt = nn_optimizer_new(c, N);
    nn_real theta[N], zero[N] = { 0 };
    for (int i = 0; i < N; i++) theta[i] = (nn_real)theta0[i];
    for (int t = 0; t < 5; t++) nn_optimizer_step(opt, theta, zero, c.lr);
    double worst = 0, factor = pow(1 - 0.1 * 0.5, 5);
    for (int i = 0; i < N; i++) worst = fmax(worst, fabs(theta[i] - theta0[i] * factor) / fabs(theta0[i]));
    tap_ok(worst <= 16 * NN_REAL_EPSILON, "adamw with zero gradient: 5 steps shrink theta by "
           "(1 - lr lambda)^5 = %.6f, decoupled from Adam: max rel err %.1e", factor, worst);
    nn_optimizer_free(opt);
}

static void check_defaults_and_names(void)
{
    int ok = 1;
    for (int k = 0; k < NN_OPTIMIZER_COUNT; k++) {
        nn_optimizer_kind back;
        nn_optimizer_config c = nn_optimizer_defaults((nn_optimizer_kind)k);
        double want_lr = k == NN_OPT_ADADELTA ? 1 : k >= NN_OPT_ADAMAX ? 0.002
                       : k >= NN_OPT_RMSPROP ? 0.001 : 0.01;
        ok &= nn_optimizer_from_name(nn_optimizer_name((nn_optimizer_kind)k), &back) == 0 && back == (nn_optimizer_kind)k;
        ok &= fabs(c.lr - want_lr) < 1e-9 && fabs(c.beta1 - 0.9) < 1e-7 && fabs(c.beta2 - 0.999) < 1e-7;
        ok &= fabs(c.momentum - 0.9) < 1e-7 && fabs(c.rho - 0.9) < 1e-7;
    }
    nn_optimizer_kind unused;
    ok &= nn_optimizer_from_name("lbfgs", &unused) != 0 && nn_optimizer_from_name("Adam", &unused) != 0;
    tap_ok(ok, "optimiser defaults (lr 0.01 / 0.001 / 1 / 0.002, beta = rho = beta1 = 0.9, beta2 = 0.999) and "
           "names round-trip for all %d kinds; an unknown name is refused", NN_OPTIMIZER_COUNT);
}

/* Schedules against their closed forms at chosen steps (values worked out by hand). */
static void check_schedule(const char *what, nn_schedule s, const long *t, const double *want, int count)
{
    double worst = 0;
    for (int i = 0; i < count; i++)
        worst = fmax(worst, fabs(nn_schedule_lr(s, t[i]) - want[i]) / want[i]);
    tap_ok(worst <= 8 * NN_REAL_EPSILON, "schedule %s (%s) at %d steps: max rel err %.1e",
           nn_schedule_name(s.kind), what, count, worst);
}

static void check_schedules(void)
{
    static const long t[] = { 0, 1, 2, 3, 7, 10, 100 };
    nn_schedule s = nn_schedule_constant(NN_R(0.1));
    static const double constant[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 };
    check_schedule("0.1", s, t, constant, 7);
    s.kind = NN_LR_STEP; s.gamma = NN_R(0.5); s.step_size = 3;
    static const double step[] = { 0.1, 0.1, 0.1, 0.05, 0.025, 0.0125, 0.1 / 8589934592.0 };
    check_schedule("0.1 * 0.5^floor(t/3)", s, t, step, 7);
    s.kind = NN_LR_EXPONENTIAL; s.gamma = NN_R(0.5);
    static const double expo[] = { 0.1, 0.05, 0.025, 0.0125, 0.1 / 128, 0.1 / 1024, 0.1 * 7.888609052210118e-31 };
    check_schedule("0.1 * 0.5^t", s, t, expo, 7);
    s.kind = NN_LR_INVERSE_TIME; s.gamma = NN_R(0.25);
    static const double inv[] = { 0.1, 0.08, 0.1 / 1.5, 0.1 / 1.75, 0.1 / 2.75, 0.1 / 3.5, 0.1 / 26 };
    check_schedule("0.1 / (1 + t/4)", s, t, inv, 7);
    s.kind = NN_LR_COSINE; s.lr_min = NN_R(0.02); s.total_steps = 4;
    /* T = 4: t = 1 gives 0.02 + 0.08 (1 + cos(π/4))/2, t = 2 the midpoint 0.06, t ≥ 4 η_min. */
    static const double cosine[] = { 0.1, 0.02 + 0.04 * (1 + 0.70710678118654752), 0.06,
                                     0.02 + 0.04 * (1 - 0.70710678118654752), 0.02, 0.02, 0.02 };
    check_schedule("0.1 to 0.02 over 4 steps", s, t, cosine, 7);
}

int main(void)
{
    tap_plan(NN_OPTIMIZER_COUNT + 4 + 5);
    for (int k = 0; k < NN_OPTIMIZER_COUNT; k++) check_three_steps((nn_optimizer_kind)k);
    check_adam_first_step();
    check_variants_first_step();
    check_adamw_decay();
    check_defaults_and_names();
    check_schedules();
    return tap_done();
}
