/* Chapter 6, universal approximation built by hand: what the chapter's files share.
 *
 * The mathematics lives in three files that write nothing, so that the tests
 * (tests/test_universal.c) run exactly the code the chapter runs:
 *   targets.c  the functions to approximate, with what the theory knows of each;
 *   build.c    networks written down from a proof: the interpolant, the binary
 *              interpolators, the tent map, and the rescalings that leave a network's
 *              function unchanged;
 *   measure.c  the sup error on a fine grid, log-log slopes, neurons for a tolerance,
 *              and the exact count of a network's linear pieces.
 * The story is told by main.c (flags, order) and one file per part, which narrate and write
 * the results, data and figures, numbered as the sections of the text: approximation.c
 * (6.2-6.5), binary.c (6.6), trained.c (6.7), symmetry.c (6.8), depth.c (6.9).
 *
 * Every target lives on [0, 1]. A network of N knots has N hidden units. */
#ifndef UNIVERSAL_H
#define UNIVERSAL_H

#include "nn.h"

/* ---- targets.c: the functions to approximate -------------------------------------- */

/* What the theory needs of f on [0, 1]: its modulus of continuity
 * ω_f(h) = sup{|f(x) − f(y)| : |x − y| ≤ h}, a Lipschitz constant L, and max|f″|.
 * A quantity the function does not have is INFINITY (√x has no finite L). */
typedef struct target target;
struct target {
    const char *name;           /* a word, for keys and file names: "smooth" */
    const char *formula;        /* for legends: "sin 2πx" */
    nn_real (*f)(const target *t, nn_real x);
    nn_real (*modulus)(const target *t, nn_real h);   /* ω_f(h), exactly */
    nn_real lipschitz;          /* L = sup|f′|, or INFINITY */
    nn_real curvature;          /* max|f″| on [0, 1], or INFINITY */
    nn_real at;                 /* where the kink or the jump is; NAN for none */
    nn_real slope;              /* the theory's exponent: sup error ~ C N^slope */
};

target target_smooth(void);             /* sin 2πx: C², max|f″| = 4π² */
target target_kink(nn_real c);          /* |x − c|: Lipschitz (L = 1), not differentiable at c */
target target_sqrt(void);               /* √x: continuous, Hölder-½, not Lipschitz at 0 */
target target_step(nn_real s);          /* 0 for x < s, 1 for x ≥ s: not continuous */
target target_quadratic(void);          /* x²: where h²/8·max|f″| is attained exactly */
nn_real target_value(const target *t, nn_real x);
/* The targets of sections 6.2-6.5, which the tests run through every bound: add yours in
 * targets.c. Returns how many (at most TARGETS_MAX). */
enum { TARGETS_MAX = 8 };
int target_table(target *out, nn_real kink, nn_real step);

/* ---- build.c: networks written down from a proof ---------------------------------- */

/* The piecewise-linear interpolant of (x_i, y_i), i = 0..N, as a 1-N-1 ReLU network:
 *   g(x) = y_0 + Σ_{i=1}^{N} (S_i − S_{i−1}) (x − x_{i−1})₊,  S_i the slope of piece i, S_0 = 0. */
nn_network *build_interpolant(const nn_real *x, const nn_real *y, int N);
/* The source's form, without an output bias: one more unit, at x_0 − 1, carries y_0. */
nn_network *build_interpolant_no_bias(const nn_real *x, const nn_real *y, int N);
/* Knots x_i = i/N, i = 0..N (x has N + 1 entries), and the interpolant of t on them. */
void uniform_knots(int N, nn_real *x);
nn_network *build_for_target(const target *t, int N);

/* Binary data: N points c_i ∈ {−1, 1}^d (rows of C, N×d) with labels y_i.
 *   deep:    F(x) = Σ_i y_i ReLU(1 − ‖x − c_i‖₁), |u| = ReLU(u) + ReLU(−u):
 *            2Nd ReLUs, then N ReLUs, then 1 output: 2Nd + N + 1 neurons.
 *   shallow: on the cube, |x_k − c_ik| = 1 − c_ik x_k, so F(x) = Σ_i y_i ReLU(c_i·x + 1 − d):
 *            N ReLUs and 1 output. */
nn_network *build_binary_deep(nn_matrix C, const nn_real *y);
nn_network *build_binary_shallow(nn_matrix C, const nn_real *y);
int network_neurons(const nn_network *net);     /* Σ over layers of their units */

/* The tent map T(x) = 2x on [0, ½], 2 − 2x on [½, 1], as T(x) = 2 ReLU(x) − 4 ReLU(x − ½),
 * composed k times: k hidden layers of 2 ReLUs, then one output. */
nn_network *build_tent(int k);

