#include "nn_rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void nn_rng_seed(nn_rng *rng, uint64_t seed)
{
    for (int i = 0; i < 4; i++) rng->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t nn_rng_next(nn_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double nn_rng_uniform01(nn_rng *rng)
{
    return (double)(nn_rng_next(rng) >> 11) * 0x1.0p-53;
}

nn_real nn_rng_uniform(nn_rng *rng, nn_real a, nn_real b)
{
    return (nn_real)(a + (b - a) * nn_rng_uniform01(rng));
}

nn_real nn_rng_normal(nn_rng *rng, nn_real mean, nn_real sd)
{
    const double two_pi = 6.283185307179586476925286766559;
    double u1 = 1.0 - nn_rng_uniform01(rng);   /* (0, 1]: log(u1) is finite */
    double u2 = nn_rng_uniform01(rng);
    return (nn_real)(mean + sd * sqrt(-2.0 * log(u1)) * cos(two_pi * u2));
}

nn_real nn_rng_truncated_normal(nn_rng *rng, nn_real mean, nn_real sd)
{
    for (;;) {
        nn_real z = nn_rng_normal(rng, 0, 1);
        if (fabs(z) <= 2) return mean + sd * z;
    }
}

/* Lemire's rejection: reject the few draws that would make the low values likelier. */
uint64_t nn_rng_below(nn_rng *rng, uint64_t n)
{
    if (n == 0) return 0;
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t r = nn_rng_next(rng);
        if (r >= threshold) return r % n;
    }
}

void nn_rng_shuffle(nn_rng *rng, int *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)nn_rng_below(rng, i);
        int t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}
