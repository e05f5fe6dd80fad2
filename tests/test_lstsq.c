/* The least-squares solver (lib/nn_lstsq.h) held to an independent method.
 *
 * The reference is a one-sided Jacobi SVD (Hestenes 1958) computed here in long double (64-bit
 * significand on x86-64, 11 bits more than double): rotations orthogonalise the columns of B
 * (B = A for a tall A, Aᵀ for a wide one) until B V = U Σ, and then
 *     tall: θ = A⁺y = V Σ⁻¹ Uᵀy = V Σ⁻² (BV)ᵀ y,      wide: θ = A⁺y = U Σ⁻¹ Vᵀy = (BV) Σ⁻² Vᵀ y.
 * It shares no code and no algorithm with the QR solver, and gives κ = σ_max/σ_min.
 *
 * Each solve is held to the accuracy the header states, ‖θ̂ − θ‖/‖θ‖ ≤ C ε (κ + κ²‖r‖/(σ_max‖θ‖))
 * (the κ² term only for tall systems with a residual), on:
 *   - random tall, square and wide systems;
 *   - constructed systems A = U diag(σ) Vᵀ with σ geometric from 1 to 1/κ, κ up to 1e12 (to
 *     κε ≤ 1e-2 in float), consistent and not;
 *   - chapter 7's random ReLU feature matrices at and around p = n (whose κ the header quotes);
 * and the bound is shown to separate: the normal equations (Cholesky on AᵀA, in the working
 * precision) exceed it by orders of magnitude at κ = 1e6. Also: the prefix fits equal fresh
 * factorisations of the first k columns, bit for bit, with residuals that never grow
 * (chapter 7's [C7.1] rests on it); rank-deficient systems are refused; the threads do not
 * change a bit. */
#include "nn.h"
#include "tap.h"
#include "test_util.h"

#include <stdlib.h>
#include <string.h>

typedef long double ld;

/* ---- The reference: one-sided Jacobi SVD in long double ---------------------------------- */

typedef struct { ld theta_norm_err, kappa, sigma_max, theta_norm, residual_norm; } reference;

/* B is m×q (m ≥ q), column j at B[i*q + j]; V is q×q. Rotates column pairs until every pair
 * is orthogonal to long-double rounding. */
static void jacobi(ld *B, ld *V, int m, int q)
{
    for (int j = 0; j < q; j++)
        for (int k = 0; k < q; k++) V[j * q + k] = j == k;
    const ld tol = 64 * LDBL_EPSILON;
    for (int sweep = 0; sweep < 60; sweep++) {
        int rotated = 0;
        for (int j = 0; j < q - 1; j++)
            for (int k = j + 1; k < q; k++) {
                ld a = 0, b = 0, g = 0;
                for (int i = 0; i < m; i++) {
                    a += B[i * q + j] * B[i * q + j];
                    b += B[i * q + k] * B[i * q + k];
                    g += B[i * q + j] * B[i * q + k];
                }
                if (g == 0 || fabsl(g) <= tol * sqrtl(a * b)) continue;
                rotated = 1;
                ld zeta = (b - a) / (2 * g);
                ld t = (zeta >= 0 ? 1 : -1) / (fabsl(zeta) + sqrtl(1 + zeta * zeta));
                ld c = 1 / sqrtl(1 + t * t), s = c * t;
                for (int i = 0; i < m; i++) {
                    ld x = B[i * q + j], y = B[i * q + k];
                    B[i * q + j] = c * x - s * y;
                    B[i * q + k] = s * x + c * y;
                }
                for (int i = 0; i < q; i++) {
                    ld x = V[i * q + j], y = V[i * q + k];
                    V[i * q + j] = c * x - s * y;
                    V[i * q + k] = s * x + c * y;
                }
            }
        if (!rotated) return;
    }
}

