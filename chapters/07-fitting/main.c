/* Chapter 7: underfitting, overfitting, and the curves that show them.
 *
 * What running it shows (make chapter7), in the order of the text:
 *   7.1 three data sets: training (to fit the parameters), validation (to choose the
 *       hyper-parameters), test (to measure the chosen model once, at the very end). The
 *       structure of main below is that discipline: the test sets stay sealed until step 7.11;
 *   7.2 capacity: a 1-D noisy regression fitted by a ReLU network of width 1..n−1 whose hidden
 *       layer is fixed (least squares on its output layer): training and validation error
 *       against width, the fitted functions at three widths (capacity.svg, capacity-fits.svg);
 *   7.3 bias and variance measured over many training sets (bias-variance.svg,
 *       bias-variance-fits.svg);
 *   7.4 learning curves: error against the number of training examples (learning.svg);
 *   7.5-7.7 a 784-h-10 network on 1000 Fashion-MNIST images: training curves, early stopping,
 *       L2 weight decay and dropout, over several seeds (fashion-curves.svg, weight-decay.svg);
 *   7.8 double descent: random ReLU features through the interpolation threshold p = n
 *       (double-descent.svg);
 *   7.9 the linear model whose expected risk is known in closed form (closed-form.svg);
 *   (7.10 grokking and epoch-wise double descent are told, not run);
 *   7.11 the test sets, opened once.
 * Every number the text quotes is written to results.txt. */
#include "fitting.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Wall-clock seconds, for the narration's "where the time goes" (never in results.txt). */
static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void took(const chapter *ch, const char *what, double *since)
{
    double now = seconds();
    nn_say(&ch->common, "  (%s: %.1f s)\n", what, now - *since);
    *since = now;
}

/* The test sets are sealed: until the end the program holds only what makes them (a random
 * stream, a file name), never their numbers. Opening one twice is a programming error. */
typedef struct {
    nn_rng stream;          /* draws the 1-D test set */
    int points;
    int opened;
} sealed_test;

static sample open_test_set(sealed_test *t, nn_real noise)
{
    if (t->opened++) {
        fprintf(stderr, "07-fitting: the 1-D test set opened a second time\n");
        abort();
    }
    return sample_draw(t->points, noise, &t->stream);
}

/* ---- 7.11 The test sets, read once ------------------------------------------------------ */

/* course:begin test_once */
static void test_chosen_width(chapter *ch, sealed_test *sealed, const sample *train, capacity_choice choice)
{
    sample test = open_test_set(sealed, ch->noise);
    fixed_layer_fits fits;
    fits_all_widths(train, choice.width, &fits);          /* the same fit as in 7.2 */
    nn_real test_mse = fit_mse(&fits, choice.width, &test);
    nn_result_int(ch->run, test.n, "test.points");
    nn_result(ch->run, test_mse, "test.chosen_width_mse");
    nn_say(&ch->common, "  1-D regression, width %d (chosen on validation: %.4f): test MSE %.4f on %d new points\n",
           choice.width, (double)choice.validation_mse, (double)test_mse, test.n);
    fits_free(&fits);
    sample_free(&test);
}
/* course:end test_once */

