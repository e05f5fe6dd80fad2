/* What chapter 1 writes: the numbers the text quotes (results.txt), the data tables the
 * figures draw, the gnuplot scripts that draw them and the diagram of one neuron, all
 * through the run (lib/nn_run.h). perceptron.c computes; this file only records. */
#ifndef FIGURES_H
#define FIGURES_H

#include "nn.h"
#include "rosenblatt.h"

/* A line w1 x1 + w2 x2 + b = 0 (the perceptron's, or the one the data were drawn around). */
typedef struct { nn_real w[2], b; } line;

/* 1. The activations on a grid of z: values and slopes have one row per z, column 0 the z
 *    and one column per activation (named by `names`, titled by `titles` in the figure). */
void figure_activations(nn_run *run, nn_matrix values, nn_matrix slopes,
                        const char *const *names, const char *const *titles, int count);

/* 2. Rosenblatt on the separable blobs: everything the text quotes about the run, and the
 *    figure of the line after every update (replayed one example at a time from w0). */
typedef struct {
    nn_dataset blobs;
    line truth, start, final;     /* the data's line, w̃₀, the trained line */
    nn_real margin, lr;           /* the margin asked for, λ */
    nn_real radius, gamma;        /* R̃, γ̃ */
    nn_real bound_from_zero, bound_from_start;
    int epochs, misclassified;
    long updates;
    const int *errors;            /* mistakes per epoch, `epochs` of them */
} separable_run;
void report_separable(nn_run *run, const separable_run *s);

/* 3. Novikoff's bound over margins and draws: rows of (margin, draw, R̃, γ̃, (R̃/γ̃)²,
 *    updates from 0, bound from w̃₀, updates from w̃₀). */
enum { NOVIKOFF_COLUMNS = 8 };
void report_novikoff(nn_run *run, nn_matrix rows);

/* 4. XOR: mistakes per epoch on the noisy clusters and on the four corners, and the line
 *    after each of the last epochs on the noisy set (history: (w1, w2, b) per epoch). The
 *    figure of mistakes per epoch also draws the blobs' (errors-blobs.dat, from step 2). */
typedef struct {
    nn_dataset noisy;
    nn_real noise;
    int epochs;
    const int *errors, *corner_errors;
    nn_matrix history;
    int fewest, most, best_line, corners_fewest, corners_last;
} xor_run;
void report_xor(nn_run *run, const xor_run *x);

/* 5. One neuron: inputs, weights on the edges, the sum, the activation, the output. */
void diagram_neuron(nn_run *run, line learned, const char *activation);

#endif
