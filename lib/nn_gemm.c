/* The fast matrix product. For now it calls the naive product; the blocked, packed,
 * OpenMP-parallel version replaces this body (see the Speed issue). */
#include "nn_matrix.h"

void nn_gemm(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
             nn_real beta, nn_matrix C)
{
    nn_gemm_naive(ta, tb, alpha, A, B, beta, C);
}
