/* Parts 7 and 8, on Fashion-MNIST.
 *
 * 7. Loss is not accuracy. A linear classifier z = w·x + b on 784 pixels learns "shirt"
 *    against "T-shirt/top" from 150 images (--train-images), by Adam on the binary cross-entropy
 *    from logits, one full batch per epoch. Fewer images than pixels: a line separates the
 *    training set, so the training loss can go to 0 only by ‖w‖ → ∞. The direction of w
 *    settles, so the validation accuracy stops moving; its scale keeps growing, so every
 *    validation image on the wrong side is wrong more confidently, and the validation loss
 *    climbs. Several seeds (training subsets), drawn with their spread.
 * 8. Metrics and the threshold. The same model, trained on 50 000 images, detects one class
 *    against the nine others (1 image in 10 is positive). On the 10 000 validation images:
 *    accuracy, precision, recall and F1 against the threshold, the precision-recall and ROC
 *    curves, the AUC, and the threshold that maximises F1. The test set is read once, at the
 *    end, with that threshold. */
#include "losses.h"

#include <stdlib.h>

/* ---- Shared: a linear classifier on images ------------------------------------------- */

static nn_network *linear_classifier(void)
{
    nn_layer_spec out = { 1, nn_activation_make(NN_IDENTITY), 0 };
    return nn_network_new(784, 1, &out);   /* parameters start at 0 */
}

/* X (count×784) and Y (count×1, 1 for `positive`) from images idx[0..count-1]. */
static void binary_batch(const nn_image_set *s, const int *idx, int count, int positive, nn_matrix X, nn_matrix Y)
{
    int *labels = malloc((size_t)count * sizeof *labels);
    nn_image_batch(s, idx, count, X, (nn_matrix){ 0, 0, NULL }, labels);
    for (int i = 0; i < count; i++) NN_AT(Y, i, 0) = labels[i] == positive;
    free(labels);
}

/* ---- 7. Loss is not accuracy ------------------------------------------------------------ */

enum { SHIRT = 6, TSHIRT = 0, VALIDATION = 2000, EVERY = EVAL_EVERY };

typedef struct {
    int points;                     /* evaluations, one every EVERY epochs */
    nn_real *val_loss, *val_acc, *train_loss, *wrong_loss, *norm;
    int best;                       /* the evaluation with the smallest validation loss */
} curves;

static curves curves_new(int points)
{
    curves c = { points, calloc((size_t)points, sizeof(nn_real)), calloc((size_t)points, sizeof(nn_real)),
                 calloc((size_t)points, sizeof(nn_real)), calloc((size_t)points, sizeof(nn_real)),
                 calloc((size_t)points, sizeof(nn_real)), 0 };
    return c;
}

static void curves_free(curves *c)
{
    free(c->val_loss); free(c->val_acc); free(c->train_loss); free(c->wrong_loss); free(c->norm);
}

/* Validation loss and accuracy, and the mean loss of the images on the wrong side. */
static void validate(nn_network *net, nn_matrix X, nn_matrix Y, nn_real *loss, nn_real *acc, nn_real *wrong_loss)
{
    nn_loss bce = nn_loss_make(NN_LOSS_BCE_LOGITS);
    nn_matrix Z = nn_network_forward(net, X, NULL);
    *loss = nn_loss_forward(bce, Z, Y);
    int right = 0, wrong = 0;
    nn_real lost = 0;
    for (int i = 0; i < X.rows; i++) {
        nn_real z = NN_AT(Z, i, 0), y = NN_AT(Y, i, 0);
        if ((z >= 0) == (y == 1)) { right++; continue; }
        wrong++;
        lost += nn_softplus(z) - y * z;      /* this image's ℓ */
    }
    *acc = (nn_real)right / X.rows;
    *wrong_loss = wrong ? lost / wrong : 0;
}

/* course:begin overconfident */
/* Adam on the BCE from logits, one full batch per epoch, from w = 0; every EVERY epochs
 * the validation loss, accuracy, the mean loss of the wrong answers and ‖w‖. */
