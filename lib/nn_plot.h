/* gnuplot scripts and Graphviz diagrams, written by the chapters, rendered by make.
 *
 * Every figure of the course is a `.gp` script beside the `.dat` files it plots. The
 * script loads the one shared style (figures/style.gp: font, sizes, a colour-blind-safe
 * palette, line styles 1..8) and holds no numbers of its own beyond layout: the data
 * come from the `.dat` files. `make figures` runs gnuplot in the figure's directory, so
 * paths in the script are relative to it.
 *
 * Diagrams are DOT files with stable node names (layer and index, "L1_3"; never
 * pointer addresses) so that they diff cleanly; `dot -Tsvg` renders them. */
#ifndef NN_PLOT_H
#define NN_PLOT_H

#include "nn_network.h"
#include "nn_output.h"

/* Opens <dir>/<name>.gp and writes the preamble: load the shared style, set the SVG
 * output <name>.svg.tmp (tools/render.sh renames it to <name>.svg once gnuplot is done),
 * the title and the axis labels (say the units: "time (s)"). The caller adds `plot ...`
 * lines to f->fp and calls nn_outfile_commit. */
int nn_gnuplot_open(nn_outfile *f, const char *dir, const char *name, const char *title,
                    const char *xlabel, const char *ylabel, char *err, size_t err_len);

/* ---- A small DOT writer (any diagram: a neuron, a computation graph) ------------
 * nn_dot_open writes the header (title on top, graph_attrs such as "rankdir=LR" added to
 * the graph's attributes; either may be NULL); nodes, edges and boxed groups follow;
 * nn_dot_close ends the graph and commits the file. Names are words of [A-Za-z0-9_]
 * (stable: "x1", "L2_3", "mul_1"; aborts otherwise). A label is quoted and escaped,
 * newlines kept; a label written <...> is an HTML-like label passed as is
 * ("<x<sub>1</sub>>"). attrs is raw DOT ("shape=box, color=red") or NULL. */
int nn_dot_open(nn_outfile *f, const char *path, const char *title, const char *graph_attrs,
                char *err, size_t err_len);
void nn_dot_node(nn_outfile *f, const char *name, const char *label, const char *attrs);
void nn_dot_edge(nn_outfile *f, const char *from, const char *to, const char *label,
                 const char *attrs);
/* A boxed group (a DOT cluster): nodes declared between begin and end are drawn in it. */
void nn_dot_group_begin(nn_outfile *f, const char *name, const char *label, const char *attrs);
void nn_dot_group_end(nn_outfile *f);
/* Keeps nodes in one rank (a column under rankdir=LR) in the order given. */
void nn_dot_same_rank(nn_outfile *f, const char *const *names, int n);
int nn_dot_close(nn_outfile *f, char *err, size_t err_len);

/* A network drawn from the struct itself: inputs, then each layer's units with its
 * activation, edges for every weight. Layers wider than max_drawn units are collapsed
 * (the first and last few units and a "⋮ n units" node), with the edge counts labelled.
 * Node names: "x_i" for input i, "L<l>_<j>" for unit j of layer l (all from 1), and
 * "x_more", "L<l>_more" for the collapsed units. max_drawn is 3..64. */
int nn_dot_network(const nn_network *net, const char *path, const char *title,
                   int max_drawn, char *err, size_t err_len);

#endif
