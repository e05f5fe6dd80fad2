/* 5.10 On real data: SGD, momentum and Adam training the same MLP on Fashion-MNIST.
 *
 * To fit the chapter's time budget the runs use a fixed subset: --train-images images drawn
 * once from the 60 000 training images (10 000 by default) and --val-images others (5 000)
 * as the validation split; the 10 000 test images are read only to measure each final
 * model, once, after every learning rate has been chosen. The network is 784-64-10 (ReLU,
 * He uniform weights, biases 0) on the softmax cross-entropy, mini-batches of 64.
 *
 * Protocol. (1) For each optimiser, a learning rate from a grid of three, chosen by the
 * validation loss after the last epoch, on the first seed. (2) For each of --seeds seeds,
 * one set of initial weights and one order of batches, shared by every optimiser: the
 * optimisers differ in their update only. The spread over the seeds is drawn, and a ranking
 * is stated only when every seed agrees. */
#include "optimisation.h"

#include <stdlib.h>
#include <string.h>

enum { FASHION_CLASSES = 10, EVAL_BATCH = 1000, GRID_LR = 3 };

static const nn_optimizer_kind compared[] = { NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_ADAM };
enum { COMPARED = sizeof compared / sizeof compared[0] };
/* The grids: a factor 3 apart, around each optimiser's usual range for this problem. */
static const nn_real lr_grid[COMPARED][GRID_LR] = {
    { NN_R(0.01), NN_R(0.03), NN_R(0.1) },          /* sgd */
    { NN_R(0.01), NN_R(0.03), NN_R(0.1) },          /* momentum (β = 0.9: up to 10× the step of sgd) */
    { NN_R(0.001), NN_R(0.003), NN_R(0.01) },       /* adam */
};

typedef struct {
    nn_image_set train, test;           /* all 60 000, and the test set */
    int *subset, *validation;           /* indices into train */
    int n_subset, n_validation;
    int *test_idx;                      /* 0..9999 */
} fashion_data;

/* Mean loss and accuracy over the images idx[0..n-1] of s, EVAL_BATCH at a time. */
static void evaluate(nn_network *net, const nn_image_set *s, const int *idx, int n, nn_real *loss, nn_real *accuracy)
{
    nn_matrix X = nn_matrix_new(EVAL_BATCH, s->dim), Y = nn_matrix_new(EVAL_BATCH, FASHION_CLASSES);
    int labels[EVAL_BATCH], pred[EVAL_BATCH];
    nn_loss ce = nn_loss_make(NN_LOSS_SOFTMAX_CE);
    double total = 0;
    long correct = 0;
    for (int first = 0; first < n; first += EVAL_BATCH) {
        int count = n - first < EVAL_BATCH ? n - first : EVAL_BATCH;
        nn_matrix Xb = nn_matrix_row_range(X, 0, count), Yb = nn_matrix_row_range(Y, 0, count);
        nn_image_batch(s, idx + first, count, Xb, Yb, labels);
        nn_matrix Z = nn_network_forward(net, Xb, NULL);
        total += (double)nn_loss_forward(ce, Z, Yb) * count;
        nn_argmax_rows(Z, pred);
        for (int i = 0; i < count; i++) correct += pred[i] == labels[i];
    }
    *loss = (nn_real)(total / n);
    *accuracy = (nn_real)correct / n;
    nn_matrix_free(&X);
    nn_matrix_free(&Y);
}

/* One run's record, per epoch e = 1..epochs (index e − 1). */
typedef struct {
    nn_real *train_loss, *val_loss, *val_accuracy;
    int diverged_epoch;                 /* 0 if the run stayed finite */
} fashion_curve;

/* course:begin fashion_run */
/* Trains net from θ₀ with one optimiser for `epochs` epochs over the subset, in mini-batches
 * whose order comes from order_seed alone (so every optimiser sees the same batches). */
