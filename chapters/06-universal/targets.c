/* The functions the chapter approximates on [0, 1], one per kind of smoothness, each with
 * what the error bounds of the text need: ω_f(h) in closed form, L and max|f″|.
 *
 *   smooth     sin 2πx     C²: |f″| ≤ 4π², L = 2π, ω(h) = 2 sin(πh) for h ≤ ½
 *   kink       |x − c|     Lipschitz: L = 1, ω(h) = h; no f′ at c
 *   sqrt       √x          uniformly continuous, ω(h) = √h (attained at 0); no finite L
 *   step       1[x ≥ s]    not continuous: ω(h) = 1 for every h > 0
 *   quadratic  x²          f″ = 2: the h²/8 bound is an equality
 * To add a target: write its f and ω below and a constructor filling the struct. */
#include "universal.h"

static const nn_real pi = NN_R(3.14159265358979323846);

nn_real target_value(const target *t, nn_real x) { return t->f(t, x); }

/* ---- sin 2πx ----------------------------------------------------------------------- */
static nn_real smooth_f(const target *t, nn_real x) { (void)t; return sin(2 * pi * x); }
/* |sin 2πx − sin 2πy| = 2|cos π(x + y)| |sin π(x − y)| ≤ 2 sin πh, equal for x + y = 1. */
static nn_real smooth_modulus(const target *t, nn_real h) { (void)t; return h >= NN_R(0.5) ? 2 : 2 * sin(pi * h); }

target target_smooth(void)
{
    return (target){ "smooth", "sin 2πx", smooth_f, smooth_modulus, 2 * pi, 4 * pi * pi, NAN, -2 };
}

/* ---- |x − c| ------------------------------------------------------------------------ */
static nn_real kink_f(const target *t, nn_real x) { return fabs(x - t->at); }
static nn_real kink_modulus(const target *t, nn_real h) { (void)t; return h; }

target target_kink(nn_real c)
{
    return (target){ "kink", "|x − c|", kink_f, kink_modulus, 1, INFINITY, c, -1 };
}

/* ---- √x ----------------------------------------------------------------------------- */
static nn_real sqrt_f(const target *t, nn_real x) { (void)t; return sqrt(x); }
/* √(x + h) − √x is largest at x = 0. */
static nn_real sqrt_modulus(const target *t, nn_real h) { (void)t; return sqrt(h); }

target target_sqrt(void)
{
    return (target){ "sqrt", "√x", sqrt_f, sqrt_modulus, INFINITY, INFINITY, NAN, NN_R(-0.5) };
}

/* ---- the step 1[x ≥ s] --------------------------------------------------------------- */
static nn_real step_f(const target *t, nn_real x) { return x >= t->at ? 1 : 0; }
static nn_real step_modulus(const target *t, nn_real h) { (void)t; return h > 0 ? 1 : 0; }

target target_step(nn_real s)
{
    return (target){ "step", "1[x ≥ s]", step_f, step_modulus, INFINITY, INFINITY, s, 0 };
}

/* ---- x² ------------------------------------------------------------------------------ */
static nn_real quadratic_f(const target *t, nn_real x) { (void)t; return x * x; }
/* 1 − (1 − h)² = 2h − h², at the right end. */
static nn_real quadratic_modulus(const target *t, nn_real h) { (void)t; return h >= 1 ? 1 : 2 * h - h * h; }

target target_quadratic(void)
{
    return (target){ "quadratic", "x²", quadratic_f, quadratic_modulus, 2, 2, NAN, -2 };
}

/* course:begin target_table */
int target_table(target *out, nn_real kink, nn_real step)
{
    int n = 0;
    out[n++] = target_smooth();
    out[n++] = target_kink(kink);
    out[n++] = target_sqrt();
    out[n++] = target_step(step);
    return n;
}
/* course:end target_table */
