/* Chapter 2, the multi-layer perceptron: what the chapter's files share.
 *
 * main.c tells the story in order and owns the command line; layers.c builds networks
 * by hand (the 1-5-3-1 composition, the collapse of linear layers, parameter counts,
 * diagrams); regions.c trains small networks on 2-D sets and looks inside them;
 * fashion.c trains the image classifier. Each part writes its numbers into results.txt
 * and its data, scripts and diagrams into the output directory. */
#ifndef CH2_MLP_H
#define CH2_MLP_H

#include "nn.h"

typedef struct {
    nn_common_flags common;
    nn_run *run;                /* results.txt, data, scripts, diagrams */
    nn_rng rng;                 /* one stream, drawn from in the order of the story */
    /* the image classifier's flags */
    const char *data_dir;
    int epochs, batch, hidden;
    nn_real lr;
    bool skip_images;
    /* Fashion-MNIST, read by ch2_load_images before the run starts */
    bool have_images;
    nn_image_set train, test;
    char missing[1200];         /* why not, when the default location has no data set */
} ch2_context;


/* A gnuplot data file with blocks: rows of `cols` numbers, %.*g with `digits` significant
 * digits, a blank line after every `block_rows` rows (0 = one block) so gnuplot draws
 * separate curves or reads a grid. */
void ch2_write_blocks(const ch2_context *cx, const char *name, const char *columns,
                      const nn_real *data, int rows, int cols, int block_rows, int digits);
/* Opens <name>.gp for a figure of width x height pixels; the caller writes the plot. */
FILE *ch2_gnuplot(const ch2_context *cx, const char *name, const char *title,
                  const char *xlabel, const char *ylabel, int width, int height);
/* Figure layout shared by the scripts: the two-class palette:
 * pale near p = 1/2, a visible step at 1/2 (the decision boundary), deeper where the
 * model is confident. */
#define CH2_TWO_CLASS_PALETTE "set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', " \
                              "0.5001 '#fbe9dc', 1 '#e58c4f')\n"

/* Shared by the 2-D parts (regions.c): full-batch Adam training, predictions, accuracy. */
nn_real ch2_train_full_batch(ch2_context *cx, nn_network *net, const nn_dataset *d,
                             nn_loss loss, int steps, nn_real lr, const char *what);
void ch2_predict(nn_network *net, nn_matrix X, int *classes);
nn_real ch2_train_accuracy(nn_network *net, const nn_dataset *d);

/* Reads Fashion-MNIST before anything is written (fashion.c): a data set given by --data,
 * or found at the default location, must be whole, or the program stops (exit 1) naming
 * the file and the fix; only an absent default location lets section 7 be skipped. */
void ch2_load_images(ch2_context *cx);

/* The parts, in the order of the text. */
void ch2_composition(ch2_context *cx);
void ch2_linear_collapse(ch2_context *cx);
void ch2_parameter_counts(ch2_context *cx);
void ch2_diagrams(ch2_context *cx);
void ch2_decision_regions(ch2_context *cx);
void ch2_hidden_representation(ch2_context *cx);
void ch2_fashion_mnist(ch2_context *cx);

#endif
