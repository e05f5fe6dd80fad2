/* Chapter 4: loss functions, where each comes from, what it estimates, how it fails.
 *
 * What running it shows (make chapter4), in the order of the text:
 *   1. what chapter 1 took on credit: Rosenblatt's rule is SGD on the perceptron loss
 *      max(0, −t·z), checked update by update on chapter 1's data (credit.c);
 *   2. losses from likelihood: Gaussian noise gives the squared error, Laplace noise the
 *      absolute error, Bernoulli and categorical labels the cross-entropies, up to a
 *      constant that is measured (likelihood.c; noise.svg);
 *   3. what a loss estimates: a constant fitted to a skewed sample lands on the mean
 *      (MSE), a median (MAE) or in between (Huber); one outlier moved far away drags only
 *      the mean; a line fitted through outliers (estimates.c; constant.svg,
 *      regression-losses.svg, line-fit.svg);
 *   4. cross-entropy done right: the naive formulas overflow to Inf and NaN, the
 *      log-sum-exp forms stay exact (cross_entropy.c; naive-bce.svg);
 *   5. margin losses against the 0-1 loss, and a linear classifier trained under each on
 *      data with a few mislabelled far-away points (margins.c; margin-losses.svg,
 *      margin-fit.svg, margin-angles.svg);
 *   6. loss is not accuracy: a run where the validation loss climbs while the accuracy has
 *      stopped moving, over several seeds (images.c; loss-accuracy.svg);
 *   7. metrics and the threshold on Fashion-MNIST, one class against the nine others:
 *      accuracy, precision, recall and F1 against the threshold, the precision-recall and
 *      ROC curves, the AUC (images.c; threshold.svg, pr-roc.svg).
 * Every number the text quotes is written to results.txt. */
#include <stdio.h>
#include "losses.h"

int main(int argc, char **argv)
{
    chapter ch = { .common = nn_common_defaults("figures/04-losses"), .data_dir = NN_FASHION_MNIST_DIR,
                   .seeds = 10, .outliers = 4, .margin_lr = NN_R(0.2), .image_seeds = 5, .train_images = 150, .epochs = 1000, .lr = NN_R(0.01),
                   .positive = 6 };
    nn_flag flags[] = {
        NN_FLAG_STRING("--data", &ch.data_dir, "Fashion-MNIST directory (the four IDX files, gzipped or not)"),
        NN_FLAG_BOOL("--skip-images", &ch.skip_images, "skip the two Fashion-MNIST parts (loss vs accuracy, metrics)"),
        NN_FLAG_INT_RANGE("--seeds", &ch.seeds, 3, 30,
                          "runs of each stochastic comparison, seeds --seed, --seed+1, ...: at least 3 "
                          "for a spread, at most 30 to keep the chapter short"),
        NN_FLAG_INT_RANGE("--outliers", &ch.outliers, 1, 20,
                          "mislabelled far-away points added to the 200 of the margin experiment: "
                          "at least 1 to have something to resist, at most 20 (10%) so that they stay outliers"),
        NN_FLAG_REAL_RANGE("--margin-lr", &ch.margin_lr, 1e-3, 0.5,
                           "gradient descent's step in the margin experiment: below 1e-3 the 3000 steps "
                           "do not converge; at 1 the quadratic loss, whose curvature the far points make "
                           "large, overshoots and diverges"),
        NN_FLAG_INT_RANGE("--image-seeds", &ch.image_seeds, 3, 10,
                          "training subsets of the loss-vs-accuracy run: at least 3 for a spread, at most 10 "
                          "(each takes about a second)"),
        NN_FLAG_INT_RANGE("--train-images", &ch.train_images, 20, 400,
                          "training images of the loss-vs-accuracy run: at most 400, fewer than the 784 "
                          "pixels by a wide margin, so that a line separates them and the training loss goes to 0"),
        NN_FLAG_INT_RANGE("--epochs", &ch.epochs, 50, 5000,
                          "full-batch epochs of the loss-vs-accuracy run, a multiple of 5: at least 50 to pass the "
                          "lowest validation loss, at most 5000 (five times the default's time)"),
        NN_FLAG_REAL_RANGE("--lr", &ch.lr, 1e-3, 0.1,
                           "Adam's step in the two Fashion-MNIST parts (Adam moves each weight by about this "
                           "much per step): below 1e-3 the loss-vs-accuracy run needs more than the default "
                           "epochs to pass its lowest validation loss; above 0.1 one step shifts a logit by "
                           "tens (0.1 times the ~220 summed pixel values of an average image)"),
        NN_FLAG_INT_RANGE("--positive", &ch.positive, 0, 9,
                          "the Fashion-MNIST class (0-9) that the metrics part detects against the nine others"),
    };
    nn_cli_parse(argc, argv, "Chapter 4: loss functions. Writes results.txt, data and gnuplot files.",
                 &ch.common, flags, (int)(sizeof flags / sizeof flags[0]));
    /* Everything that can be refused is refused before the run writes anything. */
    if (ch.epochs % EVAL_EVERY) {
        fprintf(stderr, "04-losses: --epochs %d: the validation set is measured every %d epochs, so the "
                        "epochs must be a multiple of %d; try --epochs %d\n", ch.epochs, EVAL_EVERY, EVAL_EVERY,
                ch.epochs / EVAL_EVERY * EVAL_EVERY);
        return 2;
    }
    char missing[1200];
    if (!ch.skip_images && !nn_cli_fashion_mnist(&ch.common, "04-losses", ch.data_dir, &ch.train, &ch.test,
                                                 missing, sizeof missing)) {
        /* said even with --quiet: a part of the course is missing, and how to get it */
        fprintf(stderr, "04-losses: Fashion-MNIST is not installed, so the two image parts are skipped (the "
                        "rest of the chapter is complete):\n  %s\n", missing);
        ch.skip_images = true;
    }
    ch.run = nn_run_start("04-losses", &ch.common);
    nn_result_int(ch.run, (long)ch.common.seed, "seed");

    part_credit(&ch);
    part_likelihood(&ch);
    part_estimates(&ch);
    part_cross_entropy(&ch);
    part_margins(&ch);
    part_images(&ch);

    if (!ch.skip_images) {
        nn_image_set_free(&ch.train);
        nn_image_set_free(&ch.test);
    }
    return nn_run_finish(ch.run);
}
