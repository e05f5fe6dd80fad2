/* Chapter 7's claim about dropout, checked on the library directly.
 *
 * [C7.5] Inverted dropout keeps each unit's expected activation. In training, a layer with
 *        drop probability r outputs a·m with m = 1/(1 − r) with probability 1 − r and m = 0
 *        otherwise, so E[a·m] = a. Over M independent masks the mean output of an entry with
 *        activation a ≠ 0 is a·k/(M(1 − r)), k ~ Binomial(M, 1 − r): mean a, standard error
 *        a·sqrt(r/((1 − r) M)). The statistical claim, for r = 0.1, 0.3, 0.5, 0.8:
 *          - every active entry's mean lies within 5 standard errors of a (a false alarm
 *            needs one of N entries beyond 5 standard errors: probability below N·5.7e-7,
 *            about 3e-4 for the N ≈ 550 active entries of each rate, for a correct
 *            implementation);
 *          - the mean of all entries' outputs over all masks, divided by the mean activation,
 *            lies within 5 of its standard errors of 1.
 *        Both sides: the same masks, without the 1/(1 − r) scale (dropout as first proposed,
 *        rescaled at inference instead), put the means at a(1 − r), which both checks reject;
 *        a keep probability of r instead of 1 − r is rejected likewise (r ≠ 1/2).
 *        (The code calls r `p`, as lib/nn_network.c does.) */
#include "nn.h"
#include "tap.h"

#include <stdlib.h>

enum { ROWS = 40, UNITS = 25, INPUTS = 6, PASSES = 2000 };

typedef struct { double max_z, ratio_z; long active; } verdict;

/* z-scores of the mean output against a; `scale` multiplies every output (1 for the library,
 * 1 − p for the non-inverted variant). */
static verdict judge(nn_matrix A, const double *sum, double p, double scale)
{
    verdict v = { 0, 0, 0 };
    double total_a = 0, total_mean = 0, total_a2 = 0;
    for (size_t i = 0; i < nn_matrix_size(A); i++) {
        double a = A.data[i];
        if (a == 0) continue;
        double mean = scale * sum[i] / PASSES, se = fabs(a) * sqrt(p / ((1 - p) * PASSES));
        double z = fabs(mean - a) / se;
        if (z > v.max_z) v.max_z = z;
        total_a += a;
        total_mean += mean;
        total_a2 += a * a;
        v.active++;
    }
    /* Σ mean − Σ a has standard error sqrt(Σ a² p/((1 − p) M)): the masks are independent */
    v.ratio_z = fabs(total_mean - total_a) / sqrt(total_a2 * p / ((1 - p) * PASSES));
    return v;
}

static void check_rate(double p, nn_rng *rng)
{
    nn_layer_spec spec[2] = { { UNITS, nn_activation_make(NN_RELU), (nn_real)p },
                              { 1, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(INPUTS, 2, spec);
    nn_network_init(net, nn_init_make(NN_INIT_NORMAL, 0, 1), nn_init_make(NN_INIT_NORMAL, 0, 1), rng);
    nn_matrix X = nn_matrix_new(ROWS, INPUTS), A = nn_matrix_new(ROWS, UNITS);
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_normal(rng, 0, 1);
    nn_network_forward(net, X, NULL);                        /* inference: the activations a */
    nn_matrix_copy(A, nn_matrix_row_range(net->A[0], 0, ROWS));
    double *sum = calloc(nn_matrix_size(A), sizeof(double)), *swapped = calloc(nn_matrix_size(A), sizeof(double));
    nn_rng masks;
    nn_rng_seed(&masks, 1000 + (uint64_t)(p * 100));
    for (int pass = 0; pass < PASSES; pass++) {
        nn_network_forward(net, X, &masks);
        nn_matrix out = nn_matrix_row_range(net->out[0], 0, ROWS);
        for (size_t i = 0; i < nn_matrix_size(A); i++) {
            sum[i] += out.data[i];
            /* the same draw read the other way round: kept (at scale 1/(1 − p)) when dropped */
            swapped[i] += out.data[i] == 0 && A.data[i] != 0 ? A.data[i] / (1 - p) : 0;
        }
    }
    verdict lib = judge(A, sum, p, 1), plain = judge(A, sum, p, 1 - p), swap = judge(A, swapped, p, 1);
    tap_ok(lib.max_z <= 5 && lib.ratio_z <= 5,
           "[C7.5] inverted dropout, drop probability r = %.1f: over %ld active entries and %d masks the mean output is within %.2f "
           "standard errors of the activation (<= 5), pooled within %.2f (<= 5)", p, lib.active, PASSES, lib.max_z, lib.ratio_z);
    int swap_rejected = p == 0.5 || swap.ratio_z > 5;        /* at p = 1/2 the two are the same rule */
    tap_ok(plain.max_z > 5 && plain.ratio_z > 5 && swap_rejected,
           "[C7.5] the checks reject dropout without the 1/(1 - r) scale (max z %.0f, pooled %.0f) and keeping with "
           "probability r (pooled z %.0f%s)", plain.max_z, plain.ratio_z, swap.ratio_z, p == 0.5 ? ", the same rule at r = 0.5" : "");
    free(sum);
    free(swapped);
    nn_matrix_free(&X);
    nn_matrix_free(&A);
    nn_network_free(net);
}

int main(void)
{
    const double rates[] = { 0.1, 0.3, 0.5, 0.8 };
    tap_plan(8);
    nn_rng rng;
    nn_rng_seed(&rng, 17);
    for (int i = 0; i < 4; i++) check_rate(rates[i], &rng);
    return tap_done();
}