/* θ_ref = A⁺y in long double, and κ, σ_max, ‖θ_ref‖, ‖y − Aθ_ref‖. */
static reference pinv_solve(nn_matrix A, const nn_real *y, ld *theta)
{
    int n = A.rows, p = A.cols, tall = n >= p;
    int m = tall ? n : p, q = tall ? p : n;
    ld *B = malloc(sizeof(ld) * (size_t)m * q), *V = malloc(sizeof(ld) * (size_t)q * q);
    ld *sig2 = malloc(sizeof(ld) * (size_t)q), *w = malloc(sizeof(ld) * (size_t)q);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) {
            if (tall) B[i * q + j] = NN_AT(A, i, j);
            else B[j * q + i] = NN_AT(A, i, j);
        }
    jacobi(B, V, m, q);
    ld smax = 0, smin = INFINITY;
    for (int j = 0; j < q; j++) {
        sig2[j] = 0;
        for (int i = 0; i < m; i++) sig2[j] += B[i * q + j] * B[i * q + j];
        ld s = sqrtl(sig2[j]);
        if (s > smax) smax = s;
        if (s < smin) smin = s;
    }
    if (tall) {                     /* w = Σ⁻² (BV)ᵀ y, θ = V w */
        for (int j = 0; j < q; j++) {
            ld s = 0;
            for (int i = 0; i < n; i++) s += B[i * q + j] * (ld)y[i];
            w[j] = s / sig2[j];
        }
        for (int i = 0; i < p; i++) {
            ld s = 0;
            for (int j = 0; j < q; j++) s += V[i * q + j] * w[j];
            theta[i] = s;
        }
    } else {                        /* w = Σ⁻² Vᵀ y, θ = (BV) w */
        for (int j = 0; j < q; j++) {
            ld s = 0;
            for (int i = 0; i < n; i++) s += V[i * q + j] * (ld)y[i];
            w[j] = s / sig2[j];
        }
        for (int i = 0; i < p; i++) {
            ld s = 0;
            for (int j = 0; j < q; j++) s += B[i * q + j] * w[j];
            theta[i] = s;
        }
    }
    reference r = { 0, smax / smin, smax, 0, 0 };
    for (int j = 0; j < p; j++) r.theta_norm += theta[j] * theta[j];
    r.theta_norm = sqrtl(r.theta_norm);
    for (int i = 0; i < n; i++) {
        ld s = -(ld)y[i];
        for (int j = 0; j < p; j++) s += (ld)NN_AT(A, i, j) * theta[j];
        r.residual_norm += s * s;
    }
    r.residual_norm = sqrtl(r.residual_norm);
    free(B); free(V); free(sig2); free(w);
    return r;
}

/* ---- Systems ----------------------------------------------------------------------------- */

static nn_real gauss(nn_rng *rng) { return nn_rng_normal(rng, 0, 1); }

static void fill_normal(nn_matrix A, nn_rng *rng)
{
    for (size_t i = 0; i < nn_matrix_size(A); i++) A.data[i] = gauss(rng);
}

/* x ← H x for a random reflector H = I − 2 u uᵀ/uᵀu, applied to each of the q columns of X
 * (m×q, long double); several of them make a random orthogonal matrix. */
static void random_reflections(ld *X, int m, int q, int count, nn_rng *rng)
{
    ld *u = malloc(sizeof(ld) * (size_t)m);
    for (int t = 0; t < count; t++) {
        ld uu = 0;
        for (int i = 0; i < m; i++) { u[i] = gauss(rng); uu += u[i] * u[i]; }
        for (int j = 0; j < q; j++) {
            ld s = 0;
            for (int i = 0; i < m; i++) s += u[i] * X[i * q + j];
            s *= 2 / uu;
            for (int i = 0; i < m; i++) X[i * q + j] -= s * u[i];
        }
    }
    free(u);
}

/* A (n×p) = U diag(σ) Vᵀ with σ_j = κ^{−j/(r−1)}, r = min(n, p), U and V products of random
 * reflections, all in long double, rounded once at the end. */
