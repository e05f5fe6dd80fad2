/* Optimisers, on the flat parameter vector θ and its gradient g = ∇L(θ) (both n long).
 *
 * Every optimiser is the last line of the training loop, θ ← θ − λ g, changed. λ is the
 * learning rate of this step (from a schedule), t counts steps from 1, and squares, roots,
 * products and divisions are element-wise: coordinate i moves using g_i and its own state
 * only. The state (v, s, m, u) starts at 0.
 *
 *   sgd       θ ← θ − λ g
 *   momentum  v ← β v + g;                      θ ← θ − λ v                       β = 0.9
 *             (Polyak's heavy ball: θ_{t+1} = θ_t − λ g_t + β (θ_t − θ_{t−1}) for constant λ)
 *   nesterov  v ← β v + g;                      θ ← θ − λ (g + β v)               β = 0.9
 *             (Sutskever et al. 2013, in the look-ahead variable of Bengio et al. 2013, so
 *             that the gradient is taken at θ itself)
 *   adagrad   s ← s + g²;                       θ ← θ − λ g / (√s + ε)            ε = 1e-8
 *             (Duchi, Hazan & Singer 2011)
 *   rmsprop   s ← ρ s + (1 − ρ) g²;             θ ← θ − λ g / (√s + ε)            ρ = 0.9, ε = 1e-8
 *             (Hinton, lecture 6e, 2012)
 *   adam      m ← β₁ m + (1 − β₁) g;            s ← β₂ s + (1 − β₂) g²
 *             m̂ = m / (1 − β₁ᵗ);  ŝ = s / (1 − β₂ᵗ);   θ ← θ − λ m̂ / (√ŝ + ε)
 *             (Kingma & Ba 2015, Algorithm 1: λ = α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8)
 *   adamw     θ ← θ − λ ω θ, then the Adam step     ω = 0.01
 *             (decoupled weight decay, Loshchilov & Hutter 2019)
 *   adadelta  s ← ρ s + (1 − ρ) g²;   Δ = √(u + ε) / √(s + ε) · g;   u ← ρ u + (1 − ρ) Δ²
 *             θ ← θ − λ Δ                                                  ρ = 0.9, ε = 1e-6, λ = 1
 *             (Zeiler 2012, Algorithm 1, which has no λ: λ = 1 is the paper; u accumulates
 *             Δ before λ multiplies it)
 *   adamax    m ← β₁ m + (1 − β₁) g;            u ← max(β₂ u, |g| + ε)
 *             θ ← θ − λ m / ((1 − β₁ᵗ) u)                     λ = 0.002, β₁ = 0.9, β₂ = 0.999, ε = 1e-8
 *             (Kingma & Ba 2015, Algorithm 2, the ∞-norm in place of √s)
 *   nadam     μ_t = β₁ (1 − ½ · 0.96^{ψ t}),   M_t = μ_1 μ_2 ⋯ μ_t          (ψ = 0.004)
 *             m ← β₁ m + (1 − β₁) g;            s ← β₂ s + (1 − β₂) g²
 *             m̂ = μ_{t+1} m / (1 − M_{t+1}) + (1 − μ_t) g / (1 − M_t);   ŝ = s / (1 − β₂ᵗ)
 *             θ ← θ − λ m̂ / (√ŝ + ε)                         λ = 0.002, β₂ = 0.999, ε = 1e-8
 *             (Dozat 2016, Algorithm 2 with its momentum warm-up schedule μ_t)
 *
 * Conventions, for comparing with PyTorch (torch.optim) and Keras:
 *  - Momentum multiplies the accumulated gradients, λ stays outside: v ← βv + g, θ ← θ − λv
 *    is PyTorch's SGD(momentum=β, dampening=0) and SGD(nesterov=True). The textbook form
 *    v ← βv − λg, θ ← θ + v (Keras) is the same sequence of θ while λ is constant; under a
 *    schedule the two differ (ours rescales the whole velocity when λ changes).
 *  - ε sits outside the square root, added to √s, in adagrad, rmsprop, adam, adamw and nadam,
 *    as in PyTorch and in Kingma & Ba's Algorithm 1. (TensorFlow's Adam adds its ε to the
 *    uncorrected √s, which in this form is an ε of ε/√(1 − β₂ᵗ): larger in the first steps.)
 *    PyTorch's defaults differ from ours in two places: Adagrad ε = 1e-10, RMSprop ρ = 0.99.
 *    Adadelta has ε inside both roots (Zeiler; PyTorch too). Adamax adds ε to |g| inside the
 *    max (PyTorch; Keras adds it to u in the denominator; the paper has none).
 *  - Nadam is PyTorch's NAdam(momentum_decay=ψ) and Keras's Nadam: the first moment m
 *    averages with β₁, and only the update uses the warmed-up μ_t. The simpler "Adam with
 *    a Nesterov step" of textbooks, m̂ = β₁ m/(1 − β₁^{t+1}) + (1 − β₁) g/(1 − β₁ᵗ), is the
 *    same formula with μ_t = β₁ for every t, which no value of ψ gives exactly.
 *  - AdamW's decay multiplies λ (PyTorch's AdamW: θ ← θ − λωθ), so a schedule shrinks both.
 *  - No optimiser here adds L2 weight decay to g; the network does that (nn_network.h). */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stddef.h>
