/* dual.h: forward-mode dual numbers, the exact oracle for every derivative the tests check.
 *
 * A dual number is x = v + d·ε with ε² = 0: a value v and a derivative d. For any
 * differentiable f, Taylor's series stops after one term, f(v + dε) = f(v) + f'(v) d ε,
 * exactly, because every higher power of ε is 0. Each operation below applies that rule
 * with its derivative written in closed form (d(uw) = u dw + w du, d exp u = exp u du, ...),
 * so evaluating a formula on dual numbers applies the chain rule to it, operation by
 * operation. Seed the input with d = 1 and the output's d is ∂f/∂x.
 *
 * Why this is an exact oracle: the derivative is computed, not estimated. The only error is
 * the rounding of each floating-point operation, a few ulps per step, as in the value
 * itself. Finite differences, by contrast, trade a truncation error O(h²) against a
 * cancellation error O(ε_mach/h) and reach about 1e-10 relative at best. A backward pass
 * and its dual-number derivative must therefore agree to ~1e-14; gradcheck.h asks 1e-10.
 * The arithmetic is in double whatever nn_real is, so in the float build the oracle is
 * still double-exact and the tolerance on the library's float results is what loosens.
 *
 * Independence: nothing here calls the library (only its enum types and nn_real are used),
 * and no formula is shared with a backward pass: the oracle differentiates the *forward*
 * definitions (the loss values, the activation values); it never writes a derivative
 * formula of its own except for the elementary functions (exp, log, tanh, ...).
 *
 * Kinks. Where a function is not differentiable (|x| at 0, max(0,x) at 0, a branch such as
 * |r| ≤ δ), the code takes one branch and the dual number returns that branch's derivative:
 * a one-sided derivative, i.e. one valid subgradient. The conventions are those of the
 * library's headers: fabs'(0) = 0 (sign(0) = 0), max(0,x)'(0) = 0 (ReLU'(0) = 0), and a
 * branch "x > 0 ? ... : ..." gives the left piece at 0. Agreement with the library at a kink
 * therefore checks a convention, not calculus; finite differences there see the average of
 * the two slopes, which is why gradcheck.h skips such coordinates.
 * A trap worth knowing: a smooth function written with kinked pieces is differentiated
 * piece by piece. softplus(z) = max(z,0) + log1p(e^{−|z|}) is smooth, but at z = 0 exactly
 * the pieces give 0 + 0 instead of 1/2. So the smooth functions here are written with
 * branches whose two pieces are each smooth and correct at the split point. */
#ifndef DUAL_H
#define DUAL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "nn_activation.h"
#include "nn_loss.h"

/* course:begin dual */
typedef struct {
    double v;   /* value */
    double d;   /* derivative along the seeded direction */
} dual;

static inline dual dual_make(double v, double d) { dual x = { v, d }; return x; }
static inline dual dual_const(double c) { return dual_make(c, 0); }   /* a constant: d = 0 */
static inline dual dual_var(double x) { return dual_make(x, 1); }     /* the variable: d = 1 */

/* ---- Arithmetic ------------------------------------------------------------------- */
static inline dual dual_add(dual a, dual b) { return dual_make(a.v + b.v, a.d + b.d); }
static inline dual dual_sub(dual a, dual b) { return dual_make(a.v - b.v, a.d - b.d); }
static inline dual dual_neg(dual a) { return dual_make(-a.v, -a.d); }
/* (uw)' = u'w + uw' */
static inline dual dual_mul(dual a, dual b) { return dual_make(a.v * b.v, a.d * b.v + a.v * b.d); }
/* course:end dual */
/* (u/w)' = (u' − (u/w) w') / w */
static inline dual dual_div(dual a, dual b)
{
    double q = a.v / b.v;
    return dual_make(q, (a.d - q * b.d) / b.v);
}
static inline dual dual_scale(dual a, double c) { return dual_make(c * a.v, c * a.d); }
static inline dual dual_add_const(dual a, double c) { return dual_make(a.v + c, a.d); }
static inline dual dual_square(dual a) { return dual_mul(a, a); }

/* ---- Elementary functions: f(v + dε) = f(v) + f'(v) d ε ------------------------------- */
static inline dual dual_exp(dual a) { double e = exp(a.v); return dual_make(e, e * a.d); }
static inline dual dual_expm1(dual a) { return dual_make(expm1(a.v), exp(a.v) * a.d); }
static inline dual dual_log(dual a) { return dual_make(log(a.v), a.d / a.v); }
static inline dual dual_log1p(dual a) { return dual_make(log1p(a.v), a.d / (1 + a.v)); }
static inline dual dual_sqrt(dual a) { double s = sqrt(a.v); return dual_make(s, a.d / (2 * s)); }
/* tanh' = 1/cosh²: no cancellation for large |x| (1 − tanh² would give 0 beyond |x| ≈ 19);
 * cosh overflows to +∞ beyond |x| ≈ 710 and the derivative correctly becomes 0. */