static void conditioned(nn_matrix A, ld kappa, nn_rng *rng)
{
    int n = A.rows, p = A.cols, r = n < p ? n : p;
    ld *M = calloc((size_t)n * p, sizeof(ld));
    for (int j = 0; j < r; j++) M[j * p + j] = powl(kappa, -(ld)j / (r - 1));
    random_reflections(M, n, p, 6, rng);                  /* U Σ */
    ld *T = malloc(sizeof(ld) * (size_t)n * p);           /* (U Σ) Vᵀ = (V (U Σ)ᵀ)ᵀ */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) T[j * n + i] = M[i * p + j];
    random_reflections(T, p, n, 6, rng);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) NN_AT(A, i, j) = (nn_real)T[j * n + i];
    free(M); free(T);
}

/* Chapter 7's random ReLU features: x ~ N(0, I_d), w_q ~ N(0, I_d/d), φ_q = relu(w_q·x)/√p. */
static void relu_features(nn_matrix A, int d, nn_rng *rng)
{
    nn_matrix X = nn_matrix_new(A.rows, d), W = nn_matrix_new(A.cols, d);
    fill_normal(X, rng);
    fill_normal(W, rng);
    nn_scale(W, 1 / sqrt((nn_real)d));
    nn_gemm(NN_NO_TRANS, NN_TRANS, 1 / sqrt((nn_real)A.cols), X, W, 0, A);
    for (size_t i = 0; i < nn_matrix_size(A); i++) if (A.data[i] < 0) A.data[i] = 0;
    nn_matrix_free(&X);
    nn_matrix_free(&W);
}

/* ---- The check -------------------------------------------------------------------------- */

enum { C_BOUND = 4 };     /* the constant the test allows in front of the header's bound */

typedef struct { double worst_ratio, kappa_min, kappa_max; int failures, runs; } tally;

/* Solves A θ = y both ways; returns error / bound (≤ 1 passes) and records κ. */
static double check_one(nn_matrix A, const nn_real *y, tally *t, double *err_out, double *kappa_out)
{
    int p = A.cols;
    nn_real *theta = malloc(sizeof(nn_real) * (size_t)p);
    ld *ref = malloc(sizeof(ld) * (size_t)p);
    int status = nn_lstsq(A, y, theta);
    reference r = pinv_solve(A, y, ref);
    ld diff = 0;
    for (int j = 0; j < p; j++) diff += (theta[j] - ref[j]) * (theta[j] - ref[j]);
    double err = status ? INFINITY : (double)(sqrtl(diff) / r.theta_norm);
    double kappa = (double)r.kappa, eps = NN_REAL_EPSILON;
    double sens = kappa;
    if (A.rows > A.cols) sens += kappa * kappa * (double)(r.residual_norm / (r.sigma_max * r.theta_norm));
    double ratio = err / (C_BOUND * eps * sens);
    if (t) {
        t->runs++;
        if (!(ratio <= 1)) t->failures++;
        if (ratio > t->worst_ratio || ratio != ratio) t->worst_ratio = ratio;
        if (kappa < t->kappa_min) t->kappa_min = kappa;
        if (kappa > t->kappa_max) t->kappa_max = kappa;
    }
    if (err_out) *err_out = err;
    if (kappa_out) *kappa_out = kappa;
    free(theta);
    free(ref);
    return ratio;
}

static tally fresh(void) { return (tally){ 0, INFINITY, 0, 0, 0 }; }

static void random_systems(nn_rng *rng)
{
    const int shapes[][2] = { { 40, 10 }, { 200, 50 }, { 64, 64 }, { 101, 100 }, { 10, 40 },
                              { 50, 200 }, { 99, 100 }, { 1, 7 }, { 7, 1 } };
    tally t = fresh();
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (int rep = 0; rep < 3; rep++) {
            nn_matrix A = nn_matrix_new(shapes[s][0], shapes[s][1]);
            nn_real *y = malloc(sizeof(nn_real) * (size_t)A.rows);
            fill_normal(A, rng);
            for (int i = 0; i < A.rows; i++) y[i] = gauss(rng);
            check_one(A, y, &t, NULL, NULL);
            free(y);
            nn_matrix_free(&A);
        }
    tap_ok(t.failures == 0, "random Gaussian systems (tall, square, wide; %d solves, kappa %.0f to %.2g) vs Jacobi SVD "
           "in long double: worst error %.3f of the bound %d eps (kappa + kappa^2 |r|/(|A||theta|))",
           t.runs, t.kappa_min, t.kappa_max, t.worst_ratio, C_BOUND);
}

