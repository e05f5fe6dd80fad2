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

/* ---- When a denominator is 0 (decided once, for every function of this file) ----------
 * precision = 0 when nothing is predicted positive (TP + FP = 0), recall = 0 when there
 * is no positive example (TP + FN = 0), F1 = 0 when 2TP + FP + FN = 0. A ratio that cannot
 * be computed counts as a failure, never as a success: a classifier cannot score well by
 * saying nothing (the constant "always negative" one gets F1 = 0 whatever its accuracy), and
 * no NaN reaches a table or a figure. scikit-learn's zero_division=0 is the same choice.
 * The rates of a threshold sweep below follow it (FPR = 0 when N = 0). */

/* ---- Every threshold at once: ROC, AUC, precision-recall -------------------------------
 * A binary classifier that outputs a score s_i (a probability, a logit) says "positive"
 * when s_i ≥ t. Lowering t from +∞ past each distinct score adds the examples with that
 * score to the predicted positives, all together (ties move as one). With P positives and
 * N negatives (labels 1 and 0), point k of the sweep has
 *   tp_k, fp_k   the positives and the negatives with score ≥ threshold_k,
 *   ROC point    (FPR, TPR) = (fp_k/N, tp_k/P),   TPR = recall,
 *   PR point     (recall, precision) = (tp_k/P, tp_k/(tp_k + fp_k)).
 * Point 0 is t = +∞ (nothing predicted positive: the ROC's (0, 0); its precision is 0/0,
 * so a PR curve is drawn from point 1), the last point the lowest score (everything
 * positive: (1, 1)). The area under the ROC curve by the trapezoid rule,
 *   AUC = Σ_k (FPR_k − FPR_{k−1}) (TPR_k + TPR_{k−1}) / 2,
 * is the fraction of (positive, negative) pairs that the score ranks correctly, a tie
 * counting 1/2 (the Mann-Whitney statistic): a step that adds a negatives-worth of FPR
 * credits every positive already above them, and a tie group of a positives and b
 * negatives adds the triangle ab/2. nn_sweep_auc sums 2·PN·AUC in integers and divides
 * once, so it equals (2·#correct + #ties)/(2PN) to the last bit. */
typedef struct {
    int points;                 /* distinct scores + 1 */
    long positives, negatives;  /* P and N */
    nn_real *threshold;         /* descending; threshold[0] = +∞ */
    long *tp, *fp;              /* non-decreasing, from 0 to P and to N */
} nn_sweep;

/* labels[i] ∈ {0, 1} and finite scores (else abort: a programming error). */
nn_sweep nn_sweep_new(const nn_real *scores, const int *labels, int n);
void nn_sweep_free(nn_sweep *s);
nn_real nn_sweep_fpr(const nn_sweep *s, int k);          /* fp_k / N */
nn_real nn_sweep_recall(const nn_sweep *s, int k);       /* tp_k / P, the ROC's TPR */
nn_real nn_sweep_precision(const nn_sweep *s, int k);    /* tp_k / (tp_k + fp_k) */
/* The trapezoid AUC; NaN when P = 0 or N = 0 (no pair to rank: undefined, and said so). */
nn_real nn_sweep_auc(const nn_sweep *s);

#endif
