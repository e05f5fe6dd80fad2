/* Chapter 5: optimisation, from gradient descent to Adam.
 *
 * What running it shows (make chapter5), in the order of the text:
 *   5.1 the plain loop of §3.8 (forward, loss, backward, θ ← θ − λ∇) on the library's
 *       network, and each optimiser as a change to its last line (loop.c; loop.svg);
 *   5.2 gradient descent on a quadratic: the error along each eigenvector shrinks by
 *       |1 − λμ_i| per step; convergence iff λ < 2/L (quadratic.c; quad_lr.svg);
 *   5.3 heavy-ball momentum: (√κ − 1)/(√κ + 1) per step against (κ − 1)/(κ + 1)
 *       (quadratic.c; momentum.svg);
 *   5.4 every optimiser's path on a narrow valley, Rosenbrock's and Himmelblau's functions
 *       (paths.c; paths.svg);
 *   5.5 Adam step by step: the bias correction (adam.c; adam.svg);
 *   5.6 batch, mini-batch and one-example SGD on the source's linear regression, against
 *       the normal equations, and on logistic regression (regression.c; modes.svg);
 *   5.7 learning-rate schedules and SGD's noise floor (regression.c; schedules.svg);
 *   5.8 a learning-rate sweep on a network, divergence caught (sweep.c; sweep.svg);
 *   5.9 initialisation: symmetry, and the signal's scale through 20 layers (init.c;
 *       symmetry.svg, depth.svg);
 *   5.10 SGD, momentum and Adam on Fashion-MNIST over several seeds (fashion.c; fashion.svg).
 * Every number the text quotes is in results.txt. */
#include "optimisation.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    chapter ch = { .common = nn_common_defaults("figures/05-optimisation"),
                   .hidden = 2, .loop_steps = 1000, .kappa = 50, .sweep_steps = 400, .depth = 20,
                   .data_dir = NN_FASHION_MNIST_DIR, .train_images = 10000, .val_images = 5000,
                   .epochs = 4, .seeds = 5, .batch = 64, .fashion_hidden = 64 };
    nn_flag flags[] = {
        NN_FLAG_INT_RANGE("--hidden", &ch.hidden, 1, 64,
                          "hidden units h of the 2-h-1 network of 5.1 (the source's model has 2; 64 keeps 10 runs quick)"),
        NN_FLAG_INT_RANGE("--loop-steps", &ch.loop_steps, 10, 100000,
                          "full-batch steps of each run in 5.1 and 5.9 (a run costs about 40 us a step)"),
        NN_FLAG_REAL_RANGE("--kappa", &ch.kappa, 1, 1000,
                           "condition number L/mu of the valley in 5.4 (1: a round bowl; beyond 1000 its 200 steps "
                           "of 1.3/L hardly move along the floor)"),
        NN_FLAG_INT_RANGE("--sweep-steps", &ch.sweep_steps, 10, 100000,
                          "full-batch steps of each of the 13 runs of the learning-rate sweep (5.8)"),
        NN_FLAG_INT_RANGE("--depth", &ch.depth, 2, 100,
                          "layers of the initialisation experiment (5.9); N(0, 1) ReLU layers multiply the signal "
                          "by 8 each, so 100 stays below the largest double"),
        NN_FLAG_STRING("--data", &ch.data_dir, "Fashion-MNIST directory (the four IDX files, gzipped or not)"),
        NN_FLAG_BOOL("--skip-images", &ch.skip_images, "skip the Fashion-MNIST part (5.10)"),
        NN_FLAG_INT_RANGE("--train-images", &ch.train_images, 1000, 59000,
                          "Fashion-MNIST training images used (a fixed subset of the 60000, for the time budget)"),
        NN_FLAG_INT_RANGE("--val-images", &ch.val_images, 500, 30000,
                          "Fashion-MNIST validation images, drawn from the training images not used for training"),
        NN_FLAG_INT_RANGE("--epochs", &ch.epochs, 1, 50, "Fashion-MNIST epochs of every run"),
        NN_FLAG_INT_RANGE("--seeds", &ch.seeds, 2, 20,
                          "Fashion-MNIST seeds (initial weights and batch order): 2 at least, to have a spread"),
        NN_FLAG_INT_RANGE("--batch", &ch.batch, 1, 1000,
                          "Fashion-MNIST mini-batch size (at most the smallest --train-images)"),
        NN_FLAG_INT_RANGE("--fashion-hidden", &ch.fashion_hidden, 1, 1024,
                          "hidden units of the 784-h-10 Fashion-MNIST network"),
    };
    nn_cli_parse(argc, argv, "Chapter 5: optimisation, from gradient descent to Adam. Writes results.txt, "
                 "data and gnuplot files.", &ch.common, flags, (int)(sizeof flags / sizeof flags[0]));
    if (ch.train_images + ch.val_images > 60000) {
        fprintf(stderr, "05-optimisation: --train-images %d and --val-images %d add up to %d, more than the 60000 "
                        "training images; lower one of them\n", ch.train_images, ch.val_images,
                ch.train_images + ch.val_images);
        return 2;
    }
    if (!ch.skip_images)
        ch.have_images = nn_cli_fashion_mnist(&ch.common, "05-optimisation", ch.data_dir, &ch.train, &ch.test,
                                              ch.missing, sizeof ch.missing);
    ch.run = nn_run_start("05-optimisation", &ch.common);
    nn_result_int(ch.run, (long)ch.common.seed, "seed");

    section_loop(&ch);
    section_quadratic(&ch);
    section_momentum(&ch);
    section_paths(&ch);
    section_adam(&ch);
    section_regression(&ch);
    section_schedules(&ch);
    section_sweep(&ch);
    section_init(&ch);
    section_fashion(&ch);

    return nn_run_finish(ch.run);
}
