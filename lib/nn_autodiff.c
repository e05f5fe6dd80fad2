/* Reverse- and forward-mode automatic differentiation on a scalar tape (see
 * nn_autodiff.h). The whole of the calculus lives in evaluate(): one line per
 * operation, its forward value beside its local partial derivatives. The sweeps are
 * nothing but the chain rule applied along the tape, backwards or forwards. */
#include "nn_autodiff.h"
#include "nn_dot.h"
#include "nn_activation.h"

#include <stdlib.h>
#include <string.h>

nn_autodiff *nn_autodiff_new(void)
{
    nn_autodiff *g = calloc(1, sizeof *g);
    if (!g) {
        fprintf(stderr, "nn_autodiff_new: out of memory\n");
        abort();
    }
    return g;
}

void nn_autodiff_free(nn_autodiff *g)
{
    if (!g) return;
    free(g->nodes);
    free(g);
}

void nn_autodiff_clear(nn_autodiff *g)
{
    g->count = 0;
    nn_autodiff_reset_counts(g);
}

void nn_autodiff_reset_counts(nn_autodiff *g)
{
    g->reverse_sweeps = g->forward_sweeps = 0;
    g->reverse_madds = g->forward_madds = 0;
}

const char *nn_ad_op_name(nn_ad_op op)
{
    static const char *names[] = { "const", "input", "add", "sub", "mul", "sin", "exp",
                                   "log", "tanh", "sigmoid", "relu", "pow" };
    return (unsigned)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

/* course:begin autodiff-evaluate */
/* v = op(a, b) and the local partials da = ∂v/∂a, db = ∂v/∂b. Leaves keep their value. */
static void evaluate(nn_ad_node *n, const nn_ad_node *nodes)
{
    nn_real a = n->a >= 0 ? nodes[n->a].value : 0;
    nn_real b = n->b >= 0 ? nodes[n->b].value : 0;
    nn_real v = n->value, da = 0, db = 0;
    switch (n->op) {
    case NN_AD_CONST:                                         break;  /* v = c        */
    case NN_AD_INPUT:                                         break;  /* v = x        */
    case NN_AD_ADD:     v = a + b;        da = 1; db = 1;     break;  /* ∂ = 1, 1     */
    case NN_AD_SUB:     v = a - b;        da = 1; db = -1;    break;  /* ∂ = 1, −1    */
    case NN_AD_MUL:     v = a * b;        da = b; db = a;     break;  /* ∂ = b, a     */
    case NN_AD_SIN:     v = sin(a);       da = cos(a);        break;  /* ∂ = cos a    */
    case NN_AD_EXP:     v = exp(a);       da = v;             break;  /* ∂ = e^a      */
    case NN_AD_LOG:     v = log(a);       da = 1 / a;         break;  /* ∂ = 1/a      */
    case NN_AD_TANH:    v = tanh(a);      da = 1 - v * v;     break;  /* ∂ = 1 − v²   */
    case NN_AD_SIGMOID: v = nn_sigmoid(a); da = v * (1 - v);  break;  /* ∂ = v(1 − v) */
    case NN_AD_RELU:    v = a > 0 ? a : 0; da = a > 0 ? 1 : 0; break; /* ∂ = 1[a > 0] */
    case NN_AD_POW:     v = pow(a, n->p); da = n->p * pow(a, n->p - 1); break; /* p a^(p−1) */
    }
    n->value = v;
    n->da = da;
    n->db = db;
}
/* course:end autodiff-evaluate */

static int record(nn_autodiff *g, nn_ad_op op, int a, int b, nn_real p, nn_real value)
{
    if ((a >= g->count) || (b >= g->count)) {
        fprintf(stderr, "nn_autodiff: %s refers to node %d but the tape has %d nodes\n",
                nn_ad_op_name(op), a > b ? a : b, g->count);
        abort();
    }
    if (g->count == g->capacity) {
        int cap = g->capacity ? 2 * g->capacity : 64;
        nn_ad_node *grown = realloc(g->nodes, (size_t)cap * sizeof *grown);
        if (!grown) {
            fprintf(stderr, "nn_autodiff: out of memory for %d nodes\n", cap);
            abort();
        }
        g->nodes = grown;
        g->capacity = cap;
    }
    nn_ad_node *n = &g->nodes[g->count];
    memset(n, 0, sizeof *n);
    n->op = op;
    n->a = a;
    n->b = b;
    n->p = p;
    n->value = value;
    evaluate(n, g->nodes);
    return g->count++;
}

int nn_ad_input(nn_autodiff *g, nn_real value, const char *label)
{
    int k = record(g, NN_AD_INPUT, -1, -1, 0, value);
    if (label) snprintf(g->nodes[k].label, sizeof g->nodes[k].label, "%s", label);
    return k;
}

int nn_ad_const(nn_autodiff *g, nn_real value) { return record(g, NN_AD_CONST, -1, -1, 0, value); }
int nn_ad_add(nn_autodiff *g, int a, int b) { return record(g, NN_AD_ADD, a, b, 0, 0); }
int nn_ad_sub(nn_autodiff *g, int a, int b) { return record(g, NN_AD_SUB, a, b, 0, 0); }
int nn_ad_mul(nn_autodiff *g, int a, int b) { return record(g, NN_AD_MUL, a, b, 0, 0); }
int nn_ad_sin(nn_autodiff *g, int a) { return record(g, NN_AD_SIN, a, -1, 0, 0); }
int nn_ad_exp(nn_autodiff *g, int a) { return record(g, NN_AD_EXP, a, -1, 0, 0); }
int nn_ad_log(nn_autodiff *g, int a) { return record(g, NN_AD_LOG, a, -1, 0, 0); }
int nn_ad_tanh(nn_autodiff *g, int a) { return record(g, NN_AD_TANH, a, -1, 0, 0); }
int nn_ad_sigmoid(nn_autodiff *g, int a) { return record(g, NN_AD_SIGMOID, a, -1, 0, 0); }
int nn_ad_relu(nn_autodiff *g, int a) { return record(g, NN_AD_RELU, a, -1, 0, 0); }
int nn_ad_pow(nn_autodiff *g, int a, nn_real p) { return record(g, NN_AD_POW, a, -1, p, 0); }

static const nn_ad_node *node_at(const nn_autodiff *g, int k, const char *who)
{
    if (k < 0 || k >= g->count) {
        fprintf(stderr, "%s: node %d is not on the tape (it has %d nodes)\n", who, k, g->count);
        abort();
    }
    return &g->nodes[k];
}

nn_real nn_ad_value(const nn_autodiff *g, int k) { return node_at(g, k, "nn_ad_value")->value; }
nn_real nn_ad_adjoint(const nn_autodiff *g, int k) { return node_at(g, k, "nn_ad_adjoint")->adjoint; }
nn_real nn_ad_tangent(const nn_autodiff *g, int k) { return node_at(g, k, "nn_ad_tangent")->tangent; }

void nn_ad_set(nn_autodiff *g, int input, nn_real value)
{
    if (node_at(g, input, "nn_ad_set")->op != NN_AD_INPUT) {
        fprintf(stderr, "nn_ad_set: node %d is a %s, not an input\n", input,
                nn_ad_op_name(g->nodes[input].op));
        abort();
    }
    g->nodes[input].value = value;
}

void nn_autodiff_replay(nn_autodiff *g)
{
    for (int k = 0; k < g->count; k++) evaluate(&g->nodes[k], g->nodes);
}

/* course:begin autodiff-sweeps */
/* The chain rule, backwards: every node hands its adjoint to its operands, weighted by
 * its local partials. When the sweep reaches node k, every node that uses v_k lies
 * later on the tape and has already handed over its share, so v̄_k is complete. */
void nn_autodiff_reverse(nn_autodiff *g, int output)
{
    node_at(g, output, "nn_autodiff_reverse");
    for (int k = 0; k < g->count; k++) g->nodes[k].adjoint = 0;
    g->nodes[output].adjoint = 1;
    for (int k = output; k >= 0; k--) {
        const nn_ad_node *n = &g->nodes[k];
        if (n->a >= 0) { g->nodes[n->a].adjoint += n->adjoint * n->da; g->reverse_madds++; }
        if (n->b >= 0) { g->nodes[n->b].adjoint += n->adjoint * n->db; g->reverse_madds++; }
    }
    g->reverse_sweeps++;
}

/* The chain rule, forwards: every node gathers its operands' tangents, weighted by
 * its local partials. The operands lie earlier on the tape, so theirs are complete. */
void nn_autodiff_forward_mode(nn_autodiff *g, int seed)
{
    if (node_at(g, seed, "nn_autodiff_forward_mode")->op != NN_AD_INPUT) {
        fprintf(stderr, "nn_autodiff_forward_mode: seed node %d is a %s, not an input\n", seed,
                nn_ad_op_name(g->nodes[seed].op));
        abort();
    }
    for (int k = 0; k < g->count; k++) {
        nn_ad_node *n = &g->nodes[k];
        n->tangent = k == seed ? 1 : 0;
        if (n->a >= 0) { n->tangent += n->da * g->nodes[n->a].tangent; g->forward_madds++; }
        if (n->b >= 0) { n->tangent += n->db * g->nodes[n->b].tangent; g->forward_madds++; }
    }
    g->forward_sweeps++;
}
/* course:end autodiff-sweeps */

static const char *operator_symbol(nn_ad_op op)
{
    switch (op) {
    case NN_AD_ADD: return "+";
    case NN_AD_SUB: return "−";
    case NN_AD_MUL: return "×";
    default: return nn_ad_op_name(op);
    }
}

/* The tape drawn twice, one pass above the other, a node's two boxes in one column.
 * Forward pass (boxes n<k>): "n3 = ×" and its value, each edge operand → node labelled
 * with the local partial ∂v_k/∂v_a. Reverse pass (boxes a<k>): the adjoint v̄_k = ∂y/∂v_k,
 * each edge drawn from the node back to its operand, labelled with the share it hands
 * over, v̄_k·∂v_k/∂v_a; an operand's adjoint is the sum of the shares arriving. */
static void node_name(char *buf, size_t len, char pass, int k) { snprintf(buf, len, "%c%d", pass, k); }

static void node_operation(char *buf, size_t len, const nn_ad_node *n, int k)
{
    if (n->op == NN_AD_INPUT) snprintf(buf, len, "n%d = %s", k, n->label[0] ? n->label : "input");
    else if (n->op == NN_AD_CONST) snprintf(buf, len, "n%d = const", k);
    else if (n->op == NN_AD_POW) snprintf(buf, len, "n%d = pow %.4g", k, (double)n->p);
    else snprintf(buf, len, "n%d = %s", k, operator_symbol(n->op));
}

/* One pass as a boxed group: 'n' the forward pass (values, local partials), 'a' the
 * reverse pass (adjoints, shares handed back, in the colour of the backward flow). */
static void draw_pass(const nn_autodiff *g, FILE *fp, char pass)
{
    char name[24], other[24], op[64], label[160];
    int forward = pass == 'n';
    nn_dot_group_begin(fp, forward ? "forward" : "reverse",
                       forward ? "1. forward pass: each node's value, and on each edge the local derivative ∂v_k/∂v_a"
                               : "2. reverse pass: adjoints v̄ = ∂y/∂v flow back; on each edge the share v̄_k·∂v_k/∂v_a",
                       "style=dashed; color=\"#999999\"; fontsize=12");
    for (int k = 0; k < g->count; k++) {
        const nn_ad_node *n = &g->nodes[k];
        node_operation(op, sizeof op, n, k);
        snprintf(label, sizeof label, "%s\n%s %.4g", op, forward ? "value" : "adjoint",
                 (double)(forward ? n->value : n->adjoint));
        node_name(name, sizeof name, pass, k);
        const char *input = forward ? "style=\"rounded,bold\"" : "style=\"rounded,bold\", color=\"#D55E00\"";
        nn_dot_node(fp, name, label, n->op == NN_AD_INPUT ? input : forward ? NULL : "color=\"#D55E00\"");
    }
    for (int k = 0; k < g->count; k++) {
        const nn_ad_node *n = &g->nodes[k];
        const int operand[2] = { n->a, n->b };
        const nn_real partial[2] = { n->da, n->db };
        node_name(name, sizeof name, pass, k);
        for (int s = 0; s < 2; s++) {
            if (operand[s] < 0) continue;
            node_name(other, sizeof other, pass, operand[s]);
            if (forward) snprintf(label, sizeof label, "∂ = %.4g", (double)partial[s]);
            else snprintf(label, sizeof label, "%.4g × %.4g", (double)n->adjoint, (double)partial[s]);
            /* declared operand → node in both passes, so that both rank alike; the
             * reverse pass's edges are drawn pointing back, to the operand */
            nn_dot_edge(fp, other, name, label,
                        forward ? NULL : "dir=back, color=\"#D55E00\", fontcolor=\"#D55E00\"");
        }
    }
    nn_dot_group_end(fp);
}

int nn_autodiff_write_dot(const nn_autodiff *g, FILE *fp, const char *title)
{
    nn_dot_open(fp, title, "rankdir=LR, newrank=true, nodesep=0.3, ranksep=0.9");
    fputs("  node [shape=box, style=rounded];\n", fp);
    draw_pass(g, fp, 'a');          /* dot stacks the group declared first lower: the */
    draw_pass(g, fp, 'n');          /* forward pass ends up on top, read first        */
    for (int k = 0; k < g->count; k++) {          /* a node's two boxes in one column */
        char forward[24], reverse[24];
        node_name(forward, sizeof forward, 'n', k);
        node_name(reverse, sizeof reverse, 'a', k);
        const char *pair[2] = { reverse, forward };
        nn_dot_same_rank(fp, pair, 2);
    }
    nn_dot_close(fp);
    return ferror(fp) ? -1 : 0;
}
