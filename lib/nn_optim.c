/* Optimisers and learning-rate schedules, on the flat parameter vector θ (n numbers).
 *
 * Each step is element-wise: coordinate i of θ moves using g_i and coordinate i of the
 * state (m, v) only, so the loop splits across threads with the same bits (nn_parallel.h).
 * The equations, exactly as nn_optim.h states them (with the papers and the conventions
 * each follows), sit above each update. Defaults: β = 0.9, ρ = 0.9, β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8 (1e-6 for Adadelta), AdamW's ω = 0.01 (PyTorch's default), Nadam's ψ = 0.004. */
#include "nn_optim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nn_names.h"
#include "nn_parallel.h"

static const char *const optimizer_names[NN_OPTIMIZER_COUNT] = {
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adadelta",
    "adamax", "nadam"
};

const char *nn_optimizer_name(nn_optimizer_kind kind)
{
    return nn_name_of(optimizer_names, NN_OPTIMIZER_COUNT, (int)kind);
}

int nn_optimizer_from_name(const char *name, nn_optimizer_kind *kind)
{
    int k = nn_name_index(optimizer_names, NN_OPTIMIZER_COUNT, name);
    if (k < 0) return -1;
    *kind = (nn_optimizer_kind)k;
    return 0;
}

nn_optimizer_config nn_optimizer_defaults(nn_optimizer_kind kind)
{
    nn_optimizer_config c;
    c.kind = kind;
    switch (kind) {
    case NN_OPT_RMSPROP: case NN_OPT_ADAM: case NN_OPT_ADAMW: c.lr = NN_R(0.001); break;
    case NN_OPT_ADADELTA: c.lr = 1; break;                  /* Zeiler's update has no λ */
    case NN_OPT_ADAMAX: case NN_OPT_NADAM: c.lr = NN_R(0.002); break;
    default: c.lr = NN_R(0.01); break;
    }
    c.momentum = NN_R(0.9);
    c.rho = NN_R(0.9);
    c.beta1 = NN_R(0.9);
    c.beta2 = NN_R(0.999);
    c.eps = kind == NN_OPT_ADADELTA ? NN_R(1e-6) : NN_R(1e-8);
    c.weight_decay = kind == NN_OPT_ADAMW ? NN_R(0.01) : 0;
    c.momentum_decay = NN_R(0.004);
    return c;
}

nn_optimizer *nn_optimizer_new(nn_optimizer_config config, size_t n)
{
    nn_optimizer *opt = calloc(1, sizeof *opt);
    if (opt) {
        opt->m = calloc(n ? n : 1, sizeof(nn_real));    /* state starts at 0 */
        opt->v = calloc(n ? n : 1, sizeof(nn_real));
    }
    if (!opt || !opt->m || !opt->v) {
        fprintf(stderr, "nn_optimizer_new: out of memory for %zu parameters\n", n);
        abort();
    }
    opt->config = config;
    opt->n = n;
    opt->t = 0;
    opt->mu_product = 1;
    return opt;
}

void nn_optimizer_free(nn_optimizer *opt)
{
    if (!opt) return;
    free(opt->m);
    free(opt->v);
    free(opt);
}

/* One function per optimiser, each the equations of nn_optim.h in a loop over the n
 * coordinates. The loop splits across threads only for large vectors (nn_fork, rule 3 of
 * nn_parallel.h); each coordinate is independent, so the bits do not depend on the thread
 * count. */

/* course:begin sgd */
/* θ ← θ − λ g */
static void sgd_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) theta[i] -= lr * g[i];
    nn_join_loop(forked, n);
}
/* course:end sgd */

/* course:begin momentum */
/* v ← β v + g,  θ ← θ − λ v */
static void momentum_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real beta = opt->config.momentum, *v = opt->m;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        v[i] = beta * v[i] + g[i];
        theta[i] -= lr * v[i];
    }
    nn_join_loop(forked, n);
}
/* course:end momentum */

/* course:begin nesterov */
/* v ← β v + g,  θ ← θ − λ (g + β v): the step momentum is about to take, then the
 * gradient's own step on top, as if g had been measured after it. */
