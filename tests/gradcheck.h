/* gradcheck.h: gradient checks, for one operation or a whole network (header-only).
 *
 * Everything is phrased on a flat vector x of n numbers (a batch Z, a batch of outputs Ŷ,
 * or a network's `params`), a scalar function L(x), and an analytic gradient g = ∂L/∂x
 * produced by the code under test (a backward pass). Two references:
 *
 *   gc_finite_differences  g_i against the central difference
 *                              (L(x + h_i e_i) − L(x − h_i e_i)) / 2h_i,  h_i = h·max(1, |x_i|);
 *   gc_compare             g against a reference vector, typically gc_dual_gradient's
 *                          (dual numbers, dual.h: exact to rounding).
 *
 * Error per coordinate: |a − r| / max(|a| + |r|, GC_REL_FLOOR), floor 1e-8 (1e-3 in float).
 * The check passes when the largest is at most the tolerance: GC_TOL_OP (one operation),
 * GC_TOL_NETWORK (a whole network), GC_TOL_DUAL (against dual numbers).
 *
 * Kinks. Near a point where L is not differentiable (ReLU at 0, |r| at 0, the hinge at
 * m = 1) a central difference averages two slopes and says nothing about the code. A
 * coordinate is skipped, and counted, when
 *   - the caller's near_kink(ctx, x, i, h_i) says its argument lies within ±h_i of a kink
 *     (the caller knows where the kinks of an element-wise operation are), or
 *   - it disagrees with its central difference, and the difference itself is unreliable:
 *     the central differences with h and h/2 disagree (a kink inside (h/2, h], or noise),
 *     or the one-sided differences jump (a kink at x: the Richardson combination
 *     2(D₊ − D₋)(h/2) − (D₊ − D₋)(h), which is O(h³) for a smooth L, stays of the size of
 *     the jump in slope).
 * A coordinate that agrees is never skipped by the second rule, so a correct gradient loses
 * nothing and a wrong smooth gradient (both differences agreeing with each other, not with
 * g) is reported. More than GC_MAX_SKIP (10%) of the coordinates skipped fails the check.
 *
 * Use (a loss's gradient with respect to Ŷ, say):
 *
 *     gc_options opt = gc_defaults(GC_TOL_OP);
 *     opt.cols = q;                                  // name coordinates [row,col]
 *     gc_result r = gc_finite_differences(loss_value, &ctx, yhat, n * q, grad, &opt);
 *     gc_ok(&r, &opt, "mse backward");
 *         -> ok 7 - mse backward vs finite differences: max rel err 3e-11 (0 of 15 kinks skipped)
 *
 *     gc_dual_gradient(loss_value_dual, &ctx, yhat, n * q, ref);   // ref: n*q doubles
 *     r = gc_compare(grad, ref, n * q);
 *     opt.tol = GC_TOL_DUAL;
 *     gc_ok(&r, &opt, "mse backward");
 *         -> ok 8 - mse backward vs dual numbers: max rel err 2.2e-16
 *
 * gc_check_both(f, f_dual, ctx, x, n, grad, GC_TOL_OP, &opt, "mse backward") does both
 * points at once (GC_TOL_NETWORK for a whole network, with f a loss of net->params).
 * On failure gc_ok prints the GC_WORST worst coordinates with tap_diag.
 *
 * Float build: a float central difference carries a noise ε_f·|L|/h ≈ 1e-5 (ε_f = 1.2e-7,
 * L a batch loss of a few units), as large as the smallest gradient components, and a float
 * backward pass agrees with the double oracle to ~1e-6. So the step grows to 2^-6, the
 * floor of the relative error to 1e-3, the tolerances loosen, and every gc_ok line says
 * so, with the tolerance. */
#ifndef GRADCHECK_H
#define GRADCHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "nn_real.h"
#include "tap.h"
#include "dual.h"

