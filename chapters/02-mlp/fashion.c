/* An image classifier: Fashion-MNIST with a 784-p-10 MLP (p = 100 hidden units).
 *
 * Each 28×28 grey image is flattened to a row of d = 784 numbers in [0, 1]; a batch of n
 * images is an n×784 matrix X. The network computes
 *     H = relu(X W1ᵀ + 1 b1ᵀ)   (n×p),     Z = H W2ᵀ + 1 b2ᵀ   (n×K logits, K = 10 classes)
 * and is trained on the mean softmax cross-entropy L = mean over the batch of lse(z) − z_y,
 * straight from the logits (the output layer is the identity; the loss applies the softmax
 * in its stable form). 15 epochs of mini-batches of n = 128, Adam with λ falling from 0.002
 * to 0 along a cosine (the schedules are chapter 5's subject). After each epoch it measures
 * the test set; at the end, the confusion matrix, the hidden units that no training image
 * activates, and the first layer's weights, one 28×28 image per hidden unit. */
#include "mlp.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define EVAL_BATCH 1000

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Mean loss and accuracy over a whole image set, EVAL_BATCH images at a time; the
 * predictions go to `predicted` when it is not NULL, and each hidden unit's count of
 * images that activate it is added to times_active when that is not NULL. */
static void evaluate(nn_network *net, const nn_image_set *s, nn_real *loss, nn_real *accuracy,
                     int *predicted, long *times_active)
{
    nn_matrix X = nn_matrix_new(EVAL_BATCH, s->dim), Y = nn_matrix_new(EVAL_BATCH, 10);
    int labels[EVAL_BATCH], pred[EVAL_BATCH];
    int *all_idx = malloc(sizeof(int) * (size_t)s->n);
    for (int i = 0; i < s->n; i++) all_idx[i] = i;
    nn_real total = 0;
    long correct = 0;
    nn_loss ce = nn_loss_make(NN_LOSS_SOFTMAX_CE);
    for (int first = 0; first < s->n; first += EVAL_BATCH) {
        int count = s->n - first < EVAL_BATCH ? s->n - first : EVAL_BATCH;
        nn_matrix Xb = nn_matrix_row_range(X, 0, count), Yb = nn_matrix_row_range(Y, 0, count);
        nn_image_batch(s, all_idx + first, count, Xb, Yb, labels);
        nn_matrix Z = nn_network_forward(net, Xb, NULL);
        total += nn_loss_forward(ce, Z, Yb) * count;
        nn_argmax_rows(Z, pred);
        for (int i = 0; i < count; i++) {
            correct += pred[i] == labels[i];
            if (predicted) predicted[first + i] = pred[i];
        }
        if (times_active)           /* how often each hidden unit's relu is non-zero */
            for (int i = 0; i < count; i++)
                for (int j = 0; j < net->layers[0].out; j++)
                    times_active[j] += NN_AT(net->A[0], i, j) > 0;
    }
    *loss = total / s->n;
    *accuracy = (nn_real)correct / s->n;
    free(all_idx);
    nn_matrix_free(&X);
    nn_matrix_free(&Y);
}

/* One epoch over shuffled mini-batches. Returns the mean training loss over the epoch's
 * batches (the weights move during the epoch) and their accuracy, measured on each
 * batch's logits before its update. */
