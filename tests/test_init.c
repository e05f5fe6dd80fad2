/* Initialisers: each one's sample matches the scale nn_init.h documents.
 *
 * A 200×300 matrix (fan_out = 200, fan_in = 300) gives 60000 draws. For a uniform on
 * ±h the sample must stay inside [−h, h), have mean ≈ 0 and sd ≈ h/√3; for the normal
 * kinds sd ≈ σ, and the truncated ones must stay inside ±2 × (σ/0.8796...) — the bound
 * of the underlying truncated normal. Tolerances are 5 standard errors of the estimate
 * (sd/√N for the mean, about sd·√(κ−1)/(2√N) for the sd, κ the kurtosis ≤ 3), so a
 * correct initialiser fails with probability < 1e-6 and a scale off by 5% fails. */
#include "nn.h"
#include "tap.h"

#include <string.h>

#include <string.h>

#define FAN_OUT 200
#define FAN_IN 300

typedef struct { double mean, sd, min, max; } sample_stats;

static sample_stats stats_of(nn_matrix W)
{
    size_t n = nn_matrix_size(W);
    sample_stats s = { 0, 0, INFINITY, -INFINITY };
    for (size_t i = 0; i < n; i++) {
        s.mean += W.data[i];
        s.min = fmin(s.min, W.data[i]);
        s.max = fmax(s.max, W.data[i]);
    }
    s.mean /= (double)n;
    for (size_t i = 0; i < n; i++) s.sd += (W.data[i] - s.mean) * (W.data[i] - s.mean);
    s.sd = sqrt(s.sd / (double)(n - 1));
    return s;
}

/* The scale each kind should have, written from the formulas (not from the library). */
static double documented_scale(nn_init_kind kind)
{
    const double fi = FAN_IN, fo = FAN_OUT;
    switch (kind) {
    case NN_INIT_GLOROT_UNIFORM: return sqrt(6 / (fi + fo));
    case NN_INIT_GLOROT_NORMAL: return sqrt(2 / (fi + fo));
    case NN_INIT_HE_UNIFORM: return sqrt(6 / fi);
    case NN_INIT_HE_NORMAL: return sqrt(2 / fi);
    case NN_INIT_LECUN_UNIFORM: return sqrt(3 / fi);
    case NN_INIT_LECUN_NORMAL: return sqrt(1 / fi);
    default: return 0;
    }
}

static void check_scaled(nn_init_kind kind, nn_rng *rng)
{
    nn_init init = nn_init_make(kind, 0, 0);
    nn_matrix W = nn_matrix_new(FAN_OUT, FAN_IN);
    nn_init_fill(init, W, FAN_IN, FAN_OUT, rng);
    sample_stats s = stats_of(W);
    double scale = documented_scale(kind), N = (double)nn_matrix_size(W);
    int uniform = kind == NN_INIT_GLOROT_UNIFORM || kind == NN_INIT_HE_UNIFORM
               || kind == NN_INIT_LECUN_UNIFORM;
    double want_sd = uniform ? scale / sqrt(3) : scale;
    double bound = (uniform ? scale : 2 * scale / 0.87962566103423978) * (1 + 1e-6);
    double mean_tol = 5 * want_sd / sqrt(N), sd_tol = 5 * want_sd / sqrt(N);
    int ok = fabs(nn_init_scale(init, FAN_IN, FAN_OUT) - scale) <= 4 * NN_REAL_EPSILON * scale
          && fabs(s.mean) <= mean_tol && fabs(s.sd - want_sd) <= sd_tol
          && s.min >= -bound && s.max <= bound;
    if (!tap_ok(ok, "%s on %dx%d: documented %s %.5f, sample sd %.5f (want %.5f +- %.1e), mean %.1e, "
                "range [%.4f, %.4f] within +-%.4f", nn_init_name(kind), FAN_OUT, FAN_IN,
                uniform ? "half-width" : "sd", scale, s.sd, want_sd, sd_tol, s.mean, s.min, s.max, bound))
        tap_diag("nn_init_scale says %.17g", (double)nn_init_scale(init, FAN_IN, FAN_OUT));
    nn_matrix_free(&W);
}