/* Constructed κ: tall consistent, tall with a residual, wide. */
static void ill_conditioned(nn_rng *rng)
{
    const double kappas[] = { 1e2, 1e4, 1e6, 1e8, 1e10, 1e12 };
    const char *kinds[] = { "tall, consistent (r = 0)", "tall, with a residual", "wide, minimum norm" };
    for (int kind = 0; kind < 3; kind++) {
        tally t = fresh();
        int n = kind < 2 ? 60 : 30, p = kind < 2 ? 30 : 60;
        double worst_err = 0, worst_kappa = 0;
        for (size_t k = 0; k < sizeof kappas / sizeof kappas[0]; k++) {
            if (kappas[k] * NN_REAL_EPSILON > 1e-2) continue;   /* beyond float's reach */
            for (int rep = 0; rep < 2; rep++) {
                nn_matrix A = nn_matrix_new(n, p);
                conditioned(A, kappas[k], rng);
                nn_real *x = malloc(sizeof(nn_real) * (size_t)p), *y = malloc(sizeof(nn_real) * (size_t)n);
                for (int j = 0; j < p; j++) x[j] = gauss(rng);
                for (int i = 0; i < n; i++) {
                    ld s = kind == 1 ? (ld)gauss(rng) : 0;     /* a residual, mostly outside the range */
                    for (int j = 0; j < p; j++) s += (ld)NN_AT(A, i, j) * x[j];
                    y[i] = (nn_real)s;
                }
                double err, kappa;
                check_one(A, y, &t, &err, &kappa);
                if (err > worst_err) { worst_err = err; worst_kappa = kappa; }
                free(x); free(y);
                nn_matrix_free(&A);
            }
        }
        tap_ok(t.failures == 0 && t.runs > 0, "constructed %dx%d systems, %s, kappa %.0e to %.0e (%d solves): worst error %.3f "
               "of the bound (largest error %.1e, at kappa %.1e)", n, p, kinds[kind], t.kappa_min, t.kappa_max,
               t.runs, t.worst_ratio, worst_err, worst_kappa);
    }
}

/* Chapter 7's feature matrices near the interpolation threshold: p = n and a few either side. */
static void relu_features_near_threshold(nn_rng *rng)
{
    enum { N = 100, D = 20, DRAWS = 6 };
    const int ps[] = { 90, 98, 100, 102, 110 };
    tally t = fresh(), at_n = fresh();
    for (size_t s = 0; s < sizeof ps / sizeof ps[0]; s++)
        for (int rep = 0; rep < (ps[s] == N ? DRAWS : 2); rep++) {
            nn_matrix A = nn_matrix_new(N, ps[s]);
            relu_features(A, D, rng);
            nn_real y[N];
            for (int i = 0; i < N; i++) y[i] = gauss(rng);
            check_one(A, y, ps[s] == N ? &at_n : &t, NULL, NULL);
            nn_matrix_free(&A);
        }
    tap_ok(at_n.failures == 0, "chapter 7's random relu features at p = n = %d (d = %d, %d draws): kappa %.1e to %.1e, "
           "worst error %.3f of the bound", N, D, at_n.runs, at_n.kappa_min, at_n.kappa_max, at_n.worst_ratio);
    tap_ok(t.failures == 0, "the same features at p = 90, 98, 102, 110 (%d draws): kappa %.1e to %.1e, worst error %.3f "
           "of the bound", t.runs, t.kappa_min, t.kappa_max, t.worst_ratio);
}