/* course:begin fashion_epoch */
static void train_epoch(ch2_context *cx, nn_network *net, nn_optimizer *opt,
                        nn_schedule schedule, nn_batcher *batches, const nn_image_set *train,
                        nn_matrix X, nn_matrix Y, int epoch, nn_real *loss, nn_real *accuracy)
{
    nn_loss ce = nn_loss_make(NN_LOSS_SOFTMAX_CE);
    int *labels = malloc(sizeof(int) * (size_t)X.rows), *pred = malloc(sizeof(int) * (size_t)X.rows);
    nn_real total = 0;
    long correct = 0, seen = 0, step = 0;
    char what[64];
    char loss_at[80];
    snprintf(what, sizeof what, "Fashion-MNIST epoch %d", epoch);
    snprintf(loss_at, sizeof loss_at, "loss at Fashion-MNIST epoch %d", epoch);
    nn_progress progress;
    nn_progress_start(&progress, &cx->common, what, (train->n + X.rows - 1) / X.rows);
    nn_batcher_shuffle(batches, &cx->rng);
    const int *idx;
    int count;
    while ((count = nn_batcher_next(batches, &idx)) > 0) {
        nn_matrix Xb = nn_matrix_row_range(X, 0, count), Yb = nn_matrix_row_range(Y, 0, count);
        nn_image_batch(train, idx, count, Xb, Yb, labels);       /* pixels / 255, one-hot */
        nn_real L = nn_network_loss_grad(net, Xb, Yb, ce, NULL); /* forward, loss, backward */
        nn_check_finite(L, loss_at, "lower the learning rate (--lr)");
        nn_argmax_rows(nn_matrix_row_range(net->A[net->n_layers - 1], 0, count), pred);
        nn_optimizer_step(opt, net->params, net->grads, nn_schedule_lr(schedule, opt->t));
        total += L * count;
        seen += count;
        for (int i = 0; i < count; i++) correct += pred[i] == labels[i];
        if (++step % 50 == 0) nn_progress_update(&progress, step, "loss %.4f", (double)(total / seen));
    }
    nn_progress_end(&progress);
    *loss = total / seen;
    *accuracy = (nn_real)correct / seen;
    free(labels);
    free(pred);
}
/* course:end fashion_epoch */

static void key_of(char *key, size_t len, const char *prefix, const char *class_name)
{
    size_t k = (size_t)snprintf(key, len, "%s", prefix);
    for (const char *c = class_name; *c && k + 1 < len; c++)
        key[k++] = isalnum((unsigned char)*c) ? (char)tolower((unsigned char)*c) : '_';
    key[k] = 0;
}

static void report_classes(ch2_context *cx, const int *C)
{
    int worst_t = 0, worst_p = 1;
    for (int t = 0; t < 10; t++) {
        long row = 0;
        for (int p = 0; p < 10; p++) {
            row += C[t * 10 + p];
            if (p != t && C[t * 10 + p] > C[worst_t * 10 + worst_p]) { worst_t = t; worst_p = p; }
        }
        nn_real recall = row ? (nn_real)C[t * 11] / row : 0;
        char key[96];
        key_of(key, sizeof key, "fashion_recall_", nn_fashion_mnist_classes[t]);
        nn_result(cx->run, recall, "%s", key);
        nn_say(&cx->common, "  %-12s %.3f of its test images recognised\n",
               nn_fashion_mnist_classes[t], (double)recall);
    }
    nn_say(&cx->common, "  most frequent confusion: %s taken for %s, %d times\n",
           nn_fashion_mnist_classes[worst_t], nn_fashion_mnist_classes[worst_p], C[worst_t * 10 + worst_p]);
    nn_result_text(cx->run, nn_fashion_mnist_classes[worst_t], "fashion_top_confusion_true");
    nn_result_text(cx->run, nn_fashion_mnist_classes[worst_p], "fashion_top_confusion_predicted");
    nn_result_int(cx->run, C[worst_t * 10 + worst_p], "fashion_top_confusion_count");
}

/* Divergence, checked after each epoch: a mean training loss more than 10 times the
 * first epoch's (nn_divergence), or a hidden layer whose every ReLU is 0 on the first
 * PROBE training images. The second is what too large a step does here: at --lr 1 the
 * loss stays finite, near ln 10 = 2.303, while the network has stopped depending on its
 * input (test accuracy 0.100, chance), so only looking at the units shows it. */
#define PROBE 1000

typedef struct {
    nn_divergence loss;
    nn_matrix probe;            /* the first PROBE training images */
} diverging;

static diverging diverging_start(const ch2_context *cx, const nn_image_set *train)
{
    diverging d = { nn_divergence_start("--lr", (double)cx->lr, 10), { 0, 0, NULL } };
    int n = train->n < PROBE ? train->n : PROBE;
    d.probe = nn_matrix_new(n, train->dim);
    nn_image_batch(train, NULL, n, d.probe, (nn_matrix){ 0, 0, NULL }, NULL);
    return d;
}

