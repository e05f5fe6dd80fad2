/* The figures of chapter 1: data files for decision lines, the gnuplot scripts that draw
 * them, and the Graphviz diagram of one neuron, all written through the run (nn_run.h). */
#ifndef PLOTS_H
#define PLOTS_H

#include "nn.h"

/* The box a figure shows: the data's bounding box, widened by a fraction on each side. */
typedef struct { nn_real x0, x1, y0, y1; } plot_box;
plot_box plot_box_around(nn_matrix X, nn_real pad);

/* Lines w1 x1 + w2 x2 + b = 0 clipped to the box, for rows first..last of history (rows
 * (w1, w2, b)), one block per row: "x1 x2 epoch", epoch = row index. Rows whose line misses
 * the box write nothing. */
void write_lines(nn_run *run, const char *name, nn_matrix history, int first, int last, plot_box box);
/* Examples as "x1 x2 label". */
void write_points(nn_run *run, const char *name, nn_matrix X, nn_matrix Y);
/* errors[0..epochs-1] as "epoch mistakes fraction", epochs counted from 1, the fraction
 * being mistakes / examples. */
void write_errors(nn_run *run, const char *name, const int *errors, int epochs, int examples);

/* The scripts. `names` are the activations' names, in the columns' order. */
void plot_activations(nn_run *run, const char *const *names, int count);
void plot_boundary(nn_run *run);
void plot_errors(nn_run *run);
void plot_novikoff(nn_run *run);
void plot_xor(nn_run *run);

/* One neuron: inputs, weights on the edges, the sum, the activation, the output. */
void dot_neuron(nn_run *run, const nn_real *w, int d, nn_real b, const char *activation);

#endif