static inline dual dual_tanh(dual a)
{
    double c = cosh(a.v);
    return dual_make(tanh(a.v), a.d / (c * c));
}
/* course:begin dual-sin */
static inline dual dual_sin(dual a) { return dual_make(sin(a.v), cos(a.v) * a.d); }
/* course:end dual-sin */
static inline dual dual_cos(dual a) { return dual_make(cos(a.v), -sin(a.v) * a.d); }
/* |x|' = sign(x), with sign(0) = 0 (the kink convention above). */
static inline dual dual_fabs(dual a)
{
    if (a.v > 0) return a;
    if (a.v < 0) return dual_neg(a);
    return dual_make(0, 0);
}
/* max(0, x): derivative 1 for x > 0, else 0 (0 at the kink). */
static inline dual dual_max0(dual a) { return a.v > 0 ? a : dual_make(0, 0); }

/* Comparisons look at the value part only: they choose a branch, they have no derivative. */
static inline int dual_lt(dual a, dual b) { return a.v < b.v; }
static inline int dual_le(dual a, dual b) { return a.v <= b.v; }
static inline int dual_gt(dual a, dual b) { return a.v > b.v; }
static inline int dual_ge(dual a, dual b) { return a.v >= b.v; }

/* Aborts the test program: the oracle was asked for something it does not define. */
static inline void dual_die(const char *who, const char *what)
{
    fprintf(stderr, "dual.h: %s: %s\n", who, what);
    abort();
}

/* ---- Activations, from their definitions (nn_activation.h) -------------------------- */

/* σ(z) = 1/(1 + e^{−z}), written as e^z/(1 + e^z) for z < 0 so that e^{−z} never
 * overflows. Both pieces are smooth and equal at 0. */
static inline dual dual_sigmoid(dual z)
{
    dual one = dual_const(1);
    if (z.v >= 0) return dual_div(one, dual_add_const(dual_exp(dual_neg(z)), 1));
    dual e = dual_exp(z);
    return dual_div(e, dual_add_const(e, 1));
}

/* softplus(z) = log(1 + e^z) = z + log(1 + e^{−z}): the second form for z ≥ 0, where e^z
 * could overflow. Each piece is smooth (see the trap described at the top). */
static inline dual dual_softplus(dual z)
{
    if (z.v >= 0) return dual_add(z, dual_log1p(dual_exp(dual_neg(z))));
    return dual_log1p(dual_exp(z));
}

/* f(z) for every element-wise activation; alpha is leaky ReLU's slope or ELU's α. */
static inline dual dual_activation(nn_activation_kind kind, double alpha, dual z)
{
    switch (kind) {
    case NN_IDENTITY:   return z;
    case NN_STEP:       return dual_const(z.v >= 0 ? 1 : 0);   /* piecewise constant */
    case NN_SIGMOID:    return dual_sigmoid(z);
    case NN_TANH:       return dual_tanh(z);
    case NN_RELU:       return dual_max0(z);
    case NN_LEAKY_RELU: return z.v > 0 ? z : dual_scale(z, alpha);
    case NN_ELU:        return z.v > 0 ? z : dual_scale(dual_expm1(z), alpha);
    case NN_SOFTPLUS:   return dual_softplus(z);
    case NN_SOFTMAX:    dual_die("dual_activation", "softmax is row-wise: use dual_softmax_row");
    }
    dual_die("dual_activation", "unknown activation kind");
    return z;
}

/* lse(z) = m + log Σ_j e^{z_j − m}. The shift m is any constant (the identity holds for
 * every m), so it is taken as a plain number, the row's largest value: no derivative
 * flows through it, and none should. */
static inline dual dual_logsumexp(const dual *z, int q)
{
    double m = z[0].v;
    for (int j = 1; j < q; j++) if (z[j].v > m) m = z[j].v;
    dual s = dual_const(0);
    for (int j = 0; j < q; j++) s = dual_add(s, dual_exp(dual_add_const(z[j], -m)));
    return dual_add_const(dual_log(s), m);
}

/* S_j = e^{z_j} / Σ_k e^{z_k}, computed as e^{z_j − lse(z)}. s may not be z. */
static inline void dual_softmax_row(const dual *z, dual *s, int q)
{
    dual lse = dual_logsumexp(z, q);
    for (int j = 0; j < q; j++) s[j] = dual_exp(dual_sub(z[j], lse));
}

