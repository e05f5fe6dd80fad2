/* Least squares by Householder QR: the best fit of a tall system, the smallest exact fit of
 * a wide one.
 *
 * A is n×p, one example per row as every batch of the course (n examples, p features), and
 * y ∈ R^n:
 *   tall, n ≥ p:  θ = argmin_θ ‖Aθ − y‖²                  (unique when rank A = p)
 *   wide, n < p:  θ = argmin ‖θ‖ subject to Aθ = y         (unique when rank A = n)
 * Both are θ = A⁺y, the pseudo-inverse's answer. Chapter 7 fits the output layer of a
 * network with a fixed hidden layer this way, on both sides of p = n.
 *
 * One factorisation serves both. Let M be the wide one of A and Aᵀ (r×c, r = min(n,p) ≤
 * c = max(n,p)). Householder reflections H_k = I − τ_k v_k v_kᵀ, applied from the right, zero
 * row k of M beyond the diagonal one row after the other:
 *     M H_0 H_1 ⋯ H_{r−1} = [L 0],   L r×r lower triangular,   Q = H_0 H_1 ⋯ H_{r−1} orthogonal.
 *   tall (M = Aᵀ):  A = Q [Lᵀ; 0]. With c = Qᵀy, ‖Aθ − y‖² = ‖Lᵀθ − c_{0:p}‖² + Σ_{i≥p} c_i², so
 *                   θ solves Lᵀθ = c_{0:p} and the residual sum of squares is Σ_{i≥p} c_i².
 *                   The first k reflectors depend only on A's first k columns: the same
 *                   factors give the fit on every prefix of the features (nn_qr_solve_prefix),
 *                   with residual Σ_{i≥k} c_i², which can only shrink as k grows.
 *   wide (M = A):   A = [L 0] Qᵀ. Every θ = Q u has Aθ = L u_{0:n} and ‖θ‖ = ‖u‖, so the
 *                   smallest solution has u = (L⁻¹y, 0) and θ = Q (L⁻¹y, 0).
 * No normal equations: AᵀA (or AAᵀ) would square the condition number κ(A) = σ_max/σ_min.
 *
 * Accuracy. Householder QR is backward stable (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., thm 19.4, 20.3, 21.4): the θ computed is the exact answer for an A and
 * y changed in their last bits (‖ΔA‖ ≲ c·np·ε‖A‖). The error in θ is that change times the
 * problem's sensitivity:
 *     ‖θ̂ − θ‖/‖θ‖ ≲ ε·(κ + κ²·‖r‖/(‖A‖‖θ‖))     tall, residual r = y − Aθ
 *     ‖θ̂ − θ‖/‖θ‖ ≲ ε·κ                          wide (and tall with r = 0)
 * tests/test_lstsq.c measures it against a one-sided Jacobi SVD in long double (an independent
 * method, 11 more bits) on random and on constructed ill-conditioned systems (κ up to 1e12):
 * no error exceeded 1.3 κε (the test allows 4 κε, plus the κ² term for tall systems with a
 * residual). Near p = n, where chapter 7's double-descent curve peaks and its systems are
 * worst conditioned, its random ReLU feature matrices (100 × 100) have κ of order 1e3 to 1e5
 * (the test prints the range over its draws; the tail is long: for square Gaussian matrices
 * P(κ > tn) falls like 2/t, Edelman 1988), so θ keeps about 10 significant digits there:
 * the peak is the problem's, not the solver's.
 * (The normal equations lose κ²ε instead, every digit at κ = 1e8; the test shows them fail
 * the bound at κ = 1e6.)
 *
 * A zero (or, to rounding, zero) pivot means A is rank deficient: the factorisation refuses
 * it rather than divide by rounding noise (|L_kk| ≤ 4·max(n,p)·ε·‖A‖_F).
 *
 * Cost 2r²c − 2r³/3 flops, on one thread. The hot loop applies each reflector to the rows
 * below it; its dot products keep 8 running sums (vectorised, in a fixed order). It is not
 * split across threads: chapter 7's largest system (100 × 2000) takes 3.3 ms (12 GFLOP/s),
 * and one OpenMP region per reflector cost more than it saved (thousands of regions per
 * sweep, each a barrier that a busy machine turns into a wait for a descheduled thread). */
#ifndef NN_LSTSQ_H
#define NN_LSTSQ_H

#include "nn_matrix.h"

typedef struct {
    int n, p;               /* the shape of A */
    int tall;               /* n ≥ p: least squares; else minimum norm */
    nn_matrix M;            /* r×c: L on and below the diagonal, v_k (with v_k[k] = 1 implied)
                               to the right of it in row k */
    nn_real *tau;           /* r numbers */
    nn_real pivot_ratio;    /* max|L_kk| / min|L_kk|: a lower bound on κ(A) */
} nn_qr;

/* Factors A (left unchanged). Returns 0, or -1 when A is rank deficient to rounding (the
 * factors are then unusable; nn_qr_free is still needed). */
int nn_qr_factor(nn_matrix A, nn_qr *qr);
void nn_qr_free(nn_qr *qr);

/* θ = A⁺y: p numbers, the least-squares fit (tall) or the minimum-norm solution (wide).
 * Returns the residual sum of squares ‖Aθ − y‖² as the factors give it (Σ_{i≥p} c_i² for a
 * tall A; 0 for a wide one, which is fitted exactly). */
nn_real nn_qr_solve(const nn_qr *qr, const nn_real *y, nn_real *theta);
/* Tall A only: the least-squares fit on A's first k columns (1 ≤ k ≤ p), k numbers, and its
 * residual sum of squares as the return value. The same as factoring those k columns alone. */
nn_real nn_qr_solve_prefix(const nn_qr *qr, const nn_real *y, int k, nn_real *theta);

/* One call: factor, solve, free. Returns 0 or -1 (rank deficient; theta untouched). */
int nn_lstsq(nn_matrix A, const nn_real *y, nn_real *theta);

#endif