static void nesterov_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real beta = opt->config.momentum, *v = opt->m;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        v[i] = beta * v[i] + g[i];
        theta[i] -= lr * (g[i] + beta * v[i]);
    }
    nn_join_loop(forked, n);
}
/* course:end nesterov */

/* course:begin adagrad */
/* s ← s + g²,  θ ← θ − λ g / (√s + ε): each coordinate's step shrinks as its own
 * squared gradients pile up. */
static void adagrad_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real eps = opt->config.eps, *s = opt->v;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        s[i] += g[i] * g[i];
        theta[i] -= lr * g[i] / (sqrt(s[i]) + eps);
    }
    nn_join_loop(forked, n);
}
/* course:end adagrad */

/* course:begin rmsprop */
/* s ← ρ s + (1 − ρ) g²,  θ ← θ − λ g / (√s + ε): Adagrad's sum made a moving average, so
 * the step no longer dies out. */
static void rmsprop_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real rho = opt->config.rho, eps = opt->config.eps, *s = opt->v;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
        theta[i] -= lr * g[i] / (sqrt(s[i]) + eps);
    }
    nn_join_loop(forked, n);
}
/* course:end rmsprop */

/* course:begin adadelta */
/* s ← ρ s + (1 − ρ) g²,  Δ = √(u + ε)/√(s + ε) · g,  u ← ρ u + (1 − ρ) Δ²,  θ ← θ − λ Δ.
 * The step's units are θ's own: √u is a running size of past steps (Zeiler 2012). */
static void adadelta_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real rho = opt->config.rho, eps = opt->config.eps, *u = opt->m, *s = opt->v;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
        nn_real delta = sqrt(u[i] + eps) / sqrt(s[i] + eps) * g[i];
        u[i] = rho * u[i] + (1 - rho) * delta * delta;
        theta[i] -= lr * delta;
    }
    nn_join_loop(forked, n);
}
/* course:end adadelta */

/* course:begin adam */
/* At step t:  m ← β₁ m + (1 − β₁) g,   s ← β₂ s + (1 − β₂) g²,
 *             m̂ = m/(1 − β₁ᵗ),         ŝ = s/(1 − β₂ᵗ),        θ ← θ − λ m̂/(√ŝ + ε).
 * At t = 1, m̂ = g and ŝ = g², so each coordinate moves by λ g/(|g| + ε) ≈ ±λ. */
static void adam_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real b1 = opt->config.beta1, b2 = opt->config.beta2, eps = opt->config.eps;
    nn_real correction1 = 1 - (nn_real)pow(b1, (double)opt->t);
    nn_real correction2 = 1 - (nn_real)pow(b2, (double)opt->t);
    nn_real *m = opt->m, *s = opt->v;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
        nn_real m_hat = m[i] / correction1, s_hat = s[i] / correction2;
        theta[i] -= lr * m_hat / (sqrt(s_hat) + eps);
    }
    nn_join_loop(forked, n);
}
/* course:end adam */

/* course:begin adamw */
/* θ ← θ − λ ω θ, then Adam's step: the decay pulls θ towards 0 apart from the gradient's
 * statistics (an L2 term in the loss would instead be divided by √ŝ like the rest of g). */
static void adamw_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real decay = lr * opt->config.weight_decay;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) theta[i] -= decay * theta[i];
    nn_join_loop(forked, n);
    adam_step(opt, theta, g, lr);
}
/* course:end adamw */

/* course:begin adamax */
/* m ← β₁ m + (1 − β₁) g,  u ← max(β₂ u, |g| + ε),  θ ← θ − λ m/((1 − β₁ᵗ) u).
 * u is a decaying maximum of |g| (the ∞-norm where Adam has a 2-norm); it starts from
 * the first |g| itself, so it needs no bias correction. */
static void adamax_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real b1 = opt->config.beta1, b2 = opt->config.beta2, eps = opt->config.eps;
    nn_real correction1 = 1 - (nn_real)pow(b1, (double)opt->t);
    nn_real *m = opt->m, *u = opt->v;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        nn_real decayed = b2 * u[i], size = fabs(g[i]) + eps;
        u[i] = decayed > size ? decayed : size;
        theta[i] -= lr * m[i] / (correction1 * u[i]);
    }
    nn_join_loop(forked, n);
}
/* course:end adamax */