static curves train_until_overconfident(chapter *ch, nn_matrix Xt, nn_matrix Yt, nn_matrix Xv, nn_matrix Yv)
{
    nn_network *net = linear_classifier();
    nn_optimizer_config config = nn_optimizer_defaults(NN_OPT_ADAM);
    nn_optimizer *adam = nn_optimizer_new(config, net->n_params);
    nn_loss bce = nn_loss_make(NN_LOSS_BCE_LOGITS);
    nn_divergence watch = nn_divergence_start("--lr", ch->lr, 10);
    curves c = curves_new(ch->epochs / EVERY);
    char when[32], msg[256];
    nn_progress progress;
    nn_progress_start(&progress, &ch->common, "loss vs accuracy", ch->epochs);
    for (int epoch = 1; epoch <= ch->epochs; epoch++) {
        nn_real train_loss = nn_network_loss_grad(net, Xt, Yt, bce, NULL);
        snprintf(when, sizeof when, "epoch %d", epoch);
        if (nn_divergence_check(&watch, train_loss, when, msg, sizeof msg)) nn_run_fail(ch->run, 1, "%s", msg);
        nn_optimizer_step(adam, net->params, net->grads, ch->lr);
        if (epoch % EVERY) continue;
        int k = epoch / EVERY - 1;
        c.train_loss[k] = train_loss;
        validate(net, Xv, Yv, &c.val_loss[k], &c.val_acc[k], &c.wrong_loss[k]);
        nn_real norm = 0;
        for (int j = 0; j < 784; j++) norm += net->params[j] * net->params[j];
        c.norm[k] = sqrt(norm);
        if (c.val_loss[k] < c.val_loss[c.best]) c.best = k;
        nn_progress_update(&progress, epoch, "validation loss %.4f", (double)c.val_loss[k]);
    }
    nn_progress_end(&progress);
    nn_optimizer_free(adam);
    nn_network_free(net);
    return c;
}
/* course:end overconfident */