#ifdef NN_REAL_FLOAT
#define GC_TOL_OP      1e-2   /* float: central differences carry ~1e-4 of noise */
#define GC_TOL_NETWORK 3e-2
#define GC_TOL_DUAL    1e-4   /* float: a float backward pass vs a double oracle */
#define GC_H           0x1p-6 /* a little above ε_f^(1/3) ≈ 0x1p-8: the noise ε_f·|L|/h of a
                                 * loss summed over a batch dominates the truncation h² */
#define GC_REL_FLOOR   1e-3   /* float: components below this are within the FD noise,
                                 * so they are compared absolutely */
#else
#define GC_TOL_OP      1e-6
#define GC_TOL_NETWORK 1e-5
#define GC_TOL_DUAL    1e-10
#define GC_H           0x1p-17 /* ≈ 7.6e-6 ≈ ε^(1/3): balances truncation h² and noise ε/h */
#define GC_REL_FLOOR   1e-8   /* the denominator's floor: both sides ~0 count as agreeing */
#endif
#define GC_MAX_SKIP    0.10    /* more than this fraction of kinks skipped fails a check */
#define GC_WORST       3       /* coordinates shown on failure */

/* L(x), x a flat vector of n numbers (n is the caller's: keep it in ctx). */
typedef double (*gc_fn)(void *ctx, const nn_real *x);
/* The same L on dual numbers, for gc_dual_gradient. */
typedef dual (*gc_dual_fn)(void *ctx, const dual *x);
/* 1 if coordinate i's argument lies within ±h of a kink of L. */
typedef int (*gc_kink_fn)(void *ctx, const nn_real *x, size_t i, double h);
/* Writes a name for coordinate i ("layer 1 W[2,0]") into buf. */
typedef void (*gc_name_fn)(void *ctx, size_t i, char *buf, size_t len);

typedef struct {
    double tol;             /* pass when max rel err ≤ tol */
    double h;               /* relative finite-difference step */
    gc_kink_fn near_kink;   /* NULL: no kink known in advance */
    gc_name_fn name;        /* NULL: coordinates named [row,col] (cols > 0) or [i] */
    int cols;
    void *ctx;              /* passed to near_kink and name */
} gc_options;

typedef struct {
    size_t index;
    double analytic, reference, rel_err;
} gc_coordinate;

typedef struct {
    const char *reference;  /* "finite differences" or "dual numbers" (callers may rename) */
    int finite_differences; /* 1: kinks were looked for, and the line reports them */
    size_t n, checked, skipped;
    double max_rel_err;     /* over the checked coordinates */
    int n_worst;
    gc_coordinate worst[GC_WORST];  /* worst first */
} gc_result;

static inline gc_options gc_defaults(double tol)
{
    gc_options o = { tol, GC_H, NULL, NULL, 0, NULL };
    return o;
}

/* |a − b| / max(|a| + |b|, 1e-8); +∞ when either side is not finite. */
static inline double gc_rel_err(double a, double b)
{
    if (!isfinite(a) || !isfinite(b)) return INFINITY;
    double den = fabs(a) + fabs(b);
    return fabs(a - b) / (den > GC_REL_FLOOR ? den : GC_REL_FLOOR);
}

static inline gc_result gc_result_new(const char *reference, int finite_differences, size_t n)
{
    gc_result r = { reference, finite_differences, n, 0, 0, 0, 0, { { 0, 0, 0, 0 } } };
    return r;
}

/* Counts a compared coordinate and keeps the GC_WORST worst, sorted. */
static inline void gc_record(gc_result *r, size_t i, double analytic, double reference)
{
    double e = gc_rel_err(analytic, reference);
    gc_coordinate c = { i, analytic, reference, e };
    r->checked++;
    if (e > r->max_rel_err) r->max_rel_err = e;
    int k = r->n_worst;
    if (k < GC_WORST) r->n_worst++;
    else if (!(e > r->worst[--k].rel_err)) return;      /* not among the worst: drop it */
    while (k > 0 && e > r->worst[k - 1].rel_err) { r->worst[k] = r->worst[k - 1]; k--; }
    r->worst[k] = c;
}

