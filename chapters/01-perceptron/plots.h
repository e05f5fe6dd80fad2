/* The figures of chapter 1: data files for decision lines, the gnuplot scripts that draw
 * them, and the Graphviz diagram of one neuron. Every function returns 0, or -1 with a
 * message in err (as the library's output functions do). */
#ifndef PLOTS_H
#define PLOTS_H

#include "nn.h"

/* The box a figure shows: the data's bounding box, widened by a fraction on each side. */
typedef struct { nn_real x0, x1, y0, y1; } plot_box;
plot_box plot_box_around(nn_matrix X, nn_real pad);

/* Lines w1 x1 + w2 x2 + b = 0 clipped to the box, for rows first..last of history (rows
 * (w1, w2, b)), one block per row: "x1 x2 epoch", epoch = row index. Rows whose line misses
 * the box write nothing. */
int write_lines(const char *path, nn_matrix history, int first, int last, plot_box box,
                char *err, size_t err_len);
/* Examples as "x1 x2 label". */
int write_points(const char *path, nn_matrix X, nn_matrix Y, char *err, size_t err_len);
/* errors[0..epochs-1] as "epoch mistakes fraction", epochs counted from 1, the fraction
 * being mistakes / examples. */
int write_errors(const char *path, const int *errors, int epochs, int examples, char *err, size_t err_len);

/* The scripts. `names` are the activations' names, in the columns' order. */
int plot_activations(const char *dir, const char *const *names, int count, char *err, size_t err_len);
int plot_boundary(const char *dir, char *err, size_t err_len);
int plot_errors(const char *dir, char *err, size_t err_len);
int plot_novikoff(const char *dir, char *err, size_t err_len);
int plot_xor(const char *dir, char *err, size_t err_len);

/* One neuron: inputs, weights on the edges, the sum, the activation, the output. */
int dot_neuron(const char *path, const nn_real *w, int d, nn_real b, const char *activation,
               char *err, size_t err_len);

#endif
