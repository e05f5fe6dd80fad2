/* Least squares by Householder QR: the algebra is in nn_lstsq.h.
 *
 * Everything works on rows of M (r×c, r ≤ c, row-major), so every inner loop runs along
 * contiguous memory: reflector k is built from row k, and applied to rows k+1..r−1. */
#include "nn_lstsq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Σ_j a[j] b[j] with 8 running sums, added in a fixed order: the compiler vectorises it,
 * and the result depends on n alone (never on threads). */
static nn_real dot8(const nn_real *a, const nn_real *b, int n)
{
    nn_real acc[8] = { 0 };
    int j = 0;
    for (; j + 8 <= n; j += 8)
        for (int l = 0; l < 8; l++) acc[l] += a[j + l] * b[j + l];
    nn_real s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (; j < n; j++) s += a[j] * b[j];
    return s;
}

/* ‖x‖ scaled by its largest entry, so that squares neither overflow nor underflow. */
static nn_real norm2(const nn_real *x, int n)
{
    nn_real big = 0;
    for (int j = 0; j < n; j++) if (fabs(x[j]) > big) big = fabs(x[j]);
    if (big == 0) return 0;
    nn_real s = 0;
    for (int j = 0; j < n; j++) { nn_real t = x[j] / big; s += t * t; }
    return big * sqrt(s);
}

/* course:begin householder */
/* The reflector H = I − τ v vᵀ (v_0 = 1) with x H = (β, 0, ..., 0), for the row x of length m:
 *   β = −sign(x_0)‖x‖ (the sign that avoids cancelling x_0 − β),
 *   v = (x − β e_0)/(x_0 − β),   τ = (β − x_0)/β.
 * Overwrites x with (β, v_1, ..., v_{m−1}) and returns τ (0 when x is already (x_0, 0, ...)). */
static nn_real make_reflector(nn_real *x, int m)
{
    nn_real tail = norm2(x + 1, m - 1);
    if (tail == 0) return 0;
    nn_real x0 = x[0], beta = -copysign(hypot(x0, tail), x0);
    nn_real scale = 1 / (x0 - beta);
    for (int j = 1; j < m; j++) x[j] *= scale;
    x[0] = beta;
    return (beta - x0) / beta;
}

/* u ← u H for a row u of length m: u ← u − τ (u·v) vᵀ. */
static void apply_reflector(nn_real *u, const nn_real *v, nn_real tau, int m)
{
    if (tau == 0) return;
    nn_real s = tau * (u[0] + dot8(u + 1, v + 1, m - 1));
    u[0] -= s;
    for (int j = 1; j < m; j++) u[j] -= s * v[j];
}
/* course:end householder */

/* Copy of A, transposed when A is tall, so that the rows of M are what is reduced. */
static nn_matrix wide_copy(nn_matrix A, int tall)
{
    nn_matrix M = tall ? nn_matrix_new(A.cols, A.rows) : nn_matrix_new(A.rows, A.cols);
    if (!tall) nn_matrix_copy(M, A);
    else
        for (int i = 0; i < A.rows; i++)
            for (int j = 0; j < A.cols; j++) NN_AT(M, j, i) = NN_AT(A, i, j);
    return M;
}

int nn_qr_factor(nn_matrix A, nn_qr *qr)
{
    memset(qr, 0, sizeof *qr);
    if (A.rows < 1 || A.cols < 1) {
        fprintf(stderr, "nn_qr_factor: A is %d x %d; it needs a row and a column\n", A.rows, A.cols);
        abort();
    }
    qr->n = A.rows;
    qr->p = A.cols;
    qr->tall = A.rows >= A.cols;
    qr->M = wide_copy(A, qr->tall);
    int r = qr->M.rows, c = qr->M.cols;
    qr->tau = calloc((size_t)r, sizeof(nn_real));
    if (!qr->tau) {
        fprintf(stderr, "nn_qr_factor: out of memory for %d reflectors\n", r);
        abort();
    }
    nn_real size = norm2(qr->M.data, (int)nn_matrix_size(qr->M));
    nn_real tiny = 4 * c * NN_REAL_EPSILON * size, biggest = 0, smallest = NN_REAL_MAX;
    int rank_deficient = size == 0;
    for (int k = 0; k < r; k++) {
        nn_real *row_k = &NN_AT(qr->M, k, k);
        nn_real tau = qr->tau[k] = make_reflector(row_k, c - k);
        /* rows k+1..r−1 times H_k */
        for (int i = k + 1; i < r; i++) apply_reflector(&NN_AT(qr->M, i, k), row_k, tau, c - k);
        nn_real pivot = fabs(row_k[0]);
        if (!(pivot > tiny)) rank_deficient = 1;
        if (pivot > biggest) biggest = pivot;
        if (pivot < smallest) smallest = pivot;
    }
    qr->pivot_ratio = smallest > 0 ? biggest / smallest : NN_REAL_MAX;
    return rank_deficient ? -1 : 0;
}