/* course:begin nadam */
/* μ_t = β₁ (1 − ½·0.96^{ψt}), M_t = μ_1 ⋯ μ_t;  m ← β₁ m + (1 − β₁) g,  s ← β₂ s + (1 − β₂) g²,
 * m̂ = μ_{t+1} m/(1 − M_{t+1}) + (1 − μ_t) g/(1 − M_t),  θ ← θ − λ m̂/(√ŝ + ε),  ŝ = s/(1 − β₂ᵗ).
 * Adam's m̂ with Nesterov's look-ahead: the momentum term already uses next step's μ. */
static void nadam_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    double beta1 = opt->config.beta1, psi = opt->config.momentum_decay, t = (double)opt->t;
    double mu = beta1 * (1 - 0.5 * pow(0.96, psi * t));
    double mu_next = beta1 * (1 - 0.5 * pow(0.96, psi * (t + 1)));
    opt->mu_product *= mu;                                                  /* M_t */
    nn_real m_weight = (nn_real)(mu_next / (1 - opt->mu_product * mu_next)); /* M_{t+1} */
    nn_real g_weight = (nn_real)((1 - mu) / (1 - opt->mu_product));
    nn_real b1 = opt->config.beta1, b2 = opt->config.beta2, eps = opt->config.eps;
    nn_real correction2 = 1 - (nn_real)pow(b2, t);
    nn_real *m = opt->m, *s = opt->v;
    long n = (long)opt->n;
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
        nn_real m_hat = m_weight * m[i] + g_weight * g[i];
        theta[i] -= lr * m_hat / (sqrt(s[i] / correction2) + eps);
    }
    nn_join_loop(forked, n);
}
/* course:end nadam */

typedef void (*step_fn)(nn_optimizer *, nn_real *, const nn_real *, nn_real);

void nn_optimizer_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    static const step_fn steps[NN_OPTIMIZER_COUNT] = {
        sgd_step, momentum_step, nesterov_step, adagrad_step, rmsprop_step,
        adam_step, adamw_step, adadelta_step, adamax_step, nadam_step
    };
    int k = (int)opt->config.kind;
    if (k < 0 || k >= NN_OPTIMIZER_COUNT) {
        fprintf(stderr, "nn_optimizer_step: unknown optimiser kind %d\n", k);
        abort();
    }
    opt->t++;
    steps[k](opt, theta, g, lr);
}

/* ---- Learning-rate schedules -------------------------------------------------------- */

static const char *const schedule_names[] = {
    "constant", "step", "exponential", "inverse_time", "cosine"
};

const char *nn_schedule_name(nn_schedule_kind kind)
{
    return nn_name_of(schedule_names, (int)(sizeof schedule_names / sizeof schedule_names[0]),
                      (int)kind);
}

nn_schedule nn_schedule_constant(nn_real lr0)
{
    nn_schedule s = { NN_LR_CONSTANT, lr0, 1, 0, 1, 1 };
    return s;
}

/* η_t for t = 0, 1, 2, ...; the equations are listed in nn_optim.h. */
nn_real nn_schedule_lr(nn_schedule s, long t)
{
    const double pi = 3.14159265358979323846;
    switch (s.kind) {
    case NN_LR_CONSTANT: return s.lr0;
    case NN_LR_STEP:
        return s.lr0 * (nn_real)pow(s.gamma, (double)(t / (s.step_size > 0 ? s.step_size : 1)));
    case NN_LR_EXPONENTIAL: return s.lr0 * (nn_real)pow(s.gamma, (double)t);
    case NN_LR_INVERSE_TIME: return s.lr0 / (1 + s.gamma * (nn_real)t);
    case NN_LR_COSINE: {
        double T = s.total_steps > 0 ? (double)s.total_steps : 1;
        double progress = (t < s.total_steps ? (double)t : T) / T;
        return s.lr_min + (s.lr0 - s.lr_min) * (nn_real)((1 + cos(pi * progress)) / 2);
    }
    default:
        fprintf(stderr, "nn_schedule_lr: unknown schedule kind %d\n", (int)s.kind);
        abort();
    }
}