/* uniform(a, b), normal(a, b), truncated_normal(a, b) with their own parameters. */
static void check_plain(nn_init init, double want_mean, double want_sd, double lo, double hi,
                        nn_rng *rng)
{
    nn_matrix W = nn_matrix_new(FAN_OUT, FAN_IN);
    nn_init_fill(init, W, FAN_IN, FAN_OUT, rng);
    sample_stats s = stats_of(W);
    double tol = 5 * want_sd / sqrt((double)nn_matrix_size(W));
    int ok = fabs(s.mean - want_mean) <= tol && fabs(s.sd - want_sd) <= tol && s.min >= lo && s.max <= hi;
    tap_ok(ok, "%s(%g, %g) on %dx%d: mean %.5f (want %.5f), sd %.5f (want %.5f +- %.1e), range "
           "[%.4f, %.4f] within [%g, %g]", nn_init_name(init.kind), (double)init.a, (double)init.b,
           FAN_OUT, FAN_IN, s.mean, want_mean, s.sd, want_sd, tol, s.min, s.max, lo, hi);
    nn_matrix_free(&W);
}

static void check_exact(nn_rng *rng)
{
    nn_matrix W = nn_matrix_new(7, 5);
    nn_matrix_fill(W, 3);
    nn_init_fill(nn_init_make(NN_INIT_ZEROS, 0, 0), W, 5, 7, rng);
    int zeros = nn_max_abs(W) == 0;
    nn_init_fill(nn_init_make(NN_INIT_CONSTANT, NN_R(0.25), 0), W, 5, 7, rng);
    int constant = 1;
    for (size_t i = 0; i < nn_matrix_size(W); i++) constant &= W.data[i] == NN_R(0.25);
    tap_ok(zeros && constant, "zeros and constant(0.25) fill a 7x5 matrix exactly");
    nn_matrix_free(&W);
}

/* The same seed gives the same weights, bit for bit; another seed does not. */
static void check_reproducible(void)
{
    nn_matrix A = nn_matrix_new(31, 17), B = nn_matrix_new(31, 17), C = nn_matrix_new(31, 17);
    nn_rng r1, r2, r3;
    nn_rng_seed(&r1, 7); nn_rng_seed(&r2, 7); nn_rng_seed(&r3, 8);
    int same = 1, differ = 0;
    for (int k = NN_INIT_UNIFORM; k <= NN_INIT_LECUN_NORMAL; k++) {
        nn_init init = nn_init_make((nn_init_kind)k, -1, 1);
        nn_init_fill(init, A, 17, 31, &r1);
        nn_init_fill(init, B, 17, 31, &r2);
        nn_init_fill(init, C, 17, 31, &r3);
        same &= memcmp(A.data, B.data, nn_matrix_size(A) * sizeof(nn_real)) == 0;
        differ += memcmp(A.data, C.data, nn_matrix_size(A) * sizeof(nn_real)) != 0;
    }
    tap_ok(same && differ == NN_INIT_LECUN_NORMAL - NN_INIT_UNIFORM + 1,
           "seeded reproducibility: 9 random initialisers give identical bits from seed 7 twice, "
           "different ones from seed 8");
    nn_matrix_free(&A); nn_matrix_free(&B); nn_matrix_free(&C);
}

int main(void)
{
    tap_plan(6 + 3 + 2);
    nn_rng rng;
    nn_rng_seed(&rng, 2024);
    for (int k = NN_INIT_GLOROT_UNIFORM; k <= NN_INIT_LECUN_NORMAL; k++) check_scaled((nn_init_kind)k, &rng);
    /* uniform on [−0.3, 0.5): mean 0.1, sd 0.8/√12 */
    check_plain(nn_init_make(NN_INIT_UNIFORM, NN_R(-0.3), NN_R(0.5)), 0.1, 0.8 / sqrt(12), -0.3, 0.5, &rng);
    check_plain(nn_init_make(NN_INIT_NORMAL, NN_R(1.5), NN_R(0.2)), 1.5, 0.2, -INFINITY, INFINITY, &rng);
    /* truncated at 2σ: the sample sd is 0.8796 σ, the range 1.5 ± 0.4 */
    check_plain(nn_init_make(NN_INIT_TRUNCATED_NORMAL, NN_R(1.5), NN_R(0.2)), 1.5,
                0.2 * 0.87962566103423978, 1.1 - 1e-6, 1.9 + 1e-6, &rng);
    check_exact(&rng);
    check_reproducible();
    return tap_done();
}
