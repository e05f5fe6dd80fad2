/* Chapter 2: the multi-layer perceptron.
 *
 * What you will see when you run it (build/<config>/chapters/02-mlp/02-mlp):
 *   1. a layer y = f(Wx + b), and the 1-5-3-1 sigmoid network of the source as a
 *      composition of three of them, evaluated by hand and by the library;
 *   2. why the activation must be non-linear: three identity layers collapse into one
 *      layer W = W3 W2 W1, b = W3 (W2 b1 + b2) + b3, checked to the last bits;
 *   3. parameter counts: 2-2-1 → 9, 2-5-3-1 → 33, 784-n-10 → 795n + 10;
 *   4. the networks drawn from their structs (Graphviz);
 *   5. decision regions on XOR, moons, circles and spirals: one neuron against an MLP;
 *   6. inside a 2-2-1 network on XOR: the hidden layer moves the points until one line
 *      separates them;
 *   7. an image classifier: Fashion-MNIST, 784-100-10 ReLU, softmax cross-entropy,
 *      accuracy per epoch, the confusion matrix, the first layer's weights as images.
 * Everything it prints that the text quotes is also written to results.txt. */
#include "mlp.h"

#include <stdio.h>
#include <stdlib.h>

void ch2_fail(const char *what, const char *err)
{
    fprintf(stderr, "02-mlp: %s: %s\n", what, err);
    exit(1);
}

const char *ch2_path(const ch2_context *cx, char *buf, size_t len, const char *name)
{
    return nn_path_join(buf, len, cx->common.out, name);
}

void ch2_write_blocks(const ch2_context *cx, const char *name, const char *columns,
                      const nn_real *data, int rows, int cols, int block_rows, int digits)
{
    char path[1024], err[1200];
    nn_outfile f;
    if (nn_outfile_open(&f, ch2_path(cx, path, sizeof path, name), err, sizeof err) != 0)
        ch2_fail("writing a data file", err);
    fprintf(f.fp, "# %s\n", columns);
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++)
            fprintf(f.fp, "%s%.*g", j ? " " : "", digits, (double)data[(size_t)i * cols + j]);
        fputc('\n', f.fp);
        if (block_rows > 0 && (i + 1) % block_rows == 0 && i + 1 < rows) fputc('\n', f.fp);
    }
    ch2_commit(&f);
}

void ch2_gnuplot(const ch2_context *cx, nn_outfile *f, const char *name, const char *title,
                 const char *xlabel, const char *ylabel, int width, int height)
{
    char err[1200];
    if (nn_gnuplot_open(f, cx->common.out, name, title, xlabel, ylabel, err, sizeof err) != 0)
        ch2_fail("writing a gnuplot script", err);
    /* a larger canvas for multi-panel figures: style.gp's terminal with another size */
    if (width > 0)
        fprintf(f->fp, "set terminal svg size %d,%d dynamic enhanced font 'Helvetica,13' "
                       "linewidth 1.2 background '#ffffff'\n", width, height);
}

void ch2_commit(nn_outfile *f)
{
    char err[1200];
    if (nn_outfile_commit(f, err, sizeof err) != 0) ch2_fail("writing a file", err);
}

int main(int argc, char **argv)
{
    ch2_context cx = { .common = nn_common_defaults("figures/02-mlp"),
                       .data_dir = NN_FASHION_MNIST_DIR,
                       .epochs = 15, .batch = 128, .hidden = 100, .lr = NN_R(2e-3) };
    nn_flag flags[] = {
        NN_FLAG_STRING("--data", &cx.data_dir, "Fashion-MNIST directory (the four IDX files, gzipped or not)"),
        NN_FLAG_INT_RANGE("--epochs", &cx.epochs, 1, 1000, "Fashion-MNIST training epochs"),
        NN_FLAG_INT_RANGE("--batch", &cx.batch, 1, 60000, "Fashion-MNIST mini-batch size"),
        NN_FLAG_INT_RANGE("--hidden", &cx.hidden, 1, 4096, "hidden units n of the 784-n-10 network"),
        NN_FLAG_REAL_RANGE("--lr", &cx.lr, 1e-6, 1, "Adam's first learning rate for Fashion-MNIST (falls to 0 along a cosine)"),
        NN_FLAG_BOOL("--skip-images", &cx.skip_images, "skip the Fashion-MNIST part"),
    };
    nn_cli_parse(argc, argv, "Chapter 2: the multi-layer perceptron", &cx.common, flags,
                 (int)(sizeof flags / sizeof flags[0]));

    char err[1200], path[1024];
    if (nn_make_dirs(cx.common.out, err, sizeof err) != 0) ch2_fail("--out", err);
    if (nn_results_open(&cx.results, ch2_path(&cx, path, sizeof path, "results.txt"), err,
                        sizeof err) != 0)
        ch2_fail("results", err);
    nn_rng_seed(&cx.rng, cx.common.seed);
    nn_results_int(&cx.results, "seed", (long)cx.common.seed);

    ch2_composition(&cx);
    ch2_linear_collapse(&cx);
    ch2_parameter_counts(&cx);
    ch2_diagrams(&cx);
    ch2_decision_regions(&cx);
    ch2_hidden_representation(&cx);
    ch2_fashion_mnist(&cx);

    if (nn_results_close(&cx.results, err, sizeof err) != 0) ch2_fail("results", err);
    return 0;
}
