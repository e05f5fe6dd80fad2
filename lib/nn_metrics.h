/* Metrics of a classifier: accuracy, the confusion matrix, and per class
 *   precision = TP/(TP+FP),  recall = TP/(TP+FN),  F1 = 2PR/(P+R)
 * (0 where a denominator is 0). The confusion matrix C is k×k, C[t][p] counting the
 * examples of true class t predicted as p. */
#ifndef NN_METRICS_H
#define NN_METRICS_H

#include "nn_matrix.h"

/* out[i] = argmax_j P_ij: the first largest entry of row i (ties go to the lower class).
 * NaN rule, numpy's: a row holding a NaN gets the index of its first NaN, so a broken
 * output is never read as a confident class of its finite entries. */
void nn_argmax_rows(nn_matrix P, int *out);
/* Binary predictions from a one-column score or probability matrix: 1 if ≥ threshold. */
void nn_threshold(nn_matrix P, nn_real threshold, int *out);
/* The fraction of the n examples predicted right. There is no accuracy of no examples:
 * n = 0 gives NaN (0/0), which nn_result refuses with the key's name, so an empty set
 * cannot reach results.txt as a silent 0. */
nn_real nn_accuracy(const int *predicted, const int *truth, int n);
void nn_confusion_matrix(const int *predicted, const int *truth, int n, int k, int *C);

typedef struct {
    nn_real precision, recall, f1;
} nn_prf;

nn_prf nn_precision_recall_f1(const int *C, int k, int positive_class);

#endif