static nn_real median_of(nn_real *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_reals);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void loss_vs_accuracy(chapter *ch, const nn_image_set *train)
{
    int pool_size = 0;
    int *pool = malloc((size_t)train->n * sizeof *pool);
    for (int i = 0; i < train->n; i++)
        if (train->labels[i] == SHIRT || train->labels[i] == TSHIRT) pool[pool_size++] = i;
    nn_matrix Xt = nn_matrix_new(ch->train_images, 784), Yt = nn_matrix_new(ch->train_images, 1);
    nn_matrix Xv = nn_matrix_new(VALIDATION, 784), Yv = nn_matrix_new(VALIDATION, 1);
    int points = ch->epochs / EVERY, seeds = ch->image_seeds;
    curves *runs = malloc((size_t)seeds * sizeof *runs);
    nn_real worst_ratio = INFINITY, worst_rise = 0, worst_change = 0, best_ratio = 0;
    int earliest = ch->epochs, latest = 0;
    for (int s = 0; s < seeds; s++) {
        nn_rng rng;
        nn_rng_seed(&rng, ch->common.seed + (uint64_t)s);
        nn_rng_shuffle(&rng, pool, (size_t)pool_size);       /* a fresh training subset */
        binary_batch(train, pool, ch->train_images, SHIRT, Xt, Yt);
        binary_batch(train, pool + ch->train_images, VALIDATION, SHIRT, Xv, Yv);
        curves c = runs[s] = train_until_overconfident(ch, Xt, Yt, Xv, Yv);
        int b = c.best, last = points - 1;
        nn_real rise = 0;
        for (int k = b; k < points; k++) if (c.val_acc[k] - c.val_acc[b] > rise) rise = c.val_acc[k] - c.val_acc[b];
        nn_real ratio = c.val_loss[last] / c.val_loss[b], change = fabs(c.val_acc[last] - c.val_acc[b]);
        if (ratio < worst_ratio) worst_ratio = ratio;
        if (ratio > best_ratio) best_ratio = ratio;
        if ((b + 1) * EVERY < earliest) earliest = (b + 1) * EVERY;
        if ((b + 1) * EVERY > latest) latest = (b + 1) * EVERY;
        if (rise > worst_rise) worst_rise = rise;
        if (change > worst_change) worst_change = change;
        nn_result_int(ch->run, (b + 1) * EVERY, "overconfident.seed%d.best_epoch", s);
        nn_result(ch->run, c.val_loss[b], "overconfident.seed%d.min_val_loss", s);
        nn_result(ch->run, c.val_loss[last], "overconfident.seed%d.final_val_loss", s);
        nn_result(ch->run, ratio, "overconfident.seed%d.val_loss_ratio", s);
        nn_result(ch->run, c.val_acc[b], "overconfident.seed%d.val_acc_at_best", s);
        nn_result(ch->run, rise, "overconfident.seed%d.val_acc_rise_after_best", s);
        nn_result(ch->run, c.val_acc[last], "overconfident.seed%d.final_val_acc", s);
        nn_result(ch->run, c.train_loss[last], "overconfident.seed%d.final_train_loss", s);
        nn_result(ch->run, c.wrong_loss[b], "overconfident.seed%d.wrong_loss_at_best", s);
        nn_result(ch->run, c.wrong_loss[last], "overconfident.seed%d.final_wrong_loss", s);
        nn_result(ch->run, c.norm[b], "overconfident.seed%d.norm_at_best", s);
        nn_result(ch->run, c.norm[last], "overconfident.seed%d.final_norm", s);
    }
    nn_result_int(ch->run, seeds, "overconfident.seeds");
    nn_result_int(ch->run, ch->train_images, "overconfident.train_images");
    nn_result_int(ch->run, VALIDATION, "overconfident.validation_images");
    nn_result_int(ch->run, ch->epochs, "overconfident.epochs");
    nn_result_int(ch->run, EVERY, "overconfident.every");
    nn_result(ch->run, ch->lr, "overconfident.lr");
    nn_result(ch->run, worst_ratio, "overconfident.smallest_val_loss_ratio");
    nn_result(ch->run, best_ratio, "overconfident.largest_val_loss_ratio");
    nn_result_int(ch->run, earliest, "overconfident.earliest_best_epoch");
    nn_result_int(ch->run, latest, "overconfident.latest_best_epoch");
    nn_result(ch->run, worst_rise, "overconfident.largest_val_acc_rise_after_best");
    nn_result(ch->run, worst_change, "overconfident.largest_val_acc_change_after_best");

    /* The spread over seeds at each evaluation: min, median, max. */
    nn_table *t = nn_table_open(ch->run, "loss-accuracy.dat",
                                "epoch val_loss_min val_loss_median val_loss_max val_acc_min val_acc_median "
                                "val_acc_max train_loss_median wrong_loss_median norm_median");
    nn_table_digits(t, 9);
    nn_real *v = malloc((size_t)seeds * sizeof *v);
    for (int k = 0; k < points; k++) {
        double row[10];
        row[0] = (k + 1) * EVERY;
        for (int s = 0; s < seeds; s++) v[s] = runs[s].val_loss[k];
        row[2] = median_of(v, seeds); row[1] = v[0]; row[3] = v[seeds - 1];
        for (int s = 0; s < seeds; s++) v[s] = runs[s].val_acc[k];
        row[5] = median_of(v, seeds); row[4] = v[0]; row[6] = v[seeds - 1];
        for (int s = 0; s < seeds; s++) v[s] = runs[s].train_loss[k];
        row[7] = median_of(v, seeds);
        for (int s = 0; s < seeds; s++) v[s] = runs[s].wrong_loss[k];
        row[8] = median_of(v, seeds);
        for (int s = 0; s < seeds; s++) v[s] = runs[s].norm[k];
        row[9] = median_of(v, seeds);
        nn_table_add(t, row, 10);
    }
    nn_table *p = nn_table_open(ch->run, "loss-accuracy-parting.dat", "seed best_epoch val_loss val_acc");
    for (int s = 0; s < seeds; s++)
        nn_table_row(p, s, (runs[s].best + 1) * EVERY, runs[s].val_loss[runs[s].best], runs[s].val_acc[runs[s].best]);

    FILE *gp = nn_figure(ch->run, "loss-accuracy", NULL, NULL, NULL);
    fprintf(gp, "eval size(1300, 440)\nset multiplot layout 1,3 title 'Shirt vs T-shirt, a linear classifier on %d "
                "images, %d seeds: median (line), min-max over seeds (band), the lowest validation loss of each seed (circle)'\n"
                "set xlabel 'epoch (log scale)'\nset logscale x\nset xrange [%d:%d]\n"
                "set title 'Losses'\nset ylabel 'binary cross-entropy'\nset yrange [0:*]\nset key top left Left reverse\n"
                "plot 'loss-accuracy.dat' using 1:2:4 with filledcurves lc rgb '#BBD8EE' notitle, \\\n"
                "     '' using 1:3 with lines ls 1 title 'validation loss', \\\n"
                "     '' using 1:8 with lines ls 7 dt 2 title 'training loss', \\\n"
                "     'loss-accuracy-parting.dat' using 2:3 with points ls 2 pt 6 ps 1.4 title 'lowest validation loss'\n"
                "set title 'Validation accuracy'\nset ylabel 'accuracy'\nset yrange [*:*]\nset key bottom right Left reverse font ',11'\n"
                "plot 'loss-accuracy.dat' using 1:5:7 with filledcurves lc rgb '#BBE6D8' notitle, \\\n"
                "     '' using 1:6 with lines ls 3 title 'validation accuracy', \\\n"
                "     'loss-accuracy-parting.dat' using 2:4 with points ls 2 pt 6 ps 1.4 title 'at the lowest validation loss'\n"
                "set title 'Why: the wrong answers grow confident (medians)'\nset ylabel 'mean loss of a misclassified image'\n"
                "set y2label '‖w‖'\nset y2tics\nset ytics nomirror\nset yrange [0:*]\nset y2range [0:*]\nset key top left Left reverse\n"
                "plot 'loss-accuracy.dat' using 1:9 with lines ls 2 title 'loss of a wrong answer (left)', \\\n"
                "     '' using 1:10 axes x1y2 with lines ls 4 dt 2 title '‖w‖ (right)'\n"
                "unset multiplot\n", ch->train_images, seeds, EVERY, ch->epochs);
    nn_say(&ch->common, "7. loss vs accuracy, %d seeds of %d training images: after the lowest validation loss, the loss "
           "ends at least %.2f times higher while the accuracy rises by at most %.4f and ends within %.4f\n",
           seeds, ch->train_images, (double)worst_ratio, (double)worst_rise, (double)worst_change);
    for (int s = 0; s < seeds; s++) curves_free(&runs[s]);
    free(runs); free(v); free(pool);
    nn_matrix_free(&Xt); nn_matrix_free(&Yt); nn_matrix_free(&Xv); nn_matrix_free(&Yv);
}

