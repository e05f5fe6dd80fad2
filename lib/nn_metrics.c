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