static void fashion_run(const fashion_data *d, nn_network *net, const nn_real *theta0, nn_optimizer_kind kind,
                        nn_real lr, int epochs, int batch, uint64_t order_seed, fashion_curve *out,
                        const nn_common_flags *common)
{
    memcpy(net->params, theta0, sizeof(nn_real) * net->n_params);
    nn_optimizer *opt = nn_optimizer_new(nn_optimizer_defaults(kind), net->n_params);
    nn_batcher *batches = nn_batcher_new(d->n_subset, batch);
    nn_matrix X = nn_matrix_new(batch, d->train.dim), Y = nn_matrix_new(batch, FASHION_CLASSES);
    int *idx = malloc(sizeof(int) * (size_t)batch);
    nn_loss ce = nn_loss_make(NN_LOSS_SOFTMAX_CE);
    nn_divergence watch = nn_divergence_start("lr", lr, 10);
    nn_rng order;
    nn_rng_seed(&order, order_seed);
    char when[32], msg[256];
    nn_progress progress;                                           /* on a terminal only */
    nn_progress_start(&progress, common, nn_optimizer_name(kind), (long)epochs * ((d->n_subset + batch - 1) / batch));
    long steps = 0;
    out->diverged_epoch = 0;
    for (int e = 1; e <= epochs && !out->diverged_epoch; e++) {
        nn_batcher_shuffle(batches, &order);
        const int *pos;
        int count;
        double total = 0;
        while ((count = nn_batcher_next(batches, &pos)) > 0) {
            for (int i = 0; i < count; i++) idx[i] = d->subset[pos[i]];
            nn_matrix Xb = nn_matrix_row_range(X, 0, count), Yb = nn_matrix_row_range(Y, 0, count);
            nn_image_batch(&d->train, idx, count, Xb, Yb, NULL);     /* pixels / 255, one-hot */
            nn_real L = nn_network_loss_grad(net, Xb, Yb, ce, NULL); /* forward, loss, backward */
            nn_optimizer_step(opt, net->params, net->grads, lr);     /* the only line that differs */
            total += (double)L * count;
            if (++steps % 20 == 0) nn_progress_update(&progress, steps, "epoch %d", e);
        }
        out->train_loss[e - 1] = (nn_real)(total / d->n_subset);
        snprintf(when, sizeof when, "epoch %d", e);
        if (nn_divergence_check(&watch, out->train_loss[e - 1], when, msg, sizeof msg)) {
            out->diverged_epoch = e;
            break;
        }
        evaluate(net, &d->train, d->validation, d->n_validation, &out->val_loss[e - 1], &out->val_accuracy[e - 1]);
    }
    nn_progress_end(&progress);
    free(idx);
    nn_matrix_free(&X);
    nn_matrix_free(&Y);
    nn_batcher_free(batches);
    nn_optimizer_free(opt);
}
/* course:end fashion_run */