/* ---- 8. Metrics and the threshold ------------------------------------------------------ */

enum { TRAIN = 50000, BATCH = 256, METRIC_EPOCHS = 3, THRESHOLDS = 99, DRAWN = 400 };

/* Mini-batch Adam on the BCE from logits: METRIC_EPOCHS epochs over images idx[0..TRAIN). */
static nn_network *train_detector(chapter *ch, const nn_image_set *train, const int *idx, nn_rng *rng)
{
    nn_network *net = linear_classifier();
    nn_optimizer *adam = nn_optimizer_new(nn_optimizer_defaults(NN_OPT_ADAM), net->n_params);
    nn_loss bce = nn_loss_make(NN_LOSS_BCE_LOGITS);
    nn_batcher *batches = nn_batcher_new(TRAIN, BATCH);
    nn_matrix X = nn_matrix_new(BATCH, 784), Y = nn_matrix_new(BATCH, 1);
    int rows[BATCH];
    nn_divergence watch = nn_divergence_start("--lr", ch->lr, 10);
    char when[48], msg[256];
    for (int e = 1; e <= METRIC_EPOCHS; e++) {
        nn_batcher_shuffle(batches, rng);
        const int *b;
        int count, step = 0;
        while ((count = nn_batcher_next(batches, &b)) > 0) {
            for (int i = 0; i < count; i++) rows[i] = idx[b[i]];
            nn_matrix Xb = nn_matrix_row_range(X, 0, count), Yb = nn_matrix_row_range(Y, 0, count);
            binary_batch(train, rows, count, ch->positive, Xb, Yb);
            nn_real L = nn_network_loss_grad(net, Xb, Yb, bce, NULL);
            snprintf(when, sizeof when, "epoch %d, batch %d", e, ++step);
            if (nn_divergence_check(&watch, L, when, msg, sizeof msg)) nn_run_fail(ch->run, 1, "%s", msg);
            nn_optimizer_step(adam, net->params, net->grads, ch->lr);
        }
    }
    nn_matrix_free(&X); nn_matrix_free(&Y);
    nn_batcher_free(batches);
    nn_optimizer_free(adam);
    return net;
}