/* Symmetries of the parameters. Hidden unit j of layer l (0-based; l < the last layer):
 * rescale multiplies its incoming weights and bias by c and its outgoing weights by 1/c;
 * permute reorders the units of layer l (new unit j is old unit perm[j]), its incoming
 * weights, biases and outgoing weights together. */
void rescale_unit(nn_network *net, int l, int j, nn_real c);
/* A network with net's layers and a copy of its parameters (the caller frees it). */
nn_network *copy_network(const nn_network *net);
void permute_units(nn_network *net, int l, const int *perm);

/* ---- measure.c: how good a network is ---------------------------------------------- */

enum { GRID_PER_INTERVAL = 32 };
/* The points where the sup error is measured, as an M×1 matrix: GRID_PER_INTERVAL points
 * on each of the N intervals (x_{i−1} + j h/32, so midpoints and quarter points are in),
 * the end 1, and the target's kink or jump with the number just left of it. */
nn_matrix error_grid(int N, const target *t);
/* i if x is the knot i/N (as uniform_knots computes it), else −1. */
int knot_at(nn_real x, int N);
/* The network's output on every row of X (M×1), in chunks: out has M entries. */
void network_outputs(nn_network *net, nn_matrix X, nn_real *out);
/* max over the grid of |f(x) − net(x)|; *argmax (may be NULL) receives where. */
nn_real sup_error(nn_network *net, const target *t, nn_matrix grid, nn_real *argmax);
/* The built network's sup error for N knots. */
nn_real interpolation_error(const target *t, int N);
/* The sharpest bound the text proves for the target, h = 1/N: h²/8·max|f″| when f is C²,
 * else Lh/2 when f is Lipschitz, else ω_f(h). *which (may be NULL) names it. */
nn_real error_bound(const target *t, int N, const char **which);
/* Least-squares slope of log(err) against log(N). */
nn_real loglog_slope(const nn_real *N, const nn_real *err, int n);
/* Neurons that the bounds promise for a tolerance ε on [0, 1]:
 *   Lipschitz: Lh/2 ≤ ε  ⇔  N ≥ L/(2ε);   C²: h²/8·max|f″| ≤ ε  ⇔  N ≥ √(max|f″|/(8ε)). */
int neurons_for_lipschitz(nn_real L, nn_real epsilon);
int neurons_for_curvature(nn_real curvature, nn_real epsilon);

/* The linear pieces of a 1-input, 1-output ReLU network on [a, b], counted exactly:
 * the breakpoints are found layer by layer (between two consecutive breakpoints every
 * earlier unit keeps its state, so a unit's pre-activation is linear there and crosses 0
 * at most once: at the root of the line through its two end values, read from the forward
 * pass's Z cache); the slope of each interval is the backward pass's ∂ŷ/∂x at its
 * midpoint; neighbours with the same slope (to 1e-9 relative) are one piece. *breaks (may
 * be NULL) receives the pieces' ends, count + 1 of them, malloc'd: the caller frees it. */
int count_pieces(nn_network *net, nn_real a, nn_real b, nn_real **breaks);

/* ---- The story: main.c and one file per part --------------------------------------- */

typedef struct {
    nn_common_flags common;
    nn_run *run;            /* results.txt, data, scripts, diagrams */
    int neurons;            /* --neurons: knots of the figure of targets */
    int max_neurons;        /* --max-neurons: the largest N of the error sweep */
    nn_real kink, step;     /* --kink, --step: where |x − c| bends and 1[x ≥ s] jumps */
    nn_real epsilon;        /* --epsilon: the largest tolerance of the neurons-for-ε table */
    int max_width;          /* --max-width: the widest trained network */
    int seeds, steps;       /* --seeds, --steps: Adam runs per width and their length */
    int depth;              /* --depth: the deepest tent map */
} chapter;

/* The built networks' sup errors for N = 2, 4, ..., --max-neurons, every target of the
 * table: computed once (sweep_errors), read by sections 6.3 and 6.4. */
enum { SWEEP_MAX = 16 };
typedef struct {
    int n_targets, count;
    target t[TARGETS_MAX];
    nn_real N[SWEEP_MAX], err[TARGETS_MAX][SWEEP_MAX];
} sweep;

void part_construction(chapter *ch);                        /* 6.2 approximation.c */
sweep sweep_errors(const chapter *ch);
void part_bounds(chapter *ch, const sweep *s);              /* 6.3 */
void part_error_vs_neurons(chapter *ch, const sweep *s);    /* 6.4 */
void part_tolerance(chapter *ch);                           /* 6.5 */
void part_binary(chapter *ch);                              /* 6.6 binary.c */
void part_trained(chapter *ch);                             /* 6.7 trained.c */
void part_symmetry(chapter *ch);                            /* 6.8 symmetry.c */
void part_depth(chapter *ch);                               /* 6.9 depth.c */

#endif
