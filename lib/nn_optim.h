/* Optimisers, on the flat parameter vector θ and its gradient g (both n long).
 * t counts steps from 1; η is the learning rate of this step (from a schedule).
 *
 *   sgd        θ ← θ − η g
 *   momentum   v ← μ v + g;              θ ← θ − η v                    (μ = 0.9)
 *   nesterov   v ← μ v + g;              θ ← θ − η (g + μ v)            (PyTorch's form)
 *   adagrad    G ← G + g²;               θ ← θ − η g / (√G + ε)
 *   rmsprop    s ← ρ s + (1−ρ) g²;       θ ← θ − η g / (√s + ε)         (ρ = 0.9)
 *   adam       m ← β₁ m + (1−β₁) g;      v ← β₂ v + (1−β₂) g²
 *              m̂ = m/(1−β₁ᵗ);            v̂ = v/(1−β₂ᵗ);   θ ← θ − η m̂ / (√v̂ + ε)
 *              (Kingma & Ba, Algorithm 1: η = α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8)
 *   adamw      θ ← θ − η λ θ, then the Adam step (decoupled weight decay λ, Loshchilov & Hutter)
 * Squares, roots and divisions are element-wise. */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stddef.h>
#include "nn_real.h"

typedef enum {
    NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_NESTEROV, NN_OPT_ADAGRAD, NN_OPT_RMSPROP,
    NN_OPT_ADAM, NN_OPT_ADAMW
} nn_optimizer_kind;

#define NN_OPTIMIZER_COUNT 7

typedef struct {
    nn_optimizer_kind kind;
    nn_real lr;             /* default learning rate (what the schedule starts from) */
    nn_real momentum;       /* μ */
    nn_real rho;            /* RMSprop's ρ */
    nn_real beta1, beta2, eps;
    nn_real weight_decay;   /* AdamW's λ */
} nn_optimizer_config;

/* The defaults of the table above; lr = 0.01 for sgd/momentum/nesterov/adagrad,
 * 0.001 for rmsprop/adam/adamw. */
nn_optimizer_config nn_optimizer_defaults(nn_optimizer_kind kind);
const char *nn_optimizer_name(nn_optimizer_kind kind);
int nn_optimizer_from_name(const char *name, nn_optimizer_kind *kind); /* 0 if known */

typedef struct {
    nn_optimizer_config config;
    size_t n;
    long t;                 /* steps taken */
    nn_real *m, *v;         /* state: velocity / first moment, accumulator / second moment */
} nn_optimizer;

nn_optimizer *nn_optimizer_new(nn_optimizer_config config, size_t n);
void nn_optimizer_free(nn_optimizer *opt);
void nn_optimizer_step(nn_optimizer *opt, nn_real *theta, const nn_real *g, nn_real lr);

/* Learning-rate schedules: η_t for step t = 0, 1, 2, ...
 *   constant     η₀
 *   step         η₀ γ^⌊t/step_size⌋
 *   exponential  η₀ γ^t
 *   inverse_time η₀ / (1 + γ t)
 *   cosine       η_min + (η₀ − η_min)(1 + cos(π min(t, T)/T))/2,  T = total_steps */
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