/* The bound separates: the normal equations AᵀAθ = Aᵀy (Cholesky, in the working precision)
 * lose κ² ε and exceed it at κ = 1e6 (in float, κ = 3e3). */
static void normal_equations_fail_the_bound(nn_rng *rng)
{
    double kappa_target = NN_REAL_EPSILON > 1e-10 ? 3e3 : 1e6;
    enum { N = 60, P = 30 };
    nn_matrix A = nn_matrix_new(N, P), G = nn_matrix_new(P, P);
    conditioned(A, kappa_target, rng);
    nn_real x[P], y[N], b[P], theta[P];
    for (int j = 0; j < P; j++) x[j] = gauss(rng);
    for (int i = 0; i < N; i++) {
        y[i] = 0;
        for (int j = 0; j < P; j++) y[i] += NN_AT(A, i, j) * x[j];
    }
    nn_gemm_naive(NN_TRANS, NN_NO_TRANS, 1, A, A, 0, G);
    for (int j = 0; j < P; j++) {
        b[j] = 0;
        for (int i = 0; i < N; i++) b[j] += NN_AT(A, i, j) * y[i];
    }
    int ok = 1;                                           /* G = C Cᵀ, in place (lower) */
    for (int j = 0; j < P && ok; j++) {
        nn_real d = NN_AT(G, j, j);
        for (int k = 0; k < j; k++) d -= NN_AT(G, j, k) * NN_AT(G, j, k);
        if (!(d > 0)) { ok = 0; break; }
        NN_AT(G, j, j) = sqrt(d);
        for (int i = j + 1; i < P; i++) {
            nn_real s = NN_AT(G, i, j);
            for (int k = 0; k < j; k++) s -= NN_AT(G, i, k) * NN_AT(G, j, k);
            NN_AT(G, i, j) = s / NN_AT(G, j, j);
        }
    }
    double ratio = INFINITY, err = INFINITY;
    if (ok) {
        for (int i = 0; i < P; i++) {                     /* C z = b, Cᵀ θ = z */
            nn_real s = b[i];
            for (int k = 0; k < i; k++) s -= NN_AT(G, i, k) * theta[k];
            theta[i] = s / NN_AT(G, i, i);
        }
        for (int i = P - 1; i >= 0; i--) {
            nn_real s = theta[i];
            for (int k = i + 1; k < P; k++) s -= NN_AT(G, k, i) * theta[k];
            theta[i] = s / NN_AT(G, i, i);
        }
        ld ref[P], diff = 0, norm = 0;
        reference r = pinv_solve(A, y, ref);
        for (int j = 0; j < P; j++) { diff += (theta[j] - ref[j]) * (theta[j] - ref[j]); norm += ref[j] * ref[j]; }
        err = (double)sqrtl(diff / norm);
        ratio = err / (C_BOUND * NN_REAL_EPSILON * (double)r.kappa);
    }
    double qr_ratio = check_one(A, y, NULL, NULL, NULL);
    tap_ok(ratio > 10 && qr_ratio <= 1, "the bound separates: at kappa %.0e the normal equations (Cholesky on A'A) err %.1e, "
           "%.0f times the bound%s; QR %.3f of it", kappa_target, err, ratio, ok ? "" : " (Cholesky broke down)", qr_ratio);
    nn_matrix_free(&A);
    nn_matrix_free(&G);
}

/* Prefix fits: bitwise equal to fresh factorisations of the first k columns; the residual
 * sums of squares they return never grow with k, and equal ‖Aθ − y‖² computed directly. */
