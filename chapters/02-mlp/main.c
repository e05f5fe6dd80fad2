/* Chapter 2: the multi-layer perceptron.
 *
 * What you will see when you run it (make chapter2), in the order of the text:
 *   1. a layer y = f(Wx + b), and the 1-5-3-1 sigmoid network of the source as a
 *      composition of three of them, evaluated by hand and by the library (layers.c);
 *   2. why the activation must be non-linear: three identity layers collapse into one
 *      layer W = W3 W2 W1, b = W3 (W2 b1 + b2) + b3, checked to the last bits;
 *   3. parameter counts: 2-2-1 → 9, 2-5-3 → 33 (the source's count), 2-5-3-1 → 37,
 *      784-p-10 → 795p + 10;
 *   4. the networks drawn from their structs (Graphviz);
 *   5. decision regions on XOR, moons, circles and spirals: one layer against an MLP
 *      (regions.c);
 *   6. inside a 2-2-1 network on XOR: the hidden layer moves the points until one line
 *      separates them (hidden.c);
 *   7. an image classifier: Fashion-MNIST, 784-100-10 ReLU, softmax cross-entropy,
 *      accuracy per epoch, the confusion matrix, the first layer's weights as images
 *      (fashion.c).
 * Everything it prints that the text quotes is also written to results.txt; figures.c
 * writes the figures. */
#include "mlp.h"

int main(int argc, char **argv)
{
    ch2_context cx = { .common = nn_common_defaults("figures/02-mlp"),
                       .data_dir = NN_FASHION_MNIST_DIR,
                       .epochs = 15, .batch = 128, .hidden = 100, .lr = NN_R(2e-3) };
    nn_flag flags[] = {
        NN_FLAG_STRING("--data", &cx.data_dir, "Fashion-MNIST directory (the four IDX files, gzipped or not)"),
        NN_FLAG_INT_RANGE("--epochs", &cx.epochs, 1, 1000,
            "Fashion-MNIST training epochs: about a second each on a quiet 2-core machine, so "
            "1000 take a quarter of an hour"),
        NN_FLAG_INT_RANGE("--batch", &cx.batch, 1, 60000,
            "Fashion-MNIST mini-batch size: at most the 60000 training images (one batch an epoch)"),
        NN_FLAG_INT_RANGE("--hidden", &cx.hidden, 1, 4096,
            "hidden units n of the 784-n-10 network: at 4096 it has 3.3 million parameters, 41 "
            "times the default's 79510, and its epochs take about as much longer"),
        NN_FLAG_REAL_RANGE("--lr", &cx.lr, 1e-6, 1,
            "Adam's first learning rate for Fashion-MNIST (falls to 0 along a cosine): Adam moves "
            "a weight by at most lr a step, so below 1e-6 15 epochs move none by more than 0.007 "
            "(the first layer starts within +-0.087); 2 epochs at 0.1 and 0.3 leave 88 and 94 of "
            "100 hidden units dead, and at 1 all of them in the first epoch (the run stops and "
            "says so), so larger rates show nothing more"),
        NN_FLAG_BOOL("--skip-images", &cx.skip_images, "skip the Fashion-MNIST part"),
    };
    nn_cli_parse(argc, argv, "Chapter 2: the multi-layer perceptron", &cx.common, flags,
                 (int)(sizeof flags / sizeof flags[0]));
    /* Flags of section 7 with --skip-images would be silently ignored: refused instead. */
    const char *image_flags[] = { "--data", "--epochs", "--batch", "--hidden", "--lr" };
    for (size_t i = 0; cx.skip_images && i < sizeof image_flags / sizeof image_flags[0]; i++)
        if (nn_flag_given(&cx.common, image_flags[i]))
            nn_cli_refuse(&cx.common, image_flags[i], "sets the Fashion-MNIST part, which "
                          "--skip-images skips; give one or the other");
    if (!cx.skip_images) ch2_load_images(&cx);

    cx.run = nn_run_start("02-mlp", &cx.common);
    nn_rng_seed(&cx.rng, cx.common.seed);
    nn_result_int(cx.run, (long)cx.common.seed, "seed");

    ch2_composition(&cx);
    ch2_linear_collapse(&cx);
    ch2_parameter_counts(&cx);
    ch2_diagrams(&cx);
    ch2_decision_regions(&cx);
    ch2_hidden_representation(&cx);
    ch2_fashion_mnist(&cx);

    if (cx.have_images) {
        nn_image_set_free(&cx.train);
        nn_image_set_free(&cx.test);
    }
    return nn_run_finish(cx.run);
}
