/* Matrices: allocation, views, element-wise and row-wise work, and the naive product.
 * The fast product nn_gemm lives in nn_gemm.c. */
#include "nn_matrix.h"
#include "nn_parallel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

nn_matrix nn_matrix_new(int rows, int cols)
{
    if (rows < 0 || cols < 0) {
        fprintf(stderr, "nn_matrix_new: negative shape %d x %d\n", rows, cols);
        abort();
    }
    nn_matrix m = { rows, cols, NULL };
    size_t n = (size_t)rows * (size_t)cols;
    if (n > 0) {
        m.data = calloc(n, sizeof(nn_real));
        if (!m.data) {
            fprintf(stderr, "nn_matrix_new: out of memory for %d x %d\n", rows, cols);
            abort();
        }
    }
    return m;
}

void nn_matrix_free(nn_matrix *m)
{
    free(m->data);
    m->data = NULL;
    m->rows = m->cols = 0;
}

nn_matrix nn_matrix_view(nn_real *data, int rows, int cols)
{
    nn_matrix m = { rows, cols, data };
    return m;
}

nn_matrix nn_matrix_row_range(nn_matrix m, int first, int count)
{
    if (first < 0 || count < 0 || first + count > m.rows) {
        fprintf(stderr, "nn_matrix_row_range: rows %d..%d of a %d x %d matrix\n",
                first, first + count - 1, m.rows, m.cols);
        abort();
    }
    return nn_matrix_view(m.data + (size_t)first * (size_t)m.cols, count, m.cols);
}

size_t nn_matrix_size(nn_matrix m) { return (size_t)m.rows * (size_t)m.cols; }

void nn_matrix_check_same_shape(nn_matrix a, nn_matrix b, const char *where)
{
    if (a.rows != b.rows || a.cols != b.cols) {
        fprintf(stderr, "%s: shapes differ: %d x %d vs %d x %d\n",
                where, a.rows, a.cols, b.rows, b.cols);
        abort();
    }
}

void nn_matrix_fill(nn_matrix m, nn_real value)
{
    size_t n = nn_matrix_size(m);
    for (size_t i = 0; i < n; i++) m.data[i] = value;
}

void nn_matrix_copy(nn_matrix dst, nn_matrix src)
{
    nn_matrix_check_same_shape(dst, src, "nn_matrix_copy");
    if (nn_matrix_size(src) > 0 && dst.data != src.data)
        memmove(dst.data, src.data, nn_matrix_size(src) * sizeof(nn_real));
}

/* Shapes of op(A) op(B) = C, checked before any product. */
static void gemm_check(const char *who, nn_trans ta, nn_trans tb, nn_matrix A, nn_matrix B,
                       nn_matrix C, int *m, int *n, int *k)
{
    int am = ta ? A.cols : A.rows, ak = ta ? A.rows : A.cols;
    int bk = tb ? B.cols : B.rows, bn = tb ? B.rows : B.cols;
    if (ak != bk || C.rows != am || C.cols != bn) {
        fprintf(stderr, "%s: op(A) is %d x %d, op(B) is %d x %d, C is %d x %d\n",
                who, am, ak, bk, bn, C.rows, C.cols);
        abort();
    }
    *m = am; *n = bn; *k = ak;
}

/* C_ij ← α Σ_p op(A)_ip op(B)_pj + β C_ij, summed over p = 0..k-1 in order. */
void nn_gemm_naive(nn_trans ta, nn_trans tb, nn_real alpha, nn_matrix A, nn_matrix B,
                   nn_real beta, nn_matrix C)
{
    int m, n, k;
    gemm_check("nn_gemm_naive", ta, tb, A, B, C, &m, &n, &k);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            nn_real s = 0;
            for (int p = 0; p < k; p++) {
                nn_real a = ta ? NN_AT(A, p, i) : NN_AT(A, i, p);
                nn_real b = tb ? NN_AT(B, j, p) : NN_AT(B, p, j);
                s += a * b;
            }
            NN_AT(C, i, j) = beta == 0 ? alpha * s : alpha * s + beta * NN_AT(C, i, j);
        }
}

void nn_gemm_shape(const char *who, nn_trans ta, nn_trans tb, nn_matrix A, nn_matrix B,
                   nn_matrix C, int *m, int *n, int *k)
{
    gemm_check(who, ta, tb, A, B, C, m, n, k);
}

void nn_axpy(nn_real alpha, nn_matrix X, nn_matrix Y)
{
    nn_matrix_check_same_shape(X, Y, "nn_axpy");
    long n = (long)nn_matrix_size(X);
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) Y.data[i] += alpha * X.data[i];
    nn_join_loop(forked, n);
}