/* The logits of images idx[0..count) (idx NULL: all), and their 0/1 labels. */
static void score_images(nn_network *net, const nn_image_set *s, const int *idx, int count, int positive,
                         nn_real *score, int *label)
{
    nn_matrix X = nn_matrix_new(count, 784), Y = nn_matrix_new(count, 1);
    binary_batch(s, idx, count, positive, X, Y);
    nn_matrix Z = nn_network_forward(net, X, NULL);
    for (int i = 0; i < count; i++) {
        score[i] = NN_AT(Z, i, 0);
        label[i] = NN_AT(Y, i, 0) == 1;
    }
    nn_matrix_free(&X); nn_matrix_free(&Y);
}

/* course:begin pairs */
/* The fraction of (positive, negative) pairs that the scores rank correctly, a tie counting
 * 1/2, by brute force over every pair: what the AUC should equal. */
static nn_real ranked_pairs(const nn_real *score, const int *label, int n)
{
    long long right = 0, ties = 0, pos = 0, neg = 0;
    for (int i = 0; i < n; i++) {
        pos += label[i];
        neg += !label[i];
    }
    for (int i = 0; i < n; i++) {
        if (!label[i]) continue;
        for (int j = 0; j < n; j++) {
            if (label[j]) continue;
            right += score[i] > score[j];
            ties += score[i] == score[j];
        }
    }
    return (nn_real)((double)(2 * right + ties) / (2.0 * (double)pos * (double)neg));
}
/* course:end pairs */

/* Accuracy, precision, recall, F1 of "positive when σ(z) ≥ p" for p = 0.01 .. 0.99; the
 * largest gap between the library's F1 and the harmonic mean 2PR/(P + R). */
static nn_real metrics_against_threshold(chapter *ch, const nn_real *score, const int *label, int n)
{
    int *pred = malloc((size_t)n * sizeof *pred), C[4];
    nn_real *prob = malloc((size_t)n * sizeof *prob), worst = 0;
    for (int i = 0; i < n; i++) prob[i] = nn_sigmoid(score[i]);
    nn_table *t = nn_table_open(ch->run, "threshold.dat", "threshold accuracy precision recall f1");
    for (int k = 1; k <= THRESHOLDS; k++) {
        nn_real p = (nn_real)k / (THRESHOLDS + 1);
        nn_threshold(nn_matrix_view(prob, n, 1), p, pred);
        nn_confusion_matrix(pred, label, n, 2, C);
        nn_prf m = nn_precision_recall_f1(C, 2, 1);
        nn_real harmonic = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
        if (fabs(m.f1 - harmonic) > worst) worst = fabs(m.f1 - harmonic);
        nn_table_row(t, p, nn_accuracy(pred, label, n), m.precision, m.recall, m.f1);
    }
    free(pred);
    free(prob);
    return worst;
}