void nn_qr_free(nn_qr *qr)
{
    nn_matrix_free(&qr->M);
    free(qr->tau);
    qr->tau = NULL;
}

/* c = Qᵀy = H_{r−1} ⋯ H_0 y for a tall A: n numbers, H_0 applied first. */
static void apply_Qt(const nn_qr *qr, nn_real *c)
{
    for (int k = 0; k < qr->M.rows; k++)
        apply_reflector(c + k, &NN_AT(qr->M, k, k), qr->tau[k], qr->M.cols - k);
}

/* Lᵀθ = c on the leading k×k block: back substitution, L_ji = M_ji for j > i. */
static void solve_upper(const nn_qr *qr, const nn_real *c, int k, nn_real *theta)
{
    for (int i = k - 1; i >= 0; i--) {
        nn_real s = c[i];
        for (int j = i + 1; j < k; j++) s -= NN_AT(qr->M, j, i) * theta[j];
        theta[i] = s / NN_AT(qr->M, i, i);
    }
}

nn_real nn_qr_solve_prefix(const nn_qr *qr, const nn_real *y, int k, nn_real *theta)
{
    if (!qr->tall || k < 1 || k > qr->p) {
        fprintf(stderr, "nn_qr_solve_prefix: %d columns of a %d x %d system; need a tall A and "
                "1 <= k <= %d\n", k, qr->n, qr->p, qr->p);
        abort();
    }
    nn_real *c = malloc(sizeof(nn_real) * (size_t)qr->n);
    if (!c) { fprintf(stderr, "nn_qr_solve_prefix: out of memory\n"); abort(); }
    memcpy(c, y, sizeof(nn_real) * (size_t)qr->n);
    apply_Qt(qr, c);
    solve_upper(qr, c, k, theta);
    nn_real rss = 0;
    for (int i = k; i < qr->n; i++) rss += c[i] * c[i];
    free(c);
    return rss;
}

/* θ = Q (L⁻¹y, 0) for a wide A: forward substitution, then H_{r−1} first, H_0 last. */
static void solve_min_norm(const nn_qr *qr, const nn_real *y, nn_real *theta)
{
    int r = qr->M.rows, c = qr->M.cols;
    for (int i = 0; i < r; i++) {
        nn_real s = y[i];
        for (int j = 0; j < i; j++) s -= NN_AT(qr->M, i, j) * theta[j];
        theta[i] = s / NN_AT(qr->M, i, i);
    }
    for (int j = r; j < c; j++) theta[j] = 0;
    for (int k = r - 1; k >= 0; k--)
        apply_reflector(theta + k, &NN_AT(qr->M, k, k), qr->tau[k], c - k);
}

nn_real nn_qr_solve(const nn_qr *qr, const nn_real *y, nn_real *theta)
{
    if (qr->tall) return nn_qr_solve_prefix(qr, y, qr->p, theta);
    solve_min_norm(qr, y, theta);
    return 0;
}

int nn_lstsq(nn_matrix A, const nn_real *y, nn_real *theta)
{
    nn_qr qr;
    int status = nn_qr_factor(A, &qr);
    if (status == 0) nn_qr_solve(&qr, y, theta);
    nn_qr_free(&qr);
    return status;
}
