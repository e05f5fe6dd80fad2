/* Metrics of a classifier: accuracy, the confusion matrix, and per class
 *   precision = TP/(TP+FP),  recall = TP/(TP+FN),  F1 = 2PR/(P+R)
 * (0 where a denominator is 0). The confusion matrix C is k×k, C[t][p] counting the
 * examples of true class t predicted as p. */
#ifndef NN_METRICS_H
#define NN_METRICS_H

#include "nn_matrix.h"

void nn_argmax_rows(nn_matrix P, int *out);                       /* out[i] = argmax_j P_ij */
/* Binary predictions from a one-column score or probability matrix: 1 if ≥ threshold. */
void nn_threshold(nn_matrix P, nn_real threshold, int *out);
nn_real nn_accuracy(const int *predicted, const int *truth, int n);
void nn_confusion_matrix(const int *predicted, const int *truth, int n, int k, int *C);

typedef struct {
    nn_real precision, recall, f1;
} nn_prf;

nn_prf nn_precision_recall_f1(const int *C, int k, int positive_class);

#endif