/* ---- Losses, from their definitions (nn_loss.h) ------------------------------------- */

/* φ(m) of the margin losses, m = y·s. */
static inline dual dual_margin_loss(nn_loss_kind kind, dual m)
{
    dual one_minus_m = dual_sub(dual_const(1), m);
    switch (kind) {
    case NN_LOSS_LOGISTIC:      return dual_softplus(dual_neg(m));        /* log(1 + e^{−m}) */
    case NN_LOSS_EXPONENTIAL:   return dual_exp(dual_neg(m));
    case NN_LOSS_HINGE:         return dual_max0(one_minus_m);
    case NN_LOSS_SQUARED_HINGE: return dual_square(dual_max0(one_minus_m));
    case NN_LOSS_PERCEPTRON:    return dual_max0(dual_neg(m));            /* max(0, −m) */
    default:                    dual_die("dual_margin_loss", "not a margin loss");
    }
    return m;
}

/* One output component's term of ℓ for the losses that are sums over components. */
static inline dual dual_loss_term(nn_loss_kind kind, double delta, dual yhat, double y)
{
    dual r = dual_add_const(yhat, -y);   /* residual ŷ − y */
    switch (kind) {
    case NN_LOSS_MSE: return dual_square(r);
    case NN_LOSS_MAE: return dual_fabs(r);
    case NN_LOSS_HUBER:
        if (dual_fabs(r).v <= delta) return dual_scale(dual_square(r), 0.5);
        return dual_scale(dual_add_const(dual_fabs(r), -delta / 2), delta);
    case NN_LOSS_BCE: {
        /* −[y log p + (1 − y) log(1 − p)], with 0·log 0 = 0: a term whose weight is 0 is
         * not evaluated, so p = y costs 0 (see nn_loss.h). */
        dual t = dual_const(0);
        if (y != 0) t = dual_add(t, dual_scale(dual_log(yhat), y));
        if (y != 1) t = dual_add(t, dual_scale(dual_log1p(dual_neg(yhat)), 1 - y));
        return dual_neg(t);
    }
    case NN_LOSS_BCE_LOGITS: return dual_sub(dual_softplus(yhat), dual_scale(yhat, y));
    case NN_LOSS_LOGISTIC: case NN_LOSS_EXPONENTIAL: case NN_LOSS_HINGE:
    case NN_LOSS_SQUARED_HINGE: case NN_LOSS_PERCEPTRON:
        if (y != 1 && y != -1) dual_die("dual_loss_term", "margin losses need y in {-1,+1}");
        return dual_margin_loss(kind, dual_scale(yhat, y));
    case NN_LOSS_SOFTMAX_CE: dual_die("dual_loss_term", "softmax CE is row-wise");
    }
    dual_die("dual_loss_term", "unknown loss kind");
    return r;
}

/* ℓ = lse(z) − Σ_j y_j z_j for one row. */
static inline dual dual_softmax_ce_row(const dual *z, const nn_real *y, int q)
{
    dual l = dual_logsumexp(z, q);
    for (int j = 0; j < q; j++) l = dual_sub(l, dual_scale(z[j], (double)y[j]));
    return l;
}

/* L(Ŷ, Y) = (1/n) Σ_i ℓ(ŷ_i, y_i): Ŷ is n×q duals, Y is n×q numbers, both row-major. */
static inline dual dual_loss(nn_loss_kind kind, double delta, const dual *Yhat,
                             const nn_real *Y, int n, int q)
{
    dual total = dual_const(0);
    for (int i = 0; i < n; i++) {
        const dual *yhat = Yhat + (size_t)i * (size_t)q;
        const nn_real *y = Y + (size_t)i * (size_t)q;
        if (kind == NN_LOSS_SOFTMAX_CE) {
            total = dual_add(total, dual_softmax_ce_row(yhat, y, q));
            continue;
        }
        for (int j = 0; j < q; j++)
            total = dual_add(total, dual_loss_term(kind, delta, yhat[j], (double)y[j]));
    }
    return dual_scale(total, 1.0 / n);
}

/* The class-index form: L = (1/n) Σ_i [lse(z_i) − z_{i,label_i}]. */
static inline dual dual_cross_entropy_index(const dual *Z, const int *labels, int n, int q)
{
    dual total = dual_const(0);
    for (int i = 0; i < n; i++) {
        const dual *z = Z + (size_t)i * (size_t)q;
        if (labels[i] < 0 || labels[i] >= q) dual_die("dual_cross_entropy_index", "label out of range");
        total = dual_add(total, dual_sub(dual_logsumexp(z, q), z[labels[i]]));
    }
    return dual_scale(total, 1.0 / n);
}

#endif