static void prefixes(nn_rng *rng)
{
    enum { N = 50, P = 40 };
    nn_matrix A = nn_matrix_new(N, P);
    fill_normal(A, rng);
    nn_real y[N], theta[P], fresh_theta[P];
    for (int i = 0; i < N; i++) y[i] = gauss(rng);
    nn_qr qr;
    int status = nn_qr_factor(A, &qr), same = status == 0, monotone = 1;
    double worst_rss_gap = 0, last = INFINITY;
    for (int k = 1; k <= P; k++) {
        nn_real rss = nn_qr_solve_prefix(&qr, y, k, theta);
        nn_matrix Ak = nn_matrix_new(N, k);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < k; j++) NN_AT(Ak, i, j) = NN_AT(A, i, j);
        same &= nn_lstsq(Ak, y, fresh_theta) == 0 && memcmp(theta, fresh_theta, sizeof(nn_real) * k) == 0;
        double direct = 0;
        for (int i = 0; i < N; i++) {
            double r = -y[i];
            for (int j = 0; j < k; j++) r += (double)NN_AT(A, i, j) * theta[j];
            direct += r * r;
        }
        double gap = fabs(direct - rss) / direct;
        if (gap > worst_rss_gap) worst_rss_gap = gap;
        if (rss > last) monotone = 0;
        last = rss;
        nn_matrix_free(&Ak);
    }
    nn_qr_free(&qr);
    tap_ok(same, "prefix fits on the first k = 1..%d of %d columns equal fresh factorisations of those columns, bit for bit", P, P);
    tap_ok(monotone && worst_rss_gap < 1e3 * NN_REAL_EPSILON, "their residual sums of squares never grow with k, "
           "and match |A theta - y|^2 computed directly to %.1e", worst_rss_gap);
    nn_matrix_free(&A);
}

static void rank_deficient(nn_rng *rng)
{
    nn_matrix tall = nn_matrix_new(20, 5), wide = nn_matrix_new(5, 20), zero = nn_matrix_new(4, 3);
    fill_normal(tall, rng);
    fill_normal(wide, rng);
    for (int i = 0; i < 20; i++) NN_AT(tall, i, 4) = 2 * NN_AT(tall, i, 1);     /* column 4 = 2 × column 1 */
    for (int j = 0; j < 20; j++) NN_AT(wide, 3, j) = NN_AT(wide, 0, j) - NN_AT(wide, 2, j);
    nn_real theta[20] = { 0 }, y[20] = { 1 };
    int a = nn_lstsq(tall, y, theta), b = nn_lstsq(wide, y, theta), c = nn_lstsq(zero, y, theta);
    tap_ok(a == -1 && b == -1 && c == -1, "rank-deficient systems are refused: a repeated column (%d), a row that is a "
           "difference of two others (%d), the zero matrix (%d)", a, b, c);
    nn_matrix_free(&tall);
    nn_matrix_free(&wide);
    nn_matrix_free(&zero);
}

/* Big enough that each reflector's rows are split across threads. */
typedef struct { nn_matrix A; const nn_real *y; } solve_job;

static void solve_work(void *ctx, nn_real *out)
{
    solve_job *job = ctx;
    nn_lstsq(job->A, job->y, out);
}

static void threads(nn_rng *rng)
{
    if (skip_without_openmp()) return;
    enum { N = 120, P = 900 };
    nn_matrix A = nn_matrix_new(N, P);
    relu_features(A, 20, rng);
    nn_real y[N];
    for (int i = 0; i < N; i++) y[i] = gauss(rng);
    nn_real *one = malloc(sizeof(nn_real) * P), *two = malloc(sizeof(nn_real) * P);
    solve_job job = { A, y };
    tap_ok(same_bits_with_1_and_2_threads(solve_work, &job, one, two, P),
           "a %dx%d minimum-norm solve gives the same bits with 1 and 2 threads", N, P);
    free(one); free(two);
    nn_matrix_free(&A);
}

int main(void)
{
    tap_plan(11);
    nn_rng rng;
    nn_rng_seed(&rng, 7);
    random_systems(&rng);
    ill_conditioned(&rng);
    relu_features_near_threshold(&rng);
    normal_equations_fail_the_bound(&rng);
    prefixes(&rng);
    rank_deficient(&rng);
    threads(&rng);
    return tap_done();
}