static void metrics_and_threshold(chapter *ch, const nn_image_set *train, const nn_image_set *test)
{
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed);
    int *idx = malloc((size_t)train->n * sizeof *idx);
    for (int i = 0; i < train->n; i++) idx[i] = i;
    nn_rng_shuffle(&rng, idx, (size_t)train->n);
    nn_network *net = train_detector(ch, train, idx, &rng);

    /* Validation: everything is chosen here. */
    int nv = train->n - TRAIN;
    nn_real *score = malloc((size_t)nv * sizeof *score);
    int *label = malloc((size_t)nv * sizeof *label);
    score_images(net, train, idx + TRAIN, nv, ch->positive, score, label);
    nn_sweep sw = nn_sweep_new(score, label, nv);
    nn_real auc = nn_sweep_auc(&sw), pairs = ranked_pairs(score, label, nv);
    int best = 1;
    nn_real best_f1 = 0;
    for (int k = 1; k < sw.points; k++) {
        nn_real p = nn_sweep_precision(&sw, k), r = nn_sweep_recall(&sw, k), f1 = 2 * p * r / (p + r);
        if (p + r > 0 && f1 > best_f1) { best_f1 = f1; best = k; }
    }
    nn_real threshold = sw.threshold[best];
    nn_real f1_gap = metrics_against_threshold(ch, score, label, nv);
    nn_table *roc = nn_table_open(ch->run, "roc.dat", "fpr tpr");
    nn_table *pr = nn_table_open(ch->run, "pr.dat", "recall precision");
    nn_table_digits(roc, 6);
    nn_table_digits(pr, 6);
    int stride = sw.points / DRAWN + 1;   /* the first 50 points, every stride-th, the last: enough to draw */
    for (int k = 0; k < sw.points; k++) {
        if (k > 50 && k % stride && k != sw.points - 1) continue;
        nn_table_row(roc, nn_sweep_fpr(&sw, k), nn_sweep_recall(&sw, k));
        if (k > 0) nn_table_row(pr, nn_sweep_recall(&sw, k), nn_sweep_precision(&sw, k));
    }
    nn_table *chosen = nn_table_open(ch->run, "chosen.dat", "threshold_probability fpr recall precision f1");
    nn_table_row(chosen, nn_sigmoid(threshold), nn_sweep_fpr(&sw, best), nn_sweep_recall(&sw, best),
                 nn_sweep_precision(&sw, best), best_f1);
    nn_result_int(ch->run, ch->positive, "metrics.positive_class");
    nn_result_text(ch->run, nn_fashion_mnist_classes[ch->positive], "metrics.positive_name");
    nn_result_int(ch->run, TRAIN, "metrics.train_images");
    nn_result_int(ch->run, nv, "metrics.validation_images");
    nn_result_int(ch->run, sw.positives, "metrics.validation_positives");
    nn_result_int(ch->run, sw.negatives, "metrics.validation_negatives");
    nn_result_int(ch->run, METRIC_EPOCHS, "metrics.epochs");
    nn_result_int(ch->run, BATCH, "metrics.batch");
    nn_result(ch->run, auc, "metrics.validation_auc");
    nn_result(ch->run, pairs, "metrics.validation_ranked_pairs");
    nn_result(ch->run, auc - pairs, "metrics.auc_minus_pairs");
    nn_result(ch->run, f1_gap, "metrics.max_f1_harmonic_gap");
    nn_result(ch->run, nn_sigmoid(threshold), "metrics.chosen_threshold_probability");
    nn_result(ch->run, best_f1, "metrics.validation_best_f1");
    nn_result(ch->run, nn_sweep_precision(&sw, best), "metrics.validation_precision_at_chosen");
    nn_result(ch->run, nn_sweep_recall(&sw, best), "metrics.validation_recall_at_chosen");

    /* The test set, once: the chosen threshold on logits (σ is increasing, so z ≥ threshold
     * is σ(z) ≥ σ(threshold)), and the constant classifier that always says "negative". */
    nn_real *tscore = malloc((size_t)test->n * sizeof *tscore);
    int *tlabel = malloc((size_t)test->n * sizeof *tlabel), *pred = malloc((size_t)test->n * sizeof *pred), C[4];
    score_images(net, test, NULL, test->n, ch->positive, tscore, tlabel);
    nn_threshold(nn_matrix_view(tscore, test->n, 1), threshold, pred);
    nn_confusion_matrix(pred, tlabel, test->n, 2, C);
    nn_prf m = nn_precision_recall_f1(C, 2, 1);
    nn_sweep tsw = nn_sweep_new(tscore, tlabel, test->n);
    nn_real test_acc = nn_accuracy(pred, tlabel, test->n), test_auc = nn_sweep_auc(&tsw);
    nn_result_int(ch->run, tsw.positives, "metrics.test_positives");
    nn_result_int(ch->run, test->n, "metrics.test_images");
    nn_result(ch->run, test_acc, "metrics.test_accuracy");
    nn_result(ch->run, m.precision, "metrics.test_precision");
    nn_result(ch->run, m.recall, "metrics.test_recall");
    nn_result(ch->run, m.f1, "metrics.test_f1");
    nn_result(ch->run, test_auc, "metrics.test_auc");
    for (int i = 0; i < test->n; i++) pred[i] = 0;
    nn_confusion_matrix(pred, tlabel, test->n, 2, C);
    nn_prf never = nn_precision_recall_f1(C, 2, 1);
    nn_real never_acc = nn_accuracy(pred, tlabel, test->n);
    nn_result(ch->run, never_acc, "metrics.always_negative_accuracy");
    nn_result(ch->run, never.f1, "metrics.always_negative_f1");
    nn_result(ch->run, never.precision, "metrics.always_negative_precision");
    nn_result(ch->run, never.recall, "metrics.always_negative_recall");

    FILE *gp = nn_figure(ch->run, "threshold", NULL, "threshold on σ(z)", NULL);
    fprintf(gp, "eval size(800, 560)\nset title \"'%s' against the nine other classes, 10 000 validation images: the "
                "metrics against the threshold\"\nset key below horizontal maxcols 3\nset yrange [0:1.02]\n"
                "plot 'threshold.dat' using 1:2 with lines ls 7 title 'accuracy', \\\n"
                "     '' using 1:3 with lines ls 1 dt 2 title 'precision (0 when nothing is predicted positive)', \\\n"
                "     '' using 1:4 with lines ls 2 dt 4 title 'recall', \\\n"
                "     '' using 1:5 with lines ls 3 lw 3 title 'F1', \\\n"
                "     %.17g with lines ls 7 dt 3 lw 1 title 'accuracy of always \"negative\"', \\\n"
                "     'chosen.dat' using 1:5 with points ls 3 pt 6 ps 2 title 'largest F1 (the threshold chosen)'\n",
            nn_fashion_mnist_classes[ch->positive], 1 - (double)sw.positives / nv);
    gp = nn_figure(ch->run, "pr-roc", NULL, NULL, NULL);
    fprintf(gp, "eval size(1100, 560)\nset multiplot layout 1,2 title \"'%s' against the rest, validation set "
                "(%ld positives of %d): AUC = %.4f\"\nset size ratio -1\nset xrange [0:1]\nset yrange [0:1]\n"
                "set title 'Precision-recall curve'\nset xlabel 'recall'\nset ylabel 'precision'\n"
                "set key below Left reverse\n"
                "plot 'pr.dat' using 1:2 with lines ls 1 title 'lowering the threshold', \\\n"
                "     %.17g with lines ls 7 dt 2 title 'a random ranking (precision = share of positives)', \\\n"
                "     'chosen.dat' using 3:4 with points ls 3 pt 6 ps 2 title 'largest F1'\n"
                "set title 'ROC curve'\nset xlabel 'false positive rate'\nset ylabel 'true positive rate (recall)'\n"
                "plot 'roc.dat' using 1:2 with lines ls 2 title 'lowering the threshold', \\\n"
                "     x with lines ls 7 dt 2 title 'a random ranking (AUC 1/2)', \\\n"
                "     'chosen.dat' using 2:3 with points ls 3 pt 6 ps 2 title 'largest F1'\n"
                "unset multiplot\n",
            nn_fashion_mnist_classes[ch->positive], sw.positives, nv, (double)auc,
            (double)sw.positives / nv);
    nn_say(&ch->common, "8. '%s' vs the rest: validation AUC %.4f (pairs ranked right %.4f), best F1 %.3f at "
           "p = %.3f; test, once: accuracy %.4f, F1 %.3f, AUC %.4f; always negative: accuracy %.4f, F1 %g\n",
           nn_fashion_mnist_classes[ch->positive], (double)auc, (double)pairs, (double)best_f1,
           (double)nn_sigmoid(threshold), (double)test_acc, (double)m.f1, (double)test_auc, (double)never_acc,
           (double)never.f1);
    nn_sweep_free(&sw);
    nn_sweep_free(&tsw);
    free(idx); free(score); free(label); free(tscore); free(tlabel); free(pred);
    nn_network_free(net);
}

void part_images(chapter *ch)
{
    if (ch->skip_images) {
        nn_result_text(ch->run, "skipped:--skip-images", "images");
        nn_say(&ch->common, "7-8. skipped (--skip-images)\n");
        return;
    }
    nn_result_text(ch->run, "trained", "images");
    loss_vs_accuracy(ch, &ch->train);
    metrics_and_threshold(ch, &ch->train, &ch->test);
}
