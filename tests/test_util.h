/* test_util.h: small helpers shared by the test programs (header-only). */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <string.h>
#include "nn.h"
#include "tap.h"

/* Every element of M uniform on [a, b). */
static inline void fill_uniform(nn_matrix M, nn_rng *rng, double a, double b)
{
    for (size_t i = 0; i < nn_matrix_size(M); i++) M.data[i] = nn_rng_uniform(rng, (nn_real)a, (nn_real)b);
}

/* Runs work(ctx, out) with 1 thread, then with 2, and says whether the n numbers it wrote
 * are the same bits (nn_parallel.h's promise). Restores the thread count. */
static inline int same_bits_with_1_and_2_threads(void (*work)(void *ctx, nn_real *out), void *ctx,
                                                 nn_real *out1, nn_real *out2, size_t n)
{
    int saved = nn_threads();
    nn_set_threads(1);
    work(ctx, out1);
    nn_set_threads(2);
    work(ctx, out2);
    nn_set_threads(saved);
    return memcmp(out1, out2, n * sizeof *out1) == 0;
}

/* Without OpenMP there is one thread, and a thread-determinism check has nothing to
 * compare: it becomes a skip, said as such. */
static inline int skip_without_openmp(void)
{
#ifdef _OPENMP
    return 0;
#else
    tap_skip(1, "built without OpenMP: one thread only");
    return 1;
#endif
}

#endif
