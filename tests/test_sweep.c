/* The threshold sweep of lib/nn_metrics (ROC points, AUC, precision-recall), and the
 * library's answer when a denominator of precision, recall or F1 is 0. Every expected
 * number is worked out by hand in the comment beside it, or counted here by brute force.
 *
 * The hand case: six examples, P = 3 positives (a, c, e) and N = 3 negatives (b, d, f),
 * with one tie between a positive and a negative at 0.7:
 *   example   a    b    c    d    e    f
 *   score    0.9  0.8  0.7  0.7  0.5  0.2
 *   label     1    0    1    0    1    0
 * Lowering the threshold past each distinct score:
 *   k  threshold  tp fp   ROC (fp/3, tp/3)   precision tp/(tp+fp)
 *   0    +inf      0  0   (0, 0)             0/0 -> 0
 *   1    0.9       1  0   (0, 1/3)           1
 *   2    0.8       1  1   (1/3, 1/3)         1/2
 *   3    0.7       2  2   (2/3, 2/3)         1/2   (c and d cross together)
 *   4    0.5       3  2   (2/3, 1)           3/5
 *   5    0.2       3  3   (1, 1)             1/2
 * Trapezoids: 0 + (1/3)(1/3 + 1/3)/2 + (1/3)(1/3 + 2/3)/2 + 0 + (1/3)(1 + 1)/2
 *           = 1/9 + 1/6 + 1/3 = 11/18.
 * Pairs: a beats b, d, f (3); c loses to b, ties d, beats f (1.5); e loses to b and d,
 * beats f (1): 5.5 of 9 = 11/18, the same. */
#include "nn.h"
#include "tap.h"

#include <stdlib.h>

static const double eps = 4 * NN_REAL_EPSILON;

static int near(double got, double want) { return fabs(got - want) <= eps; }

static void check_hand_case(void)
{
    const nn_real s[6] = { NN_R(0.9), NN_R(0.8), NN_R(0.7), NN_R(0.7), NN_R(0.5), NN_R(0.2) };
    const int y[6] = { 1, 0, 1, 0, 1, 0 };
    nn_sweep sw = nn_sweep_new(s, y, 6);
    const long tp[6] = { 0, 1, 1, 2, 3, 3 }, fp[6] = { 0, 0, 1, 2, 2, 3 };
    int counts = sw.points == 6 && sw.positives == 3 && sw.negatives == 3 && isinf(sw.threshold[0]);
    for (int k = 0; k < 6 && counts; k++) counts = sw.tp[k] == tp[k] && sw.fp[k] == fp[k];
    tap_ok(counts, "sweep of 6 scores with one tie: 6 points (+inf and 5 distinct scores), tp 0 1 1 2 3 3, fp 0 0 1 2 2 3");

    const double fpr[6] = { 0, 0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1 }, tpr[6] = { 0, 1.0 / 3, 1.0 / 3, 2.0 / 3, 1, 1 };
    const double prec[6] = { 0, 1, 0.5, 0.5, 0.6, 0.5 };
    int roc = 1, pr = 1;
    for (int k = 0; k < 6; k++) {
        roc &= near(nn_sweep_fpr(&sw, k), fpr[k]) && near(nn_sweep_recall(&sw, k), tpr[k]);
        pr &= near(nn_sweep_precision(&sw, k), prec[k]);
    }
    tap_ok(roc, "ROC points (0,0) (0,1/3) (1/3,1/3) (2/3,2/3) (2/3,1) (1,1)");
    tap_ok(pr, "precision 0 (nothing predicted: 0/0 -> 0), 1, 1/2, 1/2, 3/5, 1/2");
    double auc = nn_sweep_auc(&sw);
    tap_ok(auc == (nn_real)(11.0 / 18), "AUC by trapezoids = %.17g, exactly 11/18 = 5.5 of 9 pairs (tie counted 1/2)", auc);
    nn_sweep_free(&sw);
}

static void check_extremes(void)
{
    const nn_real up[4] = { 4, 3, 2, 1 }, flat[4] = { 7, 7, 7, 7 };
    const int y[4] = { 1, 1, 0, 0 };
    nn_sweep best = nn_sweep_new(up, y, 4);
    const int flipped[4] = { 0, 0, 1, 1 };
    nn_sweep worst = nn_sweep_new(up, flipped, 4);
    nn_sweep tie = nn_sweep_new(flat, y, 4);
    double a1 = nn_sweep_auc(&best), a0 = nn_sweep_auc(&worst), ah = nn_sweep_auc(&tie);
    /* All four tied: one step from (0,0) to (1,1), the triangle of area 1/2. */
    tap_ok(a1 == 1 && a0 == 0 && ah == NN_R(0.5) && tie.points == 2,
           "AUC %g for a perfect ranking (1), %g for the reversed one (0), %g when every score ties (1/2, 2 points)",
           a1, a0, ah);
    nn_sweep_free(&best); nn_sweep_free(&worst); nn_sweep_free(&tie);

    /* No positive example: recall 0/0 -> 0 at every point, AUC undefined (NaN). No
     * negative: FPR 0/0 -> 0. No example at all: the single point +inf. */
    const int none[3] = { 0, 0, 0 }, all[3] = { 1, 1, 1 };
    const nn_real s3[3] = { 1, 2, 3 };
    nn_sweep np = nn_sweep_new(s3, none, 3), nn = nn_sweep_new(s3, all, 3), empty = nn_sweep_new(s3, none, 0);
    int ok = isnan(nn_sweep_auc(&np)) && isnan(nn_sweep_auc(&nn)) && empty.points == 1 && isnan(nn_sweep_auc(&empty));
    for (int k = 0; k < np.points; k++) ok &= nn_sweep_recall(&np, k) == 0 && nn_sweep_fpr(&nn, k) == 0;
    tap_ok(ok, "no positive: recall 0 everywhere, AUC NaN; no negative: FPR 0 everywhere, AUC NaN; n = 0: one point");
    nn_sweep_free(&np); nn_sweep_free(&nn); nn_sweep_free(&empty);
}

