/* Metrics on a hand-made example whose answers are worked out below, not by the code.
 *
 * Ten examples, three classes:
 *   i      0 1 2 3 4 5 6 7 8 9
 *   true   0 0 0 0 1 1 1 2 2 2
 *   pred   0 0 1 2 1 1 0 2 2 1
 * Right: i = 0, 1, 4, 5, 7, 8 → accuracy 6/10 = 0.6.
 * Confusion C[true][pred]:
 *          p=0 p=1 p=2
 *   t=0     2   1   1
 *   t=1     1   2   0
 *   t=2     0   1   2
 * Class 1 positive: TP = 2, FP = C[0][1] + C[2][1] = 2, FN = C[1][0] + C[1][2] = 1
 *   precision = 2/4 = 0.5, recall = 2/3, F1 = 2·(1/2)(2/3)/((1/2)+(2/3)) = (2/3)/(7/6) = 4/7.
 * Class 0 positive: TP = 2, FP = 1, FN = 2: precision 2/3, recall 1/2, F1 = 4/7 as well.
 * Class 2 with no prediction of it at all (a second case): precision 0 by convention. */
#include "nn.h"
#include "tap.h"

#include <string.h>

int main(void)
{
    tap_plan(8);
    const int truth[10] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 };
    const int pred[10] = { 0, 0, 1, 2, 1, 1, 0, 2, 2, 1 };
    const double eps = 4 * NN_REAL_EPSILON;

    nn_real acc = nn_accuracy(pred, truth, 10);
    tap_ok(fabs((double)acc - 0.6) <= eps, "accuracy 6 of 10 right: %.17g (0.6)", (double)acc);

    int C[9];
    const int want[9] = { 2, 1, 1, 1, 2, 0, 0, 1, 2 };
    nn_confusion_matrix(pred, truth, 10, 3, C);
    tap_ok(memcmp(C, want, sizeof C) == 0, "confusion matrix rows [2 1 1] [1 2 0] [0 1 2]: got [%d %d %d] [%d %d %d] [%d %d %d]",
           C[0], C[1], C[2], C[3], C[4], C[5], C[6], C[7], C[8]);

    nn_prf m = nn_precision_recall_f1(C, 3, 1);
    tap_ok(fabs((double)m.precision - 0.5) <= eps && fabs((double)m.recall - 2.0 / 3) <= eps &&
           fabs((double)m.f1 - 4.0 / 7) <= eps,
           "class 1: precision %.6f (1/2), recall %.6f (2/3), F1 %.6f (4/7)", (double)m.precision,
           (double)m.recall, (double)m.f1);
    m = nn_precision_recall_f1(C, 3, 0);
    tap_ok(fabs((double)m.precision - 2.0 / 3) <= eps && fabs((double)m.recall - 0.5) <= eps &&
           fabs((double)m.f1 - 4.0 / 7) <= eps,
           "class 0: precision %.6f (2/3), recall %.6f (1/2), F1 %.6f (4/7)", (double)m.precision,
           (double)m.recall, (double)m.f1);

    /* Never predicting class 2: TP = FP = 0, so precision is 0/0 → 0, recall 0/3, F1 0. */
    const int never2[10] = { 0, 0, 0, 0, 1, 1, 1, 0, 1, 1 };
    nn_confusion_matrix(never2, truth, 10, 3, C);
    m = nn_precision_recall_f1(C, 3, 2);
    tap_ok(m.precision == 0 && m.recall == 0 && m.f1 == 0, "a class never predicted: precision, recall, F1 all 0 (no 0/0)");

    /* argmax: ties to the lower index; threshold: >= counts as positive. */
    nn_real p[] = { NN_R(0.1), NN_R(0.7), NN_R(0.2), NN_R(0.4), NN_R(0.2), NN_R(0.4) };
    int arg[2], bin[3];
    nn_argmax_rows(nn_matrix_view(p, 2, 3), arg);
    nn_real s[] = { NN_R(0.5), NN_R(0.49), NN_R(0.9) };
    nn_threshold(nn_matrix_view(s, 3, 1), NN_R(0.5), bin);
    tap_ok(arg[0] == 1 && arg[1] == 0 && bin[0] == 1 && bin[1] == 0 && bin[2] == 1,
           "argmax rows (0.1 0.7 0.2) -> 1, tie (0.4 0.2 0.4) -> 0; threshold 0.5 on 0.5 0.49 0.9 -> 1 0 1");

    /* The NaN rule (numpy's): the first NaN of a row wins, wherever it stands. */
    const nn_real nan = (nn_real)NAN;
    nn_real q[] = { nan, 5, 1,     1, nan, 5,     1, 5, nan,     nan, nan, 9,     1, 9, 3 };
    int qa[5];
    nn_argmax_rows(nn_matrix_view(q, 5, 3), qa);
    tap_ok(qa[0] == 0 && qa[1] == 1 && qa[2] == 2 && qa[3] == 0 && qa[4] == 1,
           "argmax NaN rule: (nan 5 1) -> 0, (1 nan 5) -> 1, (1 5 nan) -> 2, (nan nan 9) -> 0, "
           "(1 9 3) -> 1; got %d %d %d %d %d", qa[0], qa[1], qa[2], qa[3], qa[4]);

    /* No examples, no accuracy: NaN (0/0), not 0. One example right: 1. */
    nn_real none = nn_accuracy(pred, truth, 0), one = nn_accuracy(pred, truth, 1);
    tap_ok(isnan(none) && one == 1, "accuracy of 0 examples is NaN (got %g), of 1 right example 1 (got %g)",
           (double)none, (double)one);
    return tap_done();
}