void nn_scale(nn_matrix X, nn_real alpha)
{
    long n = (long)nn_matrix_size(X);
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) X.data[i] *= alpha;
    nn_join_loop(forked, n);
}

void nn_map(nn_matrix X, nn_matrix Y, nn_real (*f)(nn_real))
{
    nn_matrix_check_same_shape(X, Y, "nn_map");
    long n = (long)nn_matrix_size(X);
    double forked = nn_fork_loop(n);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (long i = 0; i < n; i++) Y.data[i] = f(X.data[i]);
    nn_join_loop(forked, n);
}

void nn_add_row_vector(nn_matrix X, nn_matrix b)
{
    if (b.rows != 1 || b.cols != X.cols) {
        fprintf(stderr, "nn_add_row_vector: b is %d x %d, X is %d x %d\n",
                b.rows, b.cols, X.rows, X.cols);
        abort();
    }
    double forked = nn_fork_loop((long)X.rows * X.cols);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int i = 0; i < X.rows; i++)
        for (int j = 0; j < X.cols; j++) NN_AT(X, i, j) += b.data[j];
    nn_join_loop(forked, (long)X.rows * X.cols);
}

/* Each column is summed by one thread, over rows in order: deterministic. The rows are
 * walked in the outer loop so that memory is read row by row. */
void nn_add_column_sums(nn_matrix X, nn_matrix sums)
{
    if (sums.rows != 1 || sums.cols != X.cols) {
        fprintf(stderr, "nn_add_column_sums: sums is %d x %d, X is %d x %d\n",
                sums.rows, sums.cols, X.rows, X.cols);
        abort();
    }
    for (int i = 0; i < X.rows; i++)
        for (int j = 0; j < X.cols; j++) sums.data[j] += NN_AT(X, i, j);
}

/* One row of q numbers. The loss calls these per row: the matrix versions below open an
 * OpenMP region (even a one-thread one costs ~1 µs, more than the row's arithmetic). */
static nn_real row_max(const nn_real *z, int q)
{
    nn_real m = z[0];
    for (int j = 1; j < q; j++) if (z[j] > m) m = z[j];
    return m;
}

nn_real nn_logsumexp_row(const nn_real *z, int q)
{
    nn_real m = row_max(z, q), s = 0;
    for (int j = 0; j < q; j++) s += exp(z[j] - m);
    return m + log(s);
}

void nn_softmax_row(const nn_real *z, nn_real *out, int q)
{
    nn_real m = row_max(z, q), s = 0;
    for (int j = 0; j < q; j++) {
        nn_real e = exp(z[j] - m);
        out[j] = e;
        s += e;
    }
    for (int j = 0; j < q; j++) out[j] /= s;
}

void nn_logsumexp_rows(nn_matrix Z, nn_real *lse)
{
    double forked = nn_fork_loop((long)Z.rows * Z.cols);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int i = 0; i < Z.rows; i++) lse[i] = nn_logsumexp_row(&NN_AT(Z, i, 0), Z.cols);
    nn_join_loop(forked, (long)Z.rows * Z.cols);
}

void nn_softmax_rows(nn_matrix Z, nn_matrix S)
{
    nn_matrix_check_same_shape(Z, S, "nn_softmax_rows");
    double forked = nn_fork_loop((long)Z.rows * Z.cols);
    #pragma omp parallel for schedule(static) if (forked > 0)
    for (int i = 0; i < Z.rows; i++) nn_softmax_row(&NN_AT(Z, i, 0), &NN_AT(S, i, 0), Z.cols);
    nn_join_loop(forked, (long)Z.rows * Z.cols);
}

nn_real nn_sum(nn_matrix X) { return nn_sum_array(X.data, nn_matrix_size(X)); }

/* Σ X_ij Y_ij over one chunk of the flattened matrices. */
static nn_real dot_range(size_t lo, size_t hi, const void *ctx)
{
    const nn_matrix *XY = ctx;
    nn_real s = 0;
    for (size_t i = lo; i < hi; i++) s += XY[0].data[i] * XY[1].data[i];
    return s;
}

nn_real nn_dot(nn_matrix X, nn_matrix Y)
{
    nn_matrix_check_same_shape(X, Y, "nn_dot");
    nn_matrix XY[2] = { X, Y };
    return nn_reduce_chunked(nn_matrix_size(X), dot_range, XY);
}

nn_real nn_max_abs(nn_matrix X)
{
    size_t n = nn_matrix_size(X);
    nn_real m = 0;
    for (size_t i = 0; i < n; i++) if (fabs(X.data[i]) > m) m = fabs(X.data[i]);
    return m;
}
