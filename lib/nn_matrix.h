/* Matrices: dense, row-major, contiguous.
 *
 * A matrix is three words: rows, cols and a pointer to rows*cols numbers, element
 * (i,j) at data[i*cols + j]. The same struct serves as an owned matrix and as a view:
 *   - nn_matrix_new() allocates (zero-filled); that matrix owns its data and must be
 *     released with nn_matrix_free();
 *   - nn_matrix_view() and nn_matrix_row_range() borrow someone else's numbers; they
 *     are never freed, and live no longer than what they borrow.
 * Passing a matrix by value passes the view, never a copy of the numbers.
 *
 * The course's convention: a batch of n examples with d features is an n×d matrix X,
 * one example per row. A dense layer W ∈ R^{p×d}, b ∈ R^p then computes every
 * example's pre-activation at once, Z = X Wᵀ + 1 bᵀ (n×p), through nn_gemm. */
#ifndef NN_MATRIX_H
#define NN_MATRIX_H

#include <stddef.h>
#include "nn_real.h"

typedef struct {
    int rows, cols;
    nn_real *data;
} nn_matrix;

/* Element (i,j), usable on either side of '=': NN_AT(W, i, j) = 0.5; */
#define NN_AT(M, i, j) ((M).data[(size_t)(i) * (size_t)(M).cols + (size_t)(j)])

nn_matrix nn_matrix_new(int rows, int cols);            /* zero-filled; aborts if out of memory */
void nn_matrix_free(nn_matrix *m);                      /* frees an owned matrix, leaves it empty */
nn_matrix nn_matrix_view(nn_real *data, int rows, int cols);
nn_matrix nn_matrix_row_range(nn_matrix m, int first, int count); /* rows first..first+count-1 */
size_t nn_matrix_size(nn_matrix m);                     /* rows*cols */

void nn_matrix_fill(nn_matrix m, nn_real value);
void nn_matrix_copy(nn_matrix dst, nn_matrix src);      /* shapes must match */

/* Aborts with both shapes in the message when a and b differ: a programming error. */
void nn_matrix_check_same_shape(nn_matrix a, nn_matrix b, const char *where);

/* ---- The matrix product ---------------------------------------------------------
 *   C ← α op(A) op(B) + β C,   op(X) = X or Xᵀ,
 * with op(A) m×k, op(B) k×n, C m×n. β = 0 overwrites C without reading it (so C may
 * hold NaN garbage); β = 1 accumulates, which is how backward adds into gradients.
 *
 * nn_gemm is the fast one (blocked, packed, OpenMP across output blocks) and
 * nn_gemm_naive is the triple loop it is tested against. Both accumulate each output
 * element over k in the same increasing order whatever the thread count, so results do
 * not depend on OMP_NUM_THREADS (see nn_parallel.h). */
typedef enum { NN_NO_TRANS = 0, NN_TRANS = 1 } nn_trans;

void nn_gemm(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
             nn_real beta, nn_matrix C);
void nn_gemm_naive(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
                   nn_real beta, nn_matrix C);
/* Checks that op(A) op(B) fits C (aborts naming the three shapes if not) and returns
 * the product's m, n, k. Shared by both products. */
void nn_gemm_shape(const char *who, nn_trans ta, nn_trans tb, nn_matrix A, nn_matrix B,
                   nn_matrix C, int *m, int *n, int *k);

/* ---- Element-wise and row-wise work ------------------------------------------- */
void nn_axpy(nn_real alpha, nn_matrix X, nn_matrix Y);          /* Y ← Y + αX */
void nn_scale(nn_matrix X, nn_real alpha);                      /* X ← αX */
void nn_map(nn_matrix X, nn_matrix Y, nn_real (*f)(nn_real));   /* Y_ij ← f(X_ij); X may be Y */
void nn_add_row_vector(nn_matrix X, nn_matrix b);               /* X_ij ← X_ij + b_j, b is 1×cols */
void nn_add_column_sums(nn_matrix X, nn_matrix sums);           /* sums_j ← sums_j + Σ_i X_ij */

/* Row-wise log-sum-exp and softmax, stable for any finite input:
 *   lse(z) = m + log Σ_j e^{z_j − m}, m = max_j z_j;   softmax(z)_j = e^{z_j − lse(z)}. */
void nn_logsumexp_rows(nn_matrix Z, nn_real *lse);              /* lse has Z.rows entries */
void nn_softmax_rows(nn_matrix Z, nn_matrix S);                 /* S may be Z */
nn_real nn_logsumexp_row(const nn_real *z, int q);              /* one row of q numbers */
void nn_softmax_row(const nn_real *z, nn_real *out, int q);     /* out may be z */

nn_real nn_sum(nn_matrix X);                                    /* deterministic, see nn_parallel.h */
nn_real nn_dot(nn_matrix X, nn_matrix Y);                       /* Σ X_ij Y_ij, deterministic */
nn_real nn_max_abs(nn_matrix X);

#endif