/* The 784-h-10 network with the weights of `seed` (He uniform, biases 0). */
static nn_network *fashion_network(int hidden, uint64_t seed)
{
    nn_layer_spec spec[2] = { { hidden, nn_activation_make(NN_RELU), 0 },
                              { FASHION_CLASSES, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(784, 2, spec);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_network_init(net, nn_init_make(NN_INIT_HE_UNIFORM, 0, 0), nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    return net;
}

static fashion_curve curve_new(int epochs)
{
    fashion_curve c = { calloc((size_t)epochs, sizeof(nn_real)), calloc((size_t)epochs, sizeof(nn_real)),
                        calloc((size_t)epochs, sizeof(nn_real)), 0 };
    return c;
}

static void curve_free(fashion_curve *c)
{
    free(c->train_loss);
    free(c->val_loss);
    free(c->val_accuracy);
}

/* min, mean, max of count numbers */
static void min_mean_max(const nn_real *v, int count, nn_real *lo, nn_real *mean, nn_real *hi)
{
    double sum = 0;
    *lo = *hi = v[0];
    for (int i = 0; i < count; i++) {
        sum += v[i];
        *lo = fmin(*lo, v[i]);
        *hi = fmax(*hi, v[i]);
    }
    *mean = (nn_real)(sum / count);
}

typedef struct { nn_real lo, mean, hi; } spread3;

/* min, mean and max over the seeds, written as fashion.<optimiser>.<what>_{mean,min,max} */
static spread3 record_spread(chapter *ch, const nn_real *v, int count, const char *name, const char *what)
{
    spread3 r;
    min_mean_max(v, count, &r.lo, &r.mean, &r.hi);
    nn_result(ch->run, r.mean, "fashion.%s.%s_mean", name, what);
    nn_result(ch->run, r.lo, "fashion.%s.%s_min", name, what);
    nn_result(ch->run, r.hi, "fashion.%s.%s_max", name, what);
    return r;
}

/* The fixed split: a permutation of the 60 000 training images from its own seed (not the
 * chapter's --seed, so that every run of the course uses the same subset). */
static void split(fashion_data *d, int n_subset, int n_validation)
{
    int n = d->train.n;
    int *order = malloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) order[i] = i;
    nn_rng rng;
    nn_rng_seed(&rng, 20170825);        /* Fashion-MNIST's release date */
    nn_rng_shuffle(&rng, order, (size_t)n);
    d->subset = malloc(sizeof(int) * (size_t)n_subset);
    d->validation = malloc(sizeof(int) * (size_t)n_validation);
    memcpy(d->subset, order, sizeof(int) * (size_t)n_subset);
    memcpy(d->validation, order + n_subset, sizeof(int) * (size_t)n_validation);
    d->n_subset = n_subset;
    d->n_validation = n_validation;
    d->test_idx = malloc(sizeof(int) * (size_t)d->test.n);
    for (int i = 0; i < d->test.n; i++) d->test_idx[i] = i;
    free(order);
}

void section_fashion(chapter *ch)
{
    const nn_common_flags *c = &ch->common;
    nn_say(c, "\n5.10 Fashion-MNIST: SGD, momentum and Adam from the same weights and batches\n");
    nn_result_int(ch->run, ch->train_images, "fashion.train_images");
    nn_result_int(ch->run, ch->val_images, "fashion.validation_images");
    nn_result_int(ch->run, ch->epochs, "fashion.epochs");
    nn_result_int(ch->run, ch->seeds, "fashion.seeds");
    nn_result_int(ch->run, ch->batch, "fashion.batch");
    nn_result_int(ch->run, ch->fashion_hidden, "fashion.hidden");
    if (ch->skip_images) {
        nn_say(c, "  skipped (--skip-images)\n");
        nn_result_text(ch->run, "skipped: --skip-images", "fashion.status");
        return;
    }
    if (!ch->have_images) {
        /* said even with --quiet: a part of the course is missing, and how to get it */
        fprintf(stderr, "05-optimisation: Fashion-MNIST is not installed, so section 5.10 is skipped (the rest of "
                        "the chapter is complete):\n  %s\n", ch->missing);
        nn_result_text(ch->run, "skipped: data set not found; " NN_FASHION_MNIST_INSTALL, "fashion.status");
        return;
    }
    fashion_data d = { .train = ch->train, .test = ch->test };   /* owned by the chapter */
    nn_result_text(ch->run, "trained", "fashion.status");
    split(&d, ch->train_images, ch->val_images);
    int E = ch->epochs, S = ch->seeds;
    nn_network *net = fashion_network(ch->fashion_hidden, c->seed);
    nn_real *theta0 = malloc(sizeof(nn_real) * net->n_params);          /* θ₀, copied into every run */
    memcpy(theta0, net->params, sizeof(nn_real) * net->n_params);
    nn_result_int(ch->run, (long)net->n_params, "fashion.params");
    nn_say(c, "  784-%d-10 ReLU (%zu parameters), %d training and %d validation images of the 60000, batches of %d, "
           "%d epochs\n", ch->fashion_hidden, net->n_params, d.n_subset, d.n_validation, ch->batch, E);

    /* (1) the learning rates, on the validation split, first seed */
    nn_real chosen[COMPARED];
    nn_table *select = nn_table_open(ch->run, "fashion_select.dat",
                                     "optimiser lr validation_loss validation_accuracy (optimiser: 0 sgd, 1 momentum, 2 adam)");
    fashion_curve cv = curve_new(E);
    for (int k = 0; k < COMPARED; k++) {
        const char *name = nn_optimizer_name(compared[k]);
        int best = -1;
        nn_real best_loss = 0;
        for (int j = 0; j < GRID_LR; j++) {
            fashion_run(&d, net, theta0, compared[k], lr_grid[k][j], E, ch->batch, c->seed, &cv, c);
            int ok = !cv.diverged_epoch;
            nn_real vl = ok ? cv.val_loss[E - 1] : 0, va = ok ? cv.val_accuracy[E - 1] : 0;
            nn_table_row(select, k, lr_grid[k][j], vl, va);
            nn_result(ch->run, vl, "fashion.select.%s.lr%d.validation_loss", name, j + 1);
            nn_say(c, "  %-9s lr %-7g validation loss %.4f accuracy %.4f%s\n", name, (double)lr_grid[k][j], (double)vl,
                   (double)va, ok ? "" : " (diverged)");
            if (ok && (best < 0 || vl < best_loss)) { best = j; best_loss = vl; }
        }
        if (best < 0) nn_run_fail(ch->run, 1, "5.10: %s diverged at every learning rate of its grid", name);
        chosen[k] = lr_grid[k][best];
        nn_result(ch->run, chosen[k], "fashion.%s.lr", name);
        nn_result_int(ch->run, best == 0 || best == GRID_LR - 1, "fashion.%s.lr_at_grid_edge", name);
    }

    /* (2) every optimiser from the same weights and batches, for each seed */
    fashion_curve runs[COMPARED][32];
    nn_real test_acc[COMPARED][32], test_loss[COMPARED][32];
    for (int s = 0; s < S; s++) {
        uint64_t seed = c->seed + (uint64_t)s;
        nn_network_free(net);
        net = fashion_network(ch->fashion_hidden, seed);
        memcpy(theta0, net->params, sizeof(nn_real) * net->n_params);
        for (int k = 0; k < COMPARED; k++) {
            runs[k][s] = curve_new(E);
            fashion_run(&d, net, theta0, compared[k], chosen[k], E, ch->batch, seed, &runs[k][s], c);
            if (runs[k][s].diverged_epoch)
                nn_run_fail(ch->run, 1, "5.10: %s diverged at lr %g with seed %llu; its grid in fashion.c is too high",
                            nn_optimizer_name(compared[k]), (double)chosen[k], (unsigned long long)seed);
            evaluate(net, &d.test, d.test_idx, d.test.n, &test_loss[k][s], &test_acc[k][s]);   /* once */
        }
        nn_say(c, "  seed %llu: test accuracy sgd %.4f, momentum %.4f, adam %.4f\n", (unsigned long long)seed,
               (double)test_acc[0][s], (double)test_acc[1][s], (double)test_acc[2][s]);
    }

    /* the spread, and which orderings every seed agrees on */
    nn_table *epochs = nn_table_open(ch->run, "fashion_epochs.dat",
                                     "epoch sgd_loss sgd_lo sgd_hi momentum_loss momentum_lo momentum_hi adam_loss adam_lo "
                                     "adam_hi sgd_acc sgd_acc_lo sgd_acc_hi momentum_acc momentum_acc_lo momentum_acc_hi "
                                     "adam_acc adam_acc_lo adam_acc_hi (training loss, validation accuracy: mean, min, max "
                                     "over seeds)");
    for (int e = 0; e < E; e++) {
        double row[1 + 6 * COMPARED] = { e + 1 };
        for (int k = 0; k < COMPARED; k++) {
            nn_real v[32] = { 0 }, lo, mean, hi;
            for (int s = 0; s < S; s++) v[s] = runs[k][s].train_loss[e];
            min_mean_max(v, S, &lo, &mean, &hi);
            row[1 + 3 * k] = mean; row[2 + 3 * k] = lo; row[3 + 3 * k] = hi;
            for (int s = 0; s < S; s++) v[s] = runs[k][s].val_accuracy[e];
            min_mean_max(v, S, &lo, &mean, &hi);
            row[1 + 3 * COMPARED + 3 * k] = mean; row[2 + 3 * COMPARED + 3 * k] = lo; row[3 + 3 * COMPARED + 3 * k] = hi;
        }
        nn_table_add(epochs, row, 1 + 6 * COMPARED);
    }
    nn_table *tests = nn_table_open(ch->run, "fashion_test.dat", "optimiser seed test_accuracy test_loss");
    for (int k = 0; k < COMPARED; k++) {
        const char *name = nn_optimizer_name(compared[k]);
        nn_real v[32];
        for (int s = 0; s < S; s++) {
            v[s] = test_acc[k][s];
            nn_table_row(tests, k, s + 1, test_acc[k][s], test_loss[k][s]);
        }
        spread3 acc = record_spread(ch, v, S, name, "test_accuracy");
        for (int s = 0; s < S; s++) v[s] = runs[k][s].train_loss[E - 1];
        spread3 loss = record_spread(ch, v, S, name, "train_loss");
        for (int s = 0; s < S; s++) v[s] = runs[k][s].val_accuracy[E - 1];
        record_spread(ch, v, S, name, "validation_accuracy");
        nn_say(c, "  %-9s lr %-7g last-epoch training loss %.4f (%.4f to %.4f), test accuracy %.4f (%.4f to %.4f)\n", name,
               (double)chosen[k], (double)loss.mean, (double)loss.lo, (double)loss.hi, (double)acc.mean, (double)acc.lo,
               (double)acc.hi);
    }
    /* pairs (a, b): on how many seeds a's final training loss is below b's, and a's test accuracy above b's */
    for (int a = 0; a < COMPARED; a++)
        for (int b = 0; b < COMPARED; b++) {
            if (a == b) continue;
            int loss_wins = 0, acc_wins = 0;
            for (int s = 0; s < S; s++) {
                loss_wins += runs[a][s].train_loss[E - 1] < runs[b][s].train_loss[E - 1];
                acc_wins += test_acc[a][s] > test_acc[b][s];
            }
            nn_result_int(ch->run, loss_wins, "fashion.seeds_where.%s.train_loss_below.%s", nn_optimizer_name(compared[a]),
                          nn_optimizer_name(compared[b]));
            nn_result_int(ch->run, acc_wins, "fashion.seeds_where.%s.test_accuracy_above.%s",
                          nn_optimizer_name(compared[a]), nn_optimizer_name(compared[b]));
        }
    FILE *gp = nn_figure(ch->run, "fashion", NULL, NULL, NULL);
    fprintf(gp, "eval size(1200, 440)\nset multiplot layout 1,3 title 'Fashion-MNIST, 784-%d-10 ReLU, %d training "
                "images, batches of %d: the same weights and batches for each optimiser (bands and bars: min to max over "
                "%d seeds)'\nset style fill transparent solid 0.2 noborder\nset key top right font ',10'\n"
                "set title '(a) training loss (mean over each epoch)'\nset xlabel 'epoch'\nset ylabel 'cross-entropy'\n"
                "set xtics 1\n"
                "plot for [k=0:2] 'fashion_epochs.dat' using 1:(column(3+3*k)):(column(4+3*k)) with filledcurves ls (k+1) notitle, \\\n"
                "     for [k=0:2] '' using 1:(column(2+3*k)) with linespoints ls (k+1) title word('sgd momentum adam', k+1)\n"
                "set title '(b) validation accuracy (after each epoch)'\nset ylabel 'fraction correct'\nset key bottom right\n"
                "plot for [k=0:2] 'fashion_epochs.dat' using 1:(column(12+3*k)):(column(13+3*k)) with filledcurves ls (k+1) notitle, \\\n"
                "     for [k=0:2] '' using 1:(column(11+3*k)) with linespoints ls (k+1) title word('sgd momentum adam', k+1)\n"
                "set title '(c) test accuracy, each seed (read once)'\nset xlabel 'optimiser'\n"
                "set xtics ('sgd' 0, 'momentum' 1, 'adam' 2)\nset xrange [-0.5:2.5]\nset key off\n"
                "plot 'fashion_test.dat' using ($1 + ($2 - 3) * 0.06):3:($1+1) with points pt 7 ps 1 lc variable notitle\n"
                "unset multiplot\n", ch->fashion_hidden, d.n_subset, ch->batch, S);
    for (int k = 0; k < COMPARED; k++)
        for (int s = 0; s < S; s++) curve_free(&runs[k][s]);
    curve_free(&cv);
    free(theta0);
    nn_network_free(net);
    free(d.subset);
    free(d.validation);
    free(d.test_idx);
    nn_image_set_free(&ch->train);
    nn_image_set_free(&ch->test);
}
