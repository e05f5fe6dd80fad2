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
 * output <name>.svg, the title and the axis labels. The caller adds `plot ...` lines to
 * f->fp and calls nn_outfile_commit. */
int nn_gnuplot_open(nn_outfile *f, const char *dir, const char *name, const char *title,
                    const char *xlabel, const char *ylabel, char *err, size_t err_len);

/* A network drawn from the struct itself: inputs, then each layer's units with its
 * activation, edges for every weight. Layers wider than max_drawn units are collapsed
 * (the first and last few units and a "⋮ n units" node), with the edge counts labelled.
 * Node names: "x_i" for inputs, "L<l>_<j>" for unit j of layer l (from 1). */
int nn_dot_network(const nn_network *net, const char *path, const char *title,
                   int max_drawn, char *err, size_t err_len);

#endif
