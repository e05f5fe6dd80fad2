/* Chapter 2, the multi-layer perceptron: what the chapter's files share.
 *
 * main.c tells the story in order and owns the command line; layers.c builds networks
 * by hand (the 1-5-3-1 composition, the collapse of linear layers, parameter counts,
 * diagrams); regions.c trains small networks on 2-D sets, hidden.c looks inside one;
 * fashion.c trains the image classifier. They compute and narrate; figures.c writes the
 * data tables and gnuplot scripts of every figure. */
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

/* Shared by the 2-D parts (regions.c, hidden.c): full-batch Adam training, predictions,
 * accuracy on the training set. */
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

/* ---- The figures (figures.c) ------------------------------------------------------- */
/* The 1-5-3-1 network's three stages as functions of x on [−6, 6]. */
void figure_composition(nn_run *run, nn_network *net);

/* One 2-D set learnt by one layer and by an MLP: the decision regions of both. */
typedef struct {
    const char *name, *title;   /* "xor", "XOR" */
    nn_dataset data;
    int classes;                /* 2 or 3 */
    nn_network *one_layer, *mlp;
    const char *mlp_name;       /* "2-16-16-1" */
} region_set;
void figure_regions(nn_run *run, const region_set *sets, int count);

/* The 2-2-1 tanh network on XOR: the input plane [−span, span]², its grid lines and the
 * data carried to the hidden coordinates h, and the output neuron's line there. */
void figure_hidden(nn_run *run, nn_network *net, const nn_dataset *d, nn_real span);

/* Fashion-MNIST: per-epoch curves (rows: epoch, train loss, train accuracy, test loss,
 * test accuracy), the confusion matrix (counts C[true·10 + predicted]), and the first
 * WEIGHT_TILES² hidden units' weights as images, dead units (active[j] == 0) marked. */
enum { WEIGHT_TILES = 4 };
void figure_fashion_curves(nn_run *run, nn_matrix curve, int hidden);
void figure_confusion(nn_run *run, const int *C);
void figure_weights(nn_run *run, const nn_network *net, int rows, int cols, const long *active);

#endif
