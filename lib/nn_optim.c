/* Optimisers and learning-rate schedules, on the flat parameter vector θ (n numbers).
 *
 * Each step is element-wise: coordinate i of θ moves using g_i and coordinate i of the
 * state (m, v) only, so the loop splits across threads with the same bits (nn_parallel.h).
 * The equations, exactly as nn_optim.h states them, sit above each update. Defaults:
 * μ = 0.9, ρ = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 for every method that divides,
 * AdamW's λ = 0.01 (PyTorch's default). */
#include "nn_optim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nn_names.h"

static const char *const optimizer_names[NN_OPTIMIZER_COUNT] = {
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"
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
    c.lr = kind == NN_OPT_RMSPROP || kind == NN_OPT_ADAM || kind == NN_OPT_ADAMW
         ? NN_R(0.001) : NN_R(0.01);
    c.momentum = NN_R(0.9);
    c.rho = NN_R(0.9);
    c.beta1 = NN_R(0.9);
    c.beta2 = NN_R(0.999);
    c.eps = NN_R(1e-8);
    c.weight_decay = kind == NN_OPT_ADAMW ? NN_R(0.01) : 0;
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
    return opt;
}

void nn_optimizer_free(nn_optimizer *opt)
{
    if (!opt) return;
    free(opt->m);
    free(opt->v);
    free(opt);
}

/* sgd: θ ← θ − η g.   momentum: v ← μv + g, θ ← θ − ηv.
 * nesterov: v ← μv + g, θ ← θ − η(g + μv)   (the gradient at the look-ahead point, in
 * PyTorch's form, which needs no second gradient evaluation). */
static void step_sgd_family(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_optimizer_kind kind = opt->config.kind;
    nn_real mu = opt->config.momentum, *v = opt->m;
    long n = (long)opt->n;
    #pragma omp parallel for schedule(static) if (n >= 65536)
    for (long i = 0; i < n; i++) {
        if (kind == NN_OPT_SGD) { theta[i] -= lr * g[i]; continue; }
        v[i] = mu * v[i] + g[i];
        theta[i] -= kind == NN_OPT_NESTEROV ? lr * (g[i] + mu * v[i]) : lr * v[i];
    }
}

/* adagrad: G ← G + g²,              θ ← θ − η g/(√G + ε)   (steps shrink as G grows)
 * rmsprop: s ← ρ s + (1 − ρ) g²,    θ ← θ − η g/(√s + ε)   (G forgets: a moving average) */
static void step_adaptive(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    int rms = opt->config.kind == NN_OPT_RMSPROP;
    nn_real rho = opt->config.rho, eps = opt->config.eps, *s = opt->v;
    long n = (long)opt->n;
    #pragma omp parallel for schedule(static) if (n >= 65536)
    for (long i = 0; i < n; i++) {
        s[i] = rms ? rho * s[i] + (1 - rho) * g[i] * g[i] : s[i] + g[i] * g[i];
        theta[i] -= lr * g[i] / (sqrt(s[i]) + eps);
    }
}

/* adam (Kingma & Ba, Algorithm 1), at step t:
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,
 *   m̂ = m/(1 − β₁ᵗ),         v̂ = v/(1 − β₂ᵗ),        θ ← θ − η m̂/(√v̂ + ε).
 * At t = 1, m̂ = g and v̂ = g², so each coordinate moves by η g/(|g| + ε) ≈ η.
 * adamw first decays θ ← θ − η λ θ, apart from the gradient (Loshchilov & Hutter). */
static void step_adam(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    nn_real b1 = opt->config.beta1, b2 = opt->config.beta2, eps = opt->config.eps;
    nn_real decay = opt->config.kind == NN_OPT_ADAMW ? lr * opt->config.weight_decay : 0;
    nn_real correction1 = 1 - (nn_real)pow(b1, (double)opt->t);
    nn_real correction2 = 1 - (nn_real)pow(b2, (double)opt->t);
    nn_real *m = opt->m, *v = opt->v;
    long n = (long)opt->n;
    #pragma omp parallel for schedule(static) if (n >= 65536)
    for (long i = 0; i < n; i++) {
        theta[i] -= decay * theta[i];
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        nn_real m_hat = m[i] / correction1, v_hat = v[i] / correction2;
        theta[i] -= lr * m_hat / (sqrt(v_hat) + eps);
    }
}

void nn_optimizer_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr)
{
    opt->t++;
    switch (opt->config.kind) {
    case NN_OPT_SGD: case NN_OPT_MOMENTUM: case NN_OPT_NESTEROV:
        step_sgd_family(opt, theta, g, lr);
        break;
    case NN_OPT_ADAGRAD: case NN_OPT_RMSPROP:
        step_adaptive(opt, theta, g, lr);
        break;
    case NN_OPT_ADAM: case NN_OPT_ADAMW:
        step_adam(opt, theta, g, lr);
        break;
    default:
        fprintf(stderr, "nn_optimizer_step: unknown optimiser kind %d\n", (int)opt->config.kind);
        abort();
    }
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