static void diverging_check(ch2_context *cx, diverging *d, nn_network *net, int epoch, nn_real loss)
{
    char when[64], msg[512];
    snprintf(when, sizeof when, "Fashion-MNIST epoch %d", epoch);
    if (nn_divergence_check(&d->loss, (double)loss, when, msg, sizeof msg) != 0)
        nn_run_fail(cx->run, 1, "%s", msg);
    int dead = nn_dead_units(net, d->probe, 0), units = net->layers[0].out;
    if (dead == units)
        nn_run_fail(cx->run, 1, "diverged: after epoch %d all %d hidden units are dead (their ReLU is "
                                "0 on each of the first %d training images, so no gradient reaches "
                                "them again and the output no longer depends on the image); the "
                                "learning rate --lr %g is too large: try --lr %g", epoch, units,
                    d->probe.rows, (double)cx->lr, (double)cx->lr / 10);
}

static nn_network *image_network(int inputs, int hidden, nn_rng *rng)
{
    nn_layer_spec spec[2] = { { hidden, nn_activation_make(NN_RELU), 0 },
                              { 10, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(inputs, 2, spec);
    nn_network_init(net, nn_init_make(NN_INIT_HE_UNIFORM, 0, 0), nn_init_make(NN_INIT_ZEROS, 0, 0),
                    rng);
    return net;
}

static void train_and_report(ch2_context *cx, const nn_image_set *train, const nn_image_set *test)
{
    const nn_common_flags *c = &cx->common;
    nn_network *net = image_network(train->dim, cx->hidden, &cx->rng);
    nn_optimizer_config config = nn_optimizer_defaults(NN_OPT_ADAM);
    config.lr = cx->lr;
    nn_optimizer *opt = nn_optimizer_new(config, net->n_params);
    nn_batcher *batches = nn_batcher_new(train->n, cx->batch);
    /* the step size falls from lr to 0 along half a cosine over the whole run */
    long steps_per_epoch = (train->n + cx->batch - 1) / cx->batch;
    nn_schedule schedule = { NN_LR_COSINE, cx->lr, 1, 0, 1, steps_per_epoch * cx->epochs };
    nn_matrix X = nn_matrix_new(cx->batch, train->dim), Y = nn_matrix_new(cx->batch, 10);
    nn_matrix curve = nn_matrix_new(cx->epochs, 5);
    nn_say(c, "  784-%d-10 ReLU, %zu parameters; Adam lr %g to 0 (cosine), batches of %d, %d epochs\n",
           cx->hidden, net->n_params, (double)cx->lr, cx->batch, cx->epochs);
    nn_say(c, "  epoch  train loss  train acc  test loss  test acc   seconds\n");
    double t0 = seconds_now(), t_eval = 0;
    diverging watch = diverging_start(cx, train);
    for (int e = 1; e <= cx->epochs; e++) {
        nn_real tl, ta, vl, va;
        train_epoch(cx, net, opt, schedule, batches, train, X, Y, e, &tl, &ta);
        diverging_check(cx, &watch, net, e, tl);
        double t1 = seconds_now();
        evaluate(net, test, &vl, &va, NULL, NULL);
        t_eval += seconds_now() - t1;
        nn_real row[5] = { e, tl, ta, vl, va };
        for (int j = 0; j < 5; j++) NN_AT(curve, e - 1, j) = row[j];
        nn_say(c, "  %5d  %10.4f  %9.4f  %9.4f  %8.4f  %8.1f\n", e, (double)tl, (double)ta,
               (double)vl, (double)va, seconds_now() - t0);
    }
    figure_fashion_curves(cx->run, curve, cx->hidden);
    nn_say(c, "  training took %.1f s (of which %.1f s measuring the test set)\n",
           seconds_now() - t0, t_eval);

    int *pred = malloc(sizeof(int) * (size_t)test->n), *truth = malloc(sizeof(int) * (size_t)test->n);
    nn_real test_loss, test_acc;
    evaluate(net, test, &test_loss, &test_acc, pred, NULL);
    /* A unit that no training image activates gets no gradient from any batch: dead. */
    long *times_active = calloc((size_t)cx->hidden, sizeof(long));
    nn_real final_train_loss, final_train_acc;
    evaluate(net, train, &final_train_loss, &final_train_acc, NULL, times_active);
    int dead = 0;
    for (int j = 0; j < cx->hidden; j++) dead += times_active[j] == 0;
    nn_say(c, "  %d of %d hidden units are never active (relu = 0) on any of the %d training images\n",
           dead, cx->hidden, train->n);
    nn_result_int(cx->run, dead, "fashion_dead_units");
    nn_result(cx->run, final_train_loss, "fashion_final_train_loss");
    for (int i = 0; i < test->n; i++) truth[i] = test->labels[i];
    int C[100];
    nn_confusion_matrix(pred, truth, test->n, 10, C);
    nn_result_int(cx->run, (long)net->n_params, "fashion_params");
    nn_result_int(cx->run, steps_per_epoch, "fashion_batches_per_epoch");
    nn_result(cx->run, NN_AT(curve, cx->epochs - 1, 1), "fashion_train_loss");
    nn_result(cx->run, NN_AT(curve, cx->epochs - 1, 2), "fashion_train_accuracy");
    nn_result(cx->run, test_loss, "fashion_test_loss");
    nn_result(cx->run, test_acc, "fashion_test_accuracy");
    nn_say(c, "  test accuracy %.4f (the Fashion-MNIST paper's MLPClassifier, 100 ReLU units: 0.871)\n",
           (double)test_acc);
    report_classes(cx, C);
    figure_confusion(cx->run, C);
    figure_weights(cx->run, net, train->rows, train->cols, times_active);
    free(times_active);

    free(pred);
    free(truth);
    nn_matrix_free(&curve);
    nn_matrix_free(&X);
    nn_matrix_free(&Y);
    nn_matrix_free(&watch.probe);
    nn_batcher_free(batches);
    nn_optimizer_free(opt);
    nn_network_free(net);
}

void ch2_load_images(ch2_context *cx)
{
    cx->have_images = nn_cli_fashion_mnist(&cx->common, "02-mlp", cx->data_dir, &cx->train, &cx->test,
                                           cx->missing, sizeof cx->missing);
}

void ch2_fashion_mnist(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 7. An image classifier: Fashion-MNIST, 28x28 images flattened to 784\n");
    nn_result_int(cx->run, cx->hidden, "fashion_hidden");
    nn_result_int(cx->run, cx->epochs, "fashion_epochs");
    nn_result_int(cx->run, cx->batch, "fashion_batch");
    nn_result(cx->run, cx->lr, "fashion_lr");
    if (cx->skip_images) {
        nn_say(c, "  skipped (--skip-images)\n");
        nn_result_text(cx->run, "skipped: --skip-images", "fashion_mnist");
        return;
    }
    if (!cx->have_images) {
        /* said even with --quiet: a part of the course is missing, and how to get it */
        fprintf(stderr, "02-mlp: Fashion-MNIST is not installed, so section 7 is skipped (the rest "
                        "of the chapter is complete):\n  %s\n", cx->missing);
        nn_result_text(cx->run, "skipped: data set not found; " NN_FASHION_MNIST_INSTALL, "fashion_mnist");
        return;
    }
    const nn_image_set *train = &cx->train, *test = &cx->test;
    nn_result_text(cx->run, "trained", "fashion_mnist");
    nn_result_int(cx->run, train->n, "fashion_train_images");
    nn_result_int(cx->run, test->n, "fashion_test_images");
    nn_result_int(cx->run, train->dim, "fashion_pixels");
    nn_say(c, "  %d training and %d test images of %dx%d = %d pixels, scaled to [0, 1]\n",
           train->n, test->n, train->rows, train->cols, train->dim);
    train_and_report(cx, train, test);
}