#include "nn_real.h"

typedef enum {
    NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_NESTEROV, NN_OPT_ADAGRAD, NN_OPT_RMSPROP,
    NN_OPT_ADAM, NN_OPT_ADAMW, NN_OPT_ADADELTA, NN_OPT_ADAMAX, NN_OPT_NADAM
} nn_optimizer_kind;

#define NN_OPTIMIZER_COUNT 10

typedef struct {
    nn_optimizer_kind kind;
    nn_real lr;             /* λ: the default learning rate (what a schedule starts from) */
    nn_real momentum;       /* β of momentum and nesterov */
    nn_real rho;            /* ρ of rmsprop and adadelta */
    nn_real beta1, beta2, eps;
    nn_real weight_decay;   /* AdamW's ω */
    nn_real momentum_decay; /* Nadam's ψ */
} nn_optimizer_config;

/* The defaults of the table above: λ = 0.01 for sgd, momentum, nesterov, adagrad; 0.001 for
 * rmsprop, adam, adamw; 1 for adadelta; 0.002 for adamax and nadam. */
nn_optimizer_config nn_optimizer_defaults(nn_optimizer_kind kind);
const char *nn_optimizer_name(nn_optimizer_kind kind);
int nn_optimizer_from_name(const char *name, nn_optimizer_kind *kind); /* 0 if known */

typedef struct {
    nn_optimizer_config config;
    size_t n;
    long t;                 /* steps taken */
    /* State, n numbers each, 0 at the start:
     *   m  momentum's and nesterov's v; the first moment of adam, adamw, adamax, nadam;
     *      adadelta's u (the average of Δ²)
     *   v  the average (or sum) of g² of adagrad, rmsprop, adam, adamw, nadam, adadelta;
     *      adamax's u (the ∞-norm) */
    nn_real *m, *v;
    double mu_product;      /* Nadam's M_t = μ_1 ⋯ μ_t (1 before the first step) */
} nn_optimizer;

nn_optimizer *nn_optimizer_new(nn_optimizer_config config, size_t n);
void nn_optimizer_free(nn_optimizer *opt);
/* One step: t ← t + 1, then θ moves as the table says, with learning rate lr. */
void nn_optimizer_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr);

/* Learning-rate schedules: λ_t for step t = 0, 1, 2, ...
 *   constant     λ₀
 *   step         λ₀ γ^⌊t/step_size⌋
 *   exponential  λ₀ γ^t
 *   inverse_time λ₀ / (1 + γ t)
 *   cosine       λ_min + (λ₀ − λ_min)(1 + cos(π min(t, T)/T))/2,  T = total_steps */
typedef enum {
    NN_LR_CONSTANT, NN_LR_STEP, NN_LR_EXPONENTIAL, NN_LR_INVERSE_TIME, NN_LR_COSINE
} nn_schedule_kind;

typedef struct {
    nn_schedule_kind kind;
    nn_real lr0, gamma, lr_min;
    long step_size, total_steps;
} nn_schedule;

nn_schedule nn_schedule_constant(nn_real lr0);
nn_real nn_schedule_lr(nn_schedule s, long t);
const char *nn_schedule_name(nn_schedule_kind kind);

#endif
