/* Deterministic reductions: the rule is written out in nn_parallel.h. */
#include "nn_parallel.h"

#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

int nn_chunk_count(size_t n)
{
    return n < NN_MAX_CHUNKS ? (int)n : NN_MAX_CHUNKS;
}

nn_real nn_reduce_chunked(size_t n, nn_chunk_sum_fn chunk_sum, const void *ctx)
{
    if (n == 0) return 0;
    int chunks = nn_chunk_count(n);
    nn_real partial[NN_MAX_CHUNKS];
    /* Each chunk's sum is filled by one thread, serially in index order. */
    #pragma omp parallel for schedule(static) if (n >= 4096)
    for (int c = 0; c < chunks; c++)
        partial[c] = chunk_sum((size_t)c * n / (size_t)chunks,
                               (size_t)(c + 1) * n / (size_t)chunks, ctx);
    nn_real total = 0;                  /* then the chunks, in chunk order */
    for (int c = 0; c < chunks; c++) total += partial[c];
    return total;
}

static nn_real sum_range(size_t lo, size_t hi, const void *ctx)
{
    const nn_real *x = ctx;
    nn_real s = 0;
    for (size_t i = lo; i < hi; i++) s += x[i];
    return s;
}

nn_real nn_sum_array(const nn_real *x, size_t n) { return nn_reduce_chunked(n, sum_range, x); }

int nn_threads(void)
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

void nn_set_threads(int n)
{
#ifdef _OPENMP
    if (n > 0) omp_set_num_threads(n);
#else
    (void)n;
#endif
}

int nn_processors(void)
{
#ifdef _OPENMP
    int n = omp_get_num_procs();
#else
    long n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
    return n > 0 ? (int)n : 1;
}