static void check_flags(const chapter *ch)
{
    const char *p = "07-fitting";
    if (ch->dd_dims >= ch->dd_n) {
        fprintf(stderr, "%s: --dd-dims %d must be below --dd-n %d: the features are ReLU(w.x) of "
                "d-dimensional inputs, and the peak at p = n needs n well above d; try --dd-dims %d\n",
                p, ch->dd_dims, ch->dd_n, ch->dd_n / 5 > 10 ? ch->dd_n / 5 : 10);
        exit(2);
    }
    if (ch->bhx_dims < 2 * ch->bhx_n) {
        fprintf(stderr, "%s: --bhx-dims %d must be at least twice --bhx-n %d, so that the closed form "
                "is tested past p = n + 8 as well as below n - 8; try --bhx-dims %d\n",
                p, ch->bhx_dims, ch->bhx_n, 4 * ch->bhx_n);
        exit(2);
    }
    if (!ch->skip_images && strcmp(ch->data_dir, NN_FASHION_MNIST_DIR) != 0) {
        struct stat st;
        if (stat(ch->data_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: --data %s: no such directory; give the directory that holds the Fashion-MNIST "
                    "IDX files, or --skip-images\n", p, ch->data_dir);
            exit(2);
        }
    }
    if (!ch->skip_images && ch->images + ch->validation_images > 60000) {
        fprintf(stderr, "%s: --images %d plus --validation-images %d exceed the 60000 training images "
                "of Fashion-MNIST; lower one of them\n", p, ch->images, ch->validation_images);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    chapter ch = { .common = nn_common_defaults("figures/07-fitting"),
                   .points = 30, .noise = NN_R(0.4), .draws = 20, .resamples = 200,
                   .data_dir = NN_FASHION_MNIST_DIR, .images = 1000, .validation_images = 2000,
                   .hidden = 64, .epochs = 80, .seeds = 3, .lr = NN_R(2e-3), .dropout = NN_R(0.5),
                   .dd_n = 100, .dd_dims = 20, .dd_reps = 20, .dd_noise = NN_R(0.2),
                   .bhx_n = 30, .bhx_dims = 120, .bhx_reps = 2000 };
    nn_flag flags[] = {
        NN_FLAG_INT_RANGE("--points", &ch.points, 8, 200, "training examples of the 1-D regression (8: the three widths "
                          "of the figure differ; 200: the sweeps stay quick)"),
        NN_FLAG_REAL_RANGE("--noise", &ch.noise, 0.01, 2, "noise sd of the 1-D targets (below 0.01 there is no noise to "
                           "overfit; above 2 it hides f, which ranges over about [-1, 1])"),
        NN_FLAG_INT_RANGE("--draws", &ch.draws, 4, 1000, "more data sets for the spread of the 1-D curves (quartiles need 4)"),
        NN_FLAG_INT_RANGE("--resamples", &ch.resamples, 20, 100000, "training sets R for bias and variance (the figure "
                          "draws 20 of the fits)"),
        NN_FLAG_STRING("--data", &ch.data_dir, "Fashion-MNIST directory (the IDX files, gzipped or not)"),
        NN_FLAG_BOOL("--skip-images", &ch.skip_images, "skip the Fashion-MNIST part (7.5-7.7)"),
        NN_FLAG_INT_RANGE("--images", &ch.images, 100, 50000, "Fashion-MNIST training images (100: ten per class; "
                          "overfitting shows best on a few thousand at most)"),
        NN_FLAG_INT_RANGE("--validation-images", &ch.validation_images, 500, 50000, "Fashion-MNIST validation images, "
                          "taken from the training file (500: a 1-point accuracy difference is then 5 images)"),
        NN_FLAG_INT_RANGE("--hidden", &ch.hidden, 8, 1024, "hidden units h of the 784-h-10 network"),
        NN_FLAG_INT_RANGE("--epochs", &ch.epochs, 5, 1000, "Fashion-MNIST epochs (5: the early-stopping minimum needs "
                          "a few to form)"),
        NN_FLAG_INT_RANGE("--seeds", &ch.seeds, 2, 20, "seeds per Fashion-MNIST configuration (a spread needs 2)"),
        NN_FLAG_REAL_RANGE("--lr", &ch.lr, 1e-5, 0.1, "Adam's learning rate for Fashion-MNIST (above 0.1 it diverges)"),
        NN_FLAG_REAL_RANGE("--dropout", &ch.dropout, 0.05, 0.9, "drop probability of the dropout runs (0.9 keeps one "
                           "unit in ten; 1 would keep none)"),
        NN_FLAG_INT_RANGE("--dd-n", &ch.dd_n, 20, 400, "training examples n of the random-features fits (400: the "
                          "sweep to 20n stays within the time budget)"),
        NN_FLAG_INT_RANGE("--dd-dims", &ch.dd_dims, 10, 200, "input dimension d of the random features (at least 10: "
                          "with fewer the feature matrices are too ill-conditioned for a clean curve)"),
        NN_FLAG_INT_RANGE("--dd-reps", &ch.dd_reps, 5, 500, "repetitions of the random-features sweep (a median needs 5)"),
        NN_FLAG_REAL_RANGE("--dd-noise", &ch.dd_noise, 0.05, 1, "label noise sd sigma of the random-features targets "
                           "(the figure draws 0, sigma and 2 sigma; at 0 it would draw one curve three times)"),
        NN_FLAG_INT_RANGE("--bhx-n", &ch.bhx_n, 20, 200, "training examples n of the closed-form linear model (20: "
                          "the tested range p <= n - 8 is then not empty)"),
        NN_FLAG_INT_RANGE("--bhx-dims", &ch.bhx_dims, 40, 1000, "its input dimension d (at least 2n: see --bhx-n)"),
        NN_FLAG_INT_RANGE("--bhx-reps", &ch.bhx_reps, 100, 100000, "its Monte-Carlo repetitions (100: the standard "
                          "error needs them)"),
    };
    nn_cli_parse(argc, argv, "Chapter 7: underfitting, overfitting and the curves that show them. Writes results.txt, "
                 "data and gnuplot files.", &ch.common, flags, (int)(sizeof flags / sizeof flags[0]));
    check_flags(&ch);
    ch.run = nn_run_start("07-fitting", &ch.common);
    nn_result_int(ch.run, (long)ch.common.seed, "seed");

    /* 7.1 Three data sets. The 1-D training and validation sets are drawn now; the test set
     * only at 7.11. Fashion-MNIST's validation images come from its training file; its test
     * file is not read before 7.11. */
    nn_rng data = part_stream(&ch, STREAM_REGRESSION);
    fixed_layer_fits checked;
    sample train = fitted_training_draw(&ch, ch.points, ch.points - 1, &data, &checked);
    sample validation = sample_draw(500, ch.noise, &data);
    fits_free(&checked);
    sealed_test sealed = { part_stream(&ch, STREAM_TEST_1D), 1000, 0 };

    double t = seconds();
    capacity_choice width = capacity_sweep(&ch, &train, &validation);       /* 7.2 */
    bias_variance(&ch, width.width);                                        /* 7.3 */
    learning_curves(&ch);                                                   /* 7.4 */
    took(&ch, "sections 7.2-7.4", &t);
    fashion_models *models = fashion_mnist(&ch);                            /* 7.5-7.7 */
    took(&ch, "Fashion-MNIST training", &t);
    double_descent(&ch);                                                    /* 7.8 */
    took(&ch, "random features", &t);
    closed_form_check(&ch);                                                 /* 7.9 */
    took(&ch, "closed form", &t);

    nn_say(&ch.common, "\n== 7.11 The test sets, opened once\n");
    test_chosen_width(&ch, &sealed, &train, width);
    fashion_test(&ch, models);
    took(&ch, "the test sets", &t);
    fashion_models_free(models);
    /* in double 0: no design was singular to working precision (see fitted_training_draw) */
    nn_result_int(ch.run, ch.singular, "singular_designs");

    sample_free(&train);
    sample_free(&validation);
    return nn_run_finish(ch.run);
}