/* L with x_i replaced by v (x is restored). */
static inline double gc_eval_at(gc_fn f, void *ctx, nn_real *x, size_t i, nn_real v)
{
    nn_real saved = x[i];
    x[i] = v;
    double y = f(ctx, x);
    x[i] = saved;
    return y;
}

/* Differences of L along coordinate i with step h: central, forward, backward. The steps
 * are the ones actually taken, (x + h) − x in nn_real, not the h asked for. */
typedef struct { double central, forward, backward; } gc_differences;

static inline gc_differences gc_differences_at(gc_fn f, void *ctx, nn_real *x, size_t i,
                                               double h, double f0)
{
    nn_real xp = (nn_real)(x[i] + h), xm = (nn_real)(x[i] - h);
    double fp = gc_eval_at(f, ctx, x, i, xp), fm = gc_eval_at(f, ctx, x, i, xm);
    double up = (double)xp - (double)x[i], down = (double)x[i] - (double)xm;
    gc_differences d = { (fp - fm) / (up + down), (fp - f0) / up, (f0 - fm) / down };
    return d;
}

/* Is the central difference at coordinate i unreliable (a kink within ±h, or noise)? */
static inline int gc_unreliable(gc_fn f, void *ctx, nn_real *x, size_t i, double h, double f0,
                                gc_differences d1, double tol)
{
    gc_differences d2 = gc_differences_at(f, ctx, x, i, h / 2, f0);
    if (gc_rel_err(d1.central, d2.central) > tol) return 1;
    double jump = 2 * (d2.forward - d2.backward) - (d1.forward - d1.backward);
    double scale = fabs(d1.forward) + fabs(d1.backward);
    return fabs(jump) > tol * (scale > GC_REL_FLOOR ? scale : GC_REL_FLOOR);
}

/* Compares analytic[i] = ∂L/∂x_i with central differences of f at x, for i < n. x is
 * perturbed in place and restored exactly. x may be the very parameters f reads (a network's
 * params); analytic must not be something f writes (copy a network's grads out first). */
static inline gc_result gc_finite_differences(gc_fn f, void *ctx, nn_real *x, size_t n,
                                              const nn_real *analytic, const gc_options *opt)
{
    gc_result r = gc_result_new("finite differences", 1, n);
    double f0 = f(ctx, x);
    for (size_t i = 0; i < n; i++) {
        double h = opt->h * (fabs((double)x[i]) > 1 ? fabs((double)x[i]) : 1);
        if (opt->near_kink && opt->near_kink(opt->ctx, x, i, h)) { r.skipped++; continue; }
        gc_differences d = gc_differences_at(f, ctx, x, i, h, f0);
        if (gc_rel_err(analytic[i], d.central) > opt->tol
            && gc_unreliable(f, ctx, x, i, h, f0, d, opt->tol)) {
            r.skipped++;
            continue;
        }
        gc_record(&r, i, analytic[i], d.central);
    }
    return r;
}

/* Compares analytic[i] with reference[i] (e.g. a dual-number gradient), for i < n. */
static inline gc_result gc_compare(const nn_real *analytic, const double *reference, size_t n)
{
    gc_result r = gc_result_new("dual numbers", 0, n);
    for (size_t i = 0; i < n; i++) gc_record(&r, i, analytic[i], reference[i]);
    return r;
}

/* grad[i] = ∂L/∂x_i by dual numbers: one evaluation of f per coordinate, seeded d = 1 on
 * x_i and 0 elsewhere. */
static inline void gc_dual_gradient(gc_dual_fn f, void *ctx, const nn_real *x, size_t n,
                                    double *grad)
{
    dual *xd = malloc((n ? n : 1) * sizeof *xd);
    if (!xd) { fprintf(stderr, "gc_dual_gradient: out of memory for %zu duals\n", n); abort(); }
    for (size_t i = 0; i < n; i++) xd[i] = dual_const((double)x[i]);
    for (size_t i = 0; i < n; i++) {
        xd[i].d = 1;
        grad[i] = f(ctx, xd).d;
        xd[i].d = 0;
    }
    free(xd);
}

