/* Automatic differentiation on scalar graphs: a tape, a forward sweep and two ways back.
 *
 * A computation such as y = sin(x1) + x1·x2 is recorded as a graph (a "tape") of
 * nodes v_0, v_1, ..., each either a leaf (an input or a constant) or one elementary
 * operation applied to earlier nodes:
 *     v_0 = x1,  v_1 = x2,  v_2 = sin v_0,  v_3 = v_0 · v_1,  v_4 = v_2 + v_3 = y.
 * Because an operation only ever refers to nodes recorded before it, the tape order is
 * a topological order of the graph.
 *
 * Recording a node evaluates it (forward values) and stores its local partial
 * derivatives ∂v_k/∂v_a, ∂v_k/∂v_b with respect to its operands: that is what the
 * sweeps need, and all they need.
 *
 *  - Reverse mode (backpropagation) fills the adjoints  v̄_k = ∂y/∂v_k  of one output y:
 *        ȳ = 1,   then for k from last to first:  v̄_a += v̄_k ∂v_k/∂v_a  (same for b).
 *    One sweep gives ∂y/∂x for EVERY input x: the full gradient of f: Rⁿ → R.
 *  - Forward mode pushes tangents  v̇_k = ∂v_k/∂t  along one input direction t:
 *        ẋ = seed,  then for k from first to last:  v̇_k = ∂v_k/∂v_a v̇_a + ∂v_k/∂v_b v̇_b.
 *    One sweep gives ∂y/∂t for EVERY output y: a full column of the Jacobian.
 * So f: Rⁿ → R costs one reverse sweep or n forward sweeps for its gradient, and
 * g: R → Rᵐ one forward sweep or m reverse sweeps for its Jacobian. The graph counts
 * sweeps and multiply-adds so that a chapter can measure this.
 *
 * Nodes are referred to by their index on the tape (an int, 0, 1, 2, ...), which is
 * also their stable name in the DOT drawing (n0, n1, ...). The graph owns its nodes:
 * nn_autodiff_new / nn_autodiff_free; the tape grows as needed. */
#ifndef NN_AUTODIFF_H
#define NN_AUTODIFF_H

#include <stdio.h>
#include <stddef.h>
#include "nn_real.h"

typedef enum {
    NN_AD_CONST, NN_AD_INPUT, NN_AD_ADD, NN_AD_SUB, NN_AD_MUL, NN_AD_SIN, NN_AD_EXP,
    NN_AD_LOG, NN_AD_TANH, NN_AD_SIGMOID, NN_AD_RELU, NN_AD_POW
} nn_ad_op;

typedef struct {
    nn_ad_op op;
    int a, b;               /* operand nodes, -1 when absent */
    nn_real p;              /* the constant exponent of pow; unused otherwise */
    nn_real value;          /* forward value v_k */
    nn_real da, db;         /* local partials ∂v_k/∂v_a, ∂v_k/∂v_b, stored by the forward */
    nn_real adjoint;        /* v̄_k = ∂y/∂v_k after nn_autodiff_reverse(g, y) */
    nn_real tangent;        /* v̇_k after nn_autodiff_forward_mode */
    char label[16];         /* inputs' names ("x1"); empty for the rest */
} nn_ad_node;

typedef struct {
    int count, capacity;
    nn_ad_node *nodes;
    /* Cost counters, reset by nn_autodiff_reset_counts: sweeps done in each mode and
     * multiply-adds v̄_a += v̄_k ∂v_k/∂v_a (reverse) or v̇_k += ∂v_k/∂v_a v̇_a (forward). */
    long reverse_sweeps, forward_sweeps, reverse_madds, forward_madds;
} nn_autodiff;

nn_autodiff *nn_autodiff_new(void);            /* an empty tape; aborts if out of memory */
void nn_autodiff_free(nn_autodiff *g);
void nn_autodiff_clear(nn_autodiff *g);        /* forget every node, keep the memory */

/* ---- Recording: each returns the new node's index ---------------------------------- */
int nn_ad_input(nn_autodiff *g, nn_real value, const char *label);
int nn_ad_const(nn_autodiff *g, nn_real value);
int nn_ad_add(nn_autodiff *g, int a, int b);
int nn_ad_sub(nn_autodiff *g, int a, int b);
int nn_ad_mul(nn_autodiff *g, int a, int b);
int nn_ad_sin(nn_autodiff *g, int a);
int nn_ad_exp(nn_autodiff *g, int a);
int nn_ad_log(nn_autodiff *g, int a);
int nn_ad_tanh(nn_autodiff *g, int a);
int nn_ad_sigmoid(nn_autodiff *g, int a);
int nn_ad_relu(nn_autodiff *g, int a);            /* derivative 0 at 0, as the library's */
int nn_ad_pow(nn_autodiff *g, int a, nn_real p);  /* v_a^p for a constant exponent p */

nn_real nn_ad_value(const nn_autodiff *g, int node);
nn_real nn_ad_adjoint(const nn_autodiff *g, int node);
nn_real nn_ad_tangent(const nn_autodiff *g, int node);
const char *nn_ad_op_name(nn_ad_op op);           /* "sin", "mul", ... */

/* Re-evaluates every node in tape order after inputs changed with nn_ad_set (the
 * graph is recorded once and replayed, as for finite differences). */
void nn_ad_set(nn_autodiff *g, int input, nn_real value);
void nn_autodiff_replay(nn_autodiff *g);

/* Reverse sweep from `output`: zeroes every adjoint, sets v̄_output = 1, walks the tape
 * backwards. Afterwards nn_ad_adjoint(g, x) = ∂output/∂x for every node x. */
void nn_autodiff_reverse(nn_autodiff *g, int output);
/* Forward-mode sweep: zeroes every tangent, sets v̇_seed = 1 for the input `seed`,
 * walks the tape forwards. Afterwards nn_ad_tangent(g, y) = ∂y/∂seed for every node y. */
void nn_autodiff_forward_mode(nn_autodiff *g, int seed);
void nn_autodiff_reset_counts(nn_autodiff *g);

/* Graphviz drawing of the whole tape, both passes: the forward pass (boxes n<k>: the
 * operation and the value, each operand edge labelled with the local partial ∂v_k/∂v_a)
 * above the reverse pass (boxes a<k>: the adjoint after the last reverse sweep, each edge
 * pointing back to the operand with the share v̄_k·∂v_k/∂v_a it hands over). Numbers
 * printed with %.4g, so the file is deterministic. Writes to an open stream; returns 0,
 * or -1 if the stream reports an error. */
int nn_autodiff_write_dot(const nn_autodiff *g, FILE *fp, const char *title);

#endif