/* 2000 examples whose scores take 21 values (many ties), against a brute-force count of
 * the pairs and against nn_threshold + the confusion matrix at every threshold. */
static void check_random(void)
{
    enum { N = 2000 };
    nn_rng rng;
    nn_rng_seed(&rng, 4);
    nn_real *s = malloc(N * sizeof *s);
    int *y = malloc(N * sizeof *y), *pred = malloc(N * sizeof *pred);
    for (int i = 0; i < N; i++) {
        y[i] = nn_rng_uniform01(&rng) < 0.3;
        /* positives score a little higher on average; rounded to 0.05 steps: ties */
        double u = nn_rng_uniform01(&rng) + 0.3 * y[i];
        s[i] = (nn_real)(floor(u * 20) / 20);
    }
    long long correct = 0, ties = 0, P = 0, Nn = 0;
    for (int i = 0; i < N; i++) {
        if (!y[i]) continue;
        P++;
        for (int j = 0; j < N; j++) {
            if (y[j]) continue;
            correct += s[i] > s[j];
            ties += s[i] == s[j];
        }
    }
    for (int i = 0; i < N; i++) Nn += !y[i];
    nn_real pairs = (nn_real)((double)(2 * correct + ties) / (2.0 * (double)P * (double)Nn));
    nn_sweep sw = nn_sweep_new(s, y, N);
    nn_real auc = nn_sweep_auc(&sw);
    tap_ok(auc == pairs && ties > 0,
           "[C4.20] AUC by trapezoids %.17g == fraction of %lld x %lld pairs ranked right, ties 1/2 (%.17g; %lld ties), to the bit",
           (double)auc, P, Nn, (double)pairs, ties);

    int agree = 1, worst_k = -1;
    for (int k = 1; k < sw.points; k++) {
        int C[4];
        nn_threshold(nn_matrix_view(s, N, 1), sw.threshold[k], pred);
        nn_confusion_matrix(pred, y, N, 2, C);
        nn_prf m = nn_precision_recall_f1(C, 2, 1);
        int same = C[3] == sw.tp[k] && C[1] == sw.fp[k] && near(m.precision, nn_sweep_precision(&sw, k))
                   && near(m.recall, nn_sweep_recall(&sw, k)) && near((double)C[1] / (double)Nn, nn_sweep_fpr(&sw, k));
        if (!same && agree) worst_k = k;
        agree &= same;
    }
    tap_ok(agree, "each of the %d sweep points equals nn_threshold at its threshold + the confusion matrix "
           "(tp, fp, precision, recall, FPR)%s", sw.points - 1, worst_k >= 0 ? "; first disagreement below" : "");
    if (worst_k >= 0) tap_diag("point %d, threshold %g", worst_k, (double)sw.threshold[worst_k]);
    nn_sweep_free(&sw);
    free(s); free(y); free(pred);
}

/* The zero-denominator rule (nn_metrics.h): 0, never NaN, for each way a ratio can be 0/0. */
static void check_zero_denominators(void)
{
    /* Binary confusion matrices C[t][p] = { TN, FP, FN, TP }. */
    const int no_prediction[4] = { 5, 0, 3, 0 };   /* positives exist, none predicted: P = 0/0 */
    const int no_positive[4] = { 5, 3, 0, 0 };     /* predictions exist, no positive: R = 0/0 */
    const int nothing[4] = { 8, 0, 0, 0 };         /* neither: P, R and F1 all 0/0 */
    nn_prf a = nn_precision_recall_f1(no_prediction, 2, 1), b = nn_precision_recall_f1(no_positive, 2, 1);
    nn_prf c = nn_precision_recall_f1(nothing, 2, 1);
    tap_ok(a.precision == 0 && a.recall == 0 && a.f1 == 0 && b.precision == 0 && b.recall == 0 && b.f1 == 0
           && c.precision == 0 && c.recall == 0 && c.f1 == 0,
           "0/0 gives 0: nothing predicted positive (P %g R %g F1 %g), no positive example (P %g R %g F1 %g), "
           "neither (P %g R %g F1 %g)", (double)a.precision, (double)a.recall, (double)a.f1, (double)b.precision,
           (double)b.recall, (double)b.f1, (double)c.precision, (double)c.recall, (double)c.f1);

    /* The constant "always negative" classifier on a 9:1 set: 900 of 1000 right, F1 0. */
    enum { N = 1000 };
    int truth[N], pred[N], C[4];
    for (int i = 0; i < N; i++) { truth[i] = i % 10 == 0; pred[i] = 0; }
    nn_confusion_matrix(pred, truth, N, 2, C);
    nn_prf m = nn_precision_recall_f1(C, 2, 1);
    nn_real acc = nn_accuracy(pred, truth, N);
    tap_ok(near(acc, 0.9) && m.f1 == 0 && m.precision == 0 && m.recall == 0,
           "[C4.18] always negative on a 9:1 set: accuracy %.17g (0.9), precision %g, recall %g, F1 %g (all 0)",
           (double)acc, (double)m.precision, (double)m.recall, (double)m.f1);
}

int main(void)
{
    tap_plan(4 + 2 + 2 + 2);
    check_hand_case();
    check_extremes();
    check_random();
    check_zero_denominators();
    return tap_done();
}
