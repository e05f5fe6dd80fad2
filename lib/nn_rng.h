/* Random numbers: xoshiro256** (Blackman & Vigna), seeded through splitmix64.
 *
 * The generator is a struct the caller owns and passes in: there is no global state,
 * so two runs with the same seed draw the same numbers, and a chapter that wants an
 * independent stream (say, for dropout masks) seeds a second generator.
 *
 * Uniform doubles take the top 53 bits: u = (x >> 11) · 2⁻⁵³ ∈ [0, 1).
 * Normals use Box–Muller, z = √(−2 ln u₁) cos(2π u₂), one draw per call (no cached spare,
 * so the stream never depends on how many normals were asked for before). */
#ifndef NN_RNG_H
#define NN_RNG_H

#include <stdint.h>
#include <stddef.h>
#include "nn_real.h"

typedef struct {
    uint64_t s[4];
} nn_rng;

void nn_rng_seed(nn_rng *rng, uint64_t seed);
uint64_t nn_rng_next(nn_rng *rng);                       /* 64 random bits */
double nn_rng_uniform01(nn_rng *rng);                    /* [0, 1) */
nn_real nn_rng_uniform(nn_rng *rng, nn_real a, nn_real b); /* [a, b) */
nn_real nn_rng_normal(nn_rng *rng, nn_real mean, nn_real sd);
/* Normal(mean, sd) conditioned on |x − mean| ≤ 2 sd (redraws outside), as Keras and
 * TensorFlow define the truncated normal. */
nn_real nn_rng_truncated_normal(nn_rng *rng, nn_real mean, nn_real sd);
uint64_t nn_rng_below(nn_rng *rng, uint64_t n);          /* uniform on {0..n-1}, unbiased */
void nn_rng_shuffle(nn_rng *rng, int *a, size_t n);      /* Fisher–Yates, in place */

#endif