static inline int gc_passed(const gc_result *r, const gc_options *opt)
{
    return r->checked > 0 && r->max_rel_err <= opt->tol
        && (double)r->skipped <= GC_MAX_SKIP * (double)r->n;
}

static inline void gc_coordinate_name(const gc_options *opt, size_t i, char *buf, size_t len)
{
    if (opt->name) opt->name(opt->ctx, i, buf, len);
    else if (opt->cols > 0) snprintf(buf, len, "[%zu,%zu]", i / (size_t)opt->cols, i % (size_t)opt->cols);
    else snprintf(buf, len, "[%zu]", i);
}

/* The TAP point: "<what> vs <reference>: max rel err E[ (k of n kinks skipped)]", and on
 * failure the worst coordinates and the skip count as diagnostics. Returns pass. */
static inline int gc_ok(const gc_result *r, const gc_options *opt, const char *what_fmt, ...)
{
    char what[512], skipped[96] = "";
    va_list ap;
    va_start(ap, what_fmt);
    vsnprintf(what, sizeof what, what_fmt, ap);
    va_end(ap);
    if (r->finite_differences)
        snprintf(skipped, sizeof skipped, " (%zu of %zu kinks skipped)", r->skipped, r->n);
    int pass = gc_passed(r, opt);
    char note[80] = "";
#ifdef NN_REAL_FLOAT
    snprintf(note, sizeof note, " (float build: tol %.0e for float rounding)", opt->tol);
#endif
    tap_ok(pass, "%s vs %s: max rel err %.1e%s%s", what, r->reference, r->max_rel_err, skipped, note);
    if (pass) return 1;
    tap_diag("tolerance %.1e; %zu of %zu coordinates compared", opt->tol, r->checked, r->n);
    if ((double)r->skipped > GC_MAX_SKIP * (double)r->n)
        tap_diag("%zu of %zu coordinates skipped as kinks: more than %.0f%%", r->skipped, r->n,
                 100 * GC_MAX_SKIP);
    for (int k = 0; k < r->n_worst; k++) {
        char name[128];
        gc_coordinate_name(opt, r->worst[k].index, name, sizeof name);
        tap_diag("  %s: analytic %.17g, %s %.17g, rel err %.2e", name, r->worst[k].analytic,
                 r->reference, r->worst[k].reference, r->worst[k].rel_err);
    }
    return 0;
}

/* The usual pair of TAP points for one gradient: against finite differences with fd_tol
 * (GC_TOL_OP for one operation, GC_TOL_NETWORK for a network), then against dual numbers
 * with GC_TOL_DUAL. `base` gives the kink predicate, the names and their ctx (its tol is
 * not used; NULL for none). x is perturbed and restored. Returns 1 if both pass. */
static inline int gc_check_both(gc_fn f, gc_dual_fn f_dual, void *ctx, nn_real *x, size_t n,
                                const nn_real *analytic, double fd_tol, const gc_options *base,
                                const char *what)
{
    gc_options opt = base ? *base : gc_defaults(fd_tol);
    opt.tol = fd_tol;
    gc_result r = gc_finite_differences(f, ctx, x, n, analytic, &opt);
    int pass = gc_ok(&r, &opt, "%s", what);

    double *reference = malloc((n ? n : 1) * sizeof *reference);
    if (!reference) { fprintf(stderr, "gc_check_both: out of memory for %zu numbers\n", n); abort(); }
    gc_dual_gradient(f_dual, ctx, x, n, reference);
    opt.tol = GC_TOL_DUAL;
    r = gc_compare(analytic, reference, n);
    pass &= gc_ok(&r, &opt, "%s", what);
    free(reference);
    return pass;
}

#endif
