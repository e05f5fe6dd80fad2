/* The random generator: known answers, ranges, moments, shuffling. */
#include "nn.h"
#include "tap.h"

int main(void)
{
    tap_plan(7);
    nn_rng rng;

    /* Known answer: xoshiro256** from the state {1, 2, 3, 4} gives 11520, 0, 1509978240,
     * 1215971899390074240 (the reference implementation's first outputs). */
    rng.s[0] = 1; rng.s[1] = 2; rng.s[2] = 3; rng.s[3] = 4;
    uint64_t a = nn_rng_next(&rng), b = nn_rng_next(&rng), c = nn_rng_next(&rng), d = nn_rng_next(&rng);
    tap_ok(a == 11520ULL && b == 0ULL && c == 1509978240ULL && d == 1215971899390074240ULL,
           "xoshiro256** known answer from state {1,2,3,4}: %llu %llu %llu %llu",
           (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, (unsigned long long)d);

    nn_rng r1, r2;
    nn_rng_seed(&r1, 7); nn_rng_seed(&r2, 7);
    int same = 1;
    for (int i = 0; i < 1000; i++) same &= nn_rng_next(&r1) == nn_rng_next(&r2);
    tap_ok(same, "same seed, same stream (1000 draws)");

    nn_rng_seed(&rng, 1);
    int in_range = 1;
    double sum = 0, sum2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; i++) {
        double u = nn_rng_uniform01(&rng);
        in_range &= u >= 0 && u < 1;
        sum += u; sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    tap_ok(in_range && fabs(mean - 0.5) < 0.005 && fabs(var - 1.0 / 12) < 0.002,
           "uniform01: in [0,1), mean %.4f (0.5), variance %.4f (1/12)", mean, var);

    sum = sum2 = 0;
    for (int i = 0; i < n; i++) { double z = nn_rng_normal(&rng, 2, 3); sum += z; sum2 += z * z; }
    mean = sum / n; var = sum2 / n - mean * mean;
    tap_ok(fabs(mean - 2) < 0.03 && fabs(sqrt(var) - 3) < 0.03,
           "normal(2, 3): mean %.4f, sd %.4f", mean, sqrt(var));

    int bounded = 1;
    sum = sum2 = 0;
    for (int i = 0; i < n; i++) {
        double z = nn_rng_truncated_normal(&rng, 0, 1);
        bounded &= fabs(z) <= 2;
        sum += z; sum2 += z * z;
    }
    /* The sd of N(0,1) truncated to [-2, 2] is 0.8796256610. */
    tap_ok(bounded && fabs(sqrt(sum2 / n) - 0.8796256610) < 0.01,
           "truncated normal stays within 2 sd, sd %.4f (0.8796)", sqrt(sum2 / n));

    int counts[7] = { 0 };
    for (int i = 0; i < 70000; i++) counts[nn_rng_below(&rng, 7)]++;
    int fair = 1;
    for (int i = 0; i < 7; i++) fair &= abs(counts[i] - 10000) < 500;
    tap_ok(fair, "below(7) is uniform over 0..6 (70000 draws)");

    int perm[50], seen[50] = { 0 };
    for (int i = 0; i < 50; i++) perm[i] = i;
    nn_rng_shuffle(&rng, perm, 50);
    int is_perm = 1, moved = 0;
    for (int i = 0; i < 50; i++) { seen[perm[i]]++; moved += perm[i] != i; }
    for (int i = 0; i < 50; i++) is_perm &= seen[i] == 1;
    tap_ok(is_perm && moved > 30, "Fisher-Yates shuffle is a permutation (%d of 50 moved)", moved);
    return tap_done();
}
