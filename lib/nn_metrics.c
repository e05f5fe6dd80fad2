/* Metrics of a classifier, from its predictions and the true classes.
 *
 *   accuracy  = (1/n) Σ_i [pred_i = true_i]
 *   C[t][p]   = #{i : true_i = t, pred_i = p}          (k×k, rows are the truth)
 *   for the positive class c:  TP = C[c][c],  FP = Σ_{t≠c} C[t][c],  FN = Σ_{p≠c} C[c][p]
 *   precision = TP/(TP+FP),  recall = TP/(TP+FN),  F1 = 2PR/(P+R)   (0 if a denominator is 0) */
#include "nn_metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first largest entry of each row (ties go to the lower class); the first NaN, if
 * the row has one (NaN compares false with everything, so it is looked for on its own). */
void nn_argmax_rows(nn_matrix P, int *out)
{
    for (int i = 0; i < P.rows; i++) {
        int best = 0;
        for (int j = 0; j < P.cols; j++) {
            if (isnan(NN_AT(P, i, j))) { best = j; break; }
            if (NN_AT(P, i, j) > NN_AT(P, i, best)) best = j;
        }
        out[i] = best;
    }
}

void nn_threshold(nn_matrix P, nn_real threshold, int *out)
{
    if (P.cols != 1) {
        fprintf(stderr, "nn_threshold: scores must be one column, got %d x %d\n", P.rows, P.cols);
        abort();
    }
    for (int i = 0; i < P.rows; i++) out[i] = NN_AT(P, i, 0) >= threshold;
}

nn_real nn_accuracy(const int *predicted, const int *truth, int n)
{
    if (n < 0) {
        fprintf(stderr, "nn_accuracy: %d examples\n", n);
        abort();
    }
    if (n == 0) return (nn_real)NAN;
    long right = 0;
    for (int i = 0; i < n; i++) right += predicted[i] == truth[i];
    return (nn_real)((double)right / (double)n);
}

void nn_confusion_matrix(const int *predicted, const int *truth, int n, int k, int *C)
{
    memset(C, 0, (size_t)k * (size_t)k * sizeof *C);
    for (int i = 0; i < n; i++) {
        if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
            fprintf(stderr, "nn_confusion_matrix: example %d: true %d, predicted %d, classes 0..%d\n",
                    i, truth[i], predicted[i], k - 1);
            abort();
        }
        C[truth[i] * k + predicted[i]]++;
    }
}

static nn_real ratio(long a, long b) { return b > 0 ? (nn_real)((double)a / (double)b) : 0; }

nn_prf nn_precision_recall_f1(const int *C, int k, int positive_class)
{
    int c = positive_class;
    if (c < 0 || c >= k) {
        fprintf(stderr, "nn_precision_recall_f1: class %d of 0..%d\n", c, k - 1);
        abort();
    }
    long tp = C[c * k + c], fp = 0, fn = 0;
    for (int t = 0; t < k; t++)
        if (t != c) {
            fp += C[t * k + c];
            fn += C[c * k + t];
        }
    nn_prf m;
    m.precision = ratio(tp, tp + fp);
    m.recall = ratio(tp, tp + fn);
    /* 2PR/(P+R) = 2TP/(2TP+FP+FN): the counts avoid a second rounding. */
    m.f1 = ratio(2 * tp, 2 * tp + fp + fn);
    return m;
}

/* ---- Every threshold at once ---------------------------------------------------------- */

typedef struct { nn_real score; int label; } scored;

/* Highest score first; equal scores in either order (they are crossed together). */
static int by_score_descending(const void *a, const void *b)
{
    nn_real x = ((const scored *)a)->score, y = ((const scored *)b)->score;
    return (x < y) - (x > y);
}

nn_sweep nn_sweep_new(const nn_real *scores, const int *labels, int n)
{
    nn_sweep s = { 1, 0, 0, NULL, NULL, NULL };
    scored *order = malloc((size_t)(n > 0 ? n : 1) * sizeof *order);
    s.threshold = malloc((size_t)(n + 1) * sizeof *s.threshold);
    s.tp = malloc((size_t)(n + 1) * sizeof *s.tp);
    s.fp = malloc((size_t)(n + 1) * sizeof *s.fp);
    if (!order || !s.threshold || !s.tp || !s.fp) {
        fprintf(stderr, "nn_sweep_new: out of memory for %d examples\n", n);
        abort();
    }
    for (int i = 0; i < n; i++) {
        if ((labels[i] != 0 && labels[i] != 1) || !isfinite(scores[i])) {
            fprintf(stderr, "nn_sweep_new: example %d has label %d and score %g; labels must be 0 or 1 "
                            "and scores finite\n", i, labels[i], (double)scores[i]);
            abort();
        }
        order[i] = (scored){ scores[i], labels[i] };
        s.positives += labels[i];
    }
    s.negatives = n - s.positives;
    qsort(order, (size_t)n, sizeof *order, by_score_descending);
    s.threshold[0] = (nn_real)INFINITY;
    s.tp[0] = s.fp[0] = 0;
    for (int i = 0; i < n; i++) {
        int k = s.points - 1;
        if (order[i].score != s.threshold[k]) {      /* a new distinct score (point 0 is +∞): a new point */
            k = s.points++;
            s.threshold[k] = order[i].score;
            s.tp[k] = s.tp[k - 1];
            s.fp[k] = s.fp[k - 1];
        }
        if (order[i].label) s.tp[k]++;
        else s.fp[k]++;
    }
    free(order);
    return s;
}

void nn_sweep_free(nn_sweep *s)
{
    free(s->threshold);
    free(s->tp);
    free(s->fp);
    *s = (nn_sweep){ 0, 0, 0, NULL, NULL, NULL };
}

static void check_point(const nn_sweep *s, int k, const char *who)
{
    if (k < 0 || k >= s->points) {
        fprintf(stderr, "%s: point %d of 0..%d\n", who, k, s->points - 1);
        abort();
    }
}

nn_real nn_sweep_fpr(const nn_sweep *s, int k)
{
    check_point(s, k, "nn_sweep_fpr");
    return ratio(s->fp[k], s->negatives);
}

nn_real nn_sweep_recall(const nn_sweep *s, int k)
{
    check_point(s, k, "nn_sweep_recall");
    return ratio(s->tp[k], s->positives);
}

nn_real nn_sweep_precision(const nn_sweep *s, int k)
{
    check_point(s, k, "nn_sweep_precision");
    return ratio(s->tp[k], s->tp[k] + s->fp[k]);
}

/* 2PN·AUC = Σ_k (fp_k − fp_{k−1})(tp_k + tp_{k−1}): an integer (at most 2PN < 2⁶³), divided once. */
nn_real nn_sweep_auc(const nn_sweep *s)
{
    if (s->positives == 0 || s->negatives == 0) return (nn_real)NAN;
    long long twice_area = 0;
    for (int k = 1; k < s->points; k++)
        twice_area += (long long)(s->fp[k] - s->fp[k - 1]) * (s->tp[k] + s->tp[k - 1]);
    return (nn_real)((double)twice_area / (2.0 * (double)s->positives * (double)s->negatives));
}
