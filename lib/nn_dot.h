/* Graphviz diagrams, written node by node into a file the caller opened (a chapter:
 * nn_run_file(run, "neuron.dot")), rendered by `make figures` (dot -Tsvg).
 *
 * Node names are stable (layer and index, "L1_3"; never pointer addresses) so that
 * diagrams diff cleanly. */
#ifndef NN_DOT_H
#define NN_DOT_H

#include "nn_network.h"
#include <stdio.h>

/* ---- A small DOT writer (any diagram: a neuron, a computation graph) ------------
 * nn_dot_open writes the header (title on top, graph_attrs such as "rankdir=LR" added to
 * the graph's attributes; either may be NULL); nodes, edges and boxed groups follow;
 * nn_dot_close ends the graph. Names are words of [A-Za-z0-9_]
 * (stable: "x1", "L2_3", "mul_1"; aborts otherwise). A label is quoted and escaped,
 * newlines kept; a label written <...> is an HTML-like label passed as is
 * ("<x<sub>1</sub>>"). attrs is raw DOT ("shape=box, color=red") or NULL. */
void nn_dot_open(FILE *fp, const char *title, const char *graph_attrs);
void nn_dot_node(FILE *fp, const char *name, const char *label, const char *attrs);
void nn_dot_edge(FILE *fp, const char *from, const char *to, const char *label,
                 const char *attrs);
/* A boxed group (a DOT cluster): nodes declared between begin and end are drawn in it. */
void nn_dot_group_begin(FILE *fp, const char *name, const char *label, const char *attrs);
void nn_dot_group_end(FILE *fp);
/* Keeps nodes in one rank (a column under rankdir=LR) in the order given. */
void nn_dot_same_rank(FILE *fp, const char *const *names, int n);
void nn_dot_close(FILE *fp);

/* A network drawn from the struct itself: inputs, then each layer's units with its
 * activation, edges for every weight. Layers wider than max_drawn units are collapsed
 * (the first and last few units and a "⋮ n units" node), with the edge counts labelled.
 * Node names: "x_i" for input i, "L<l>_<j>" for unit j of layer l (all from 1), and
 * "x_more", "L<l>_more" for the collapsed units. max_drawn is 3..64. */
void nn_dot_network(const nn_network *net, FILE *fp, const char *title, int max_drawn);

#endif
