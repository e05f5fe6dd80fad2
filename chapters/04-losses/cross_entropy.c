/* Part 5: cross-entropy done right. The formulas as the lecture writes them, through the
 * probability, break on ordinary logits: 1 − σ(z) rounds to 0 from z ≈ 36.7 on, and
 * e^1000 overflows. The forms the library uses (chapter 2 trained with them on credit)
 * are the same functions, rearranged so that nothing overflows or cancels. */
#include "losses.h"

#include <stdlib.h>

/* course:begin naive */
/* Binary cross-entropy as the formula reads: p = σ(z), ℓ = −[y log p + (1 − y) log(1 − p)]. */
double naive_bce(double z, double y)
{
    double p = 1 / (1 + exp(-z));
    return -(y * log(p) + (1 - y) * log(1 - p));
}

/* Its gradient by the chain rule through p: dℓ/dp · dp/dz = (−y/p + (1 − y)/(1 − p)) · p(1 − p). */
double naive_bce_gradient(double z, double y)
{
    double p = 1 / (1 + exp(-z));
    return (-y / p + (1 - y) / (1 - p)) * (p * (1 - p));
}

/* Softmax cross-entropy as the formula reads: S_k = e^{z_k} / Σ_j e^{z_j}, ℓ = −log S_label. */
double naive_softmax_ce(const double *z, int q, int label)
{
    double sum = 0;
    for (int j = 0; j < q; j++) sum += exp(z[j]);
    return -log(exp(z[label]) / sum);
}
/* course:end naive */

/* The library's forms: bce_logits ℓ = softplus(z) − yz, softmax_ce ℓ = lse(z) − z_label. */
static nn_real stable_bce(nn_real z, nn_real y)
{
    return nn_loss_forward(nn_loss_make(NN_LOSS_BCE_LOGITS), nn_matrix_view(&z, 1, 1), nn_matrix_view(&y, 1, 1));
}

static nn_real stable_bce_gradient(nn_real z, nn_real y)
{
    nn_real g;
    nn_loss_backward(nn_loss_make(NN_LOSS_BCE_LOGITS), nn_matrix_view(&z, 1, 1), nn_matrix_view(&y, 1, 1),
                     nn_matrix_view(&g, 1, 1));
    return g;
}

/* A number for results.txt, or the word for what it is not ("inf", "nan"). */
static void result_or_word(chapter *ch, double v, const char *key)
{
    if (isfinite(v)) nn_result(ch->run, v, "%s", key);
    else nn_result_text(ch->run, isnan(v) ? "nan" : v > 0 ? "inf" : "-inf", "%s", key);
}

static const double table_z[] = { 0, 10, 20, 30, 36, 37, 40, 100, 1000 };
enum { N_TABLE = sizeof table_z / sizeof table_z[0], CURVE = 2000 };

void part_cross_entropy(chapter *ch)
{
    /* BCE of a negative example (y = 0) with logit z: the true value is softplus(z). */
    char key[64];
    for (int k = 0; k < N_TABLE; k++) {
        double z = table_z[k];
        snprintf(key, sizeof key, "bce.z%g.naive", z);
        result_or_word(ch, naive_bce(z, 0), key);
        snprintf(key, sizeof key, "bce.z%g.naive_gradient", z);
        result_or_word(ch, naive_bce_gradient(z, 0), key);
        nn_result(ch->run, stable_bce((nn_real)z, 0), "bce.z%g.stable", z);
        nn_result(ch->run, stable_bce_gradient((nn_real)z, 0), "bce.z%g.stable_gradient", z);
    }
    /* The naive form's relative error against the stable one, z from 0.02 up to where it
     * turns infinite (1 − σ(z) = 0: e^{−z} below half an ulp of 1). */
    nn_table *t = nn_table_open(ch->run, "naive-bce.dat", "z relative_error_of_naive_bce");
    nn_table_digits(t, 6);
    double first_inf = NAN, worst_below_10 = 0;
    for (int i = 1; i <= CURVE; i++) {
        double z = 0.02 * i, naive = naive_bce(z, 0), stable = (double)stable_bce((nn_real)z, 0);
        if (!isfinite(naive)) {
            first_inf = z;
            break;
        }
        double rel = fabs(naive - stable) / stable;
        if (z <= 10 && rel > worst_below_10) worst_below_10 = rel;
        if (rel > 0) nn_table_row(t, z, rel);   /* a log scale: exact points are not drawn */
    }
    result_or_word(ch, first_inf, "bce.naive_first_infinite_z");
    nn_result(ch->run, worst_below_10, "bce.naive_worst_relative_error_below_z10");
    FILE *gp = nn_figure(ch->run, "naive-bce", "BCE of a negative example through p = σ(z): the error of the naive formula",
                         "logit z (the example is negative, y = 0)", "relative error of −log(1 − σ(z))");
    fprintf(gp, "set logscale y\nset format y '10^{%%T}'\nset xrange [0:40]\nset key bottom right\n"
                "first_inf = %.17g\n"
                "set arrow 1 from first first_inf, graph 0 to first first_inf, graph 1 nohead ls 2 dt 2\n"
                "set label 1 sprintf(\"dashed line: from z = %%.2f on, 1 − σ(z) rounds to 0\\nand the naive loss is +Inf\", "
                "first_inf) at graph 0.03, graph 0.93 left\n"
                "plot 'naive-bce.dat' using 1:2 with points ls 1 pt 7 ps 0.25 title 'naive, against softplus(z) (the stable form)', \\\n"
                "     2.2e-16 * exp(x) / x with lines ls 7 dt 2 title 'ε e^z / z: the rounding of 1 − σ(z) ≈ e^{−z}, relative to ℓ ≈ z'\n",
            first_inf);

    /* Softmax cross-entropy at logits of ±1000: e^1000 = Inf, Inf/Inf = NaN. */
    double z3[3] = { 1000, -1000, 0 };
    nn_real zr[3] = { 1000, -1000, 0 };
    int labels[2] = { 0, 1 };
    for (int k = 0; k < 2; k++) {
        result_or_word(ch, naive_softmax_ce(z3, 3, labels[k]), k == 0 ? "softmax.label0.naive" : "softmax.label1.naive");
        nn_real ce = nn_loss_cross_entropy_index_forward(nn_matrix_view(zr, 1, 3), &labels[k]);
        nn_result(ch->run, ce, "softmax.label%d.stable", labels[k]);
    }
    nn_say(&ch->common, "5. naive BCE of a negative at z = 40: %g (stable %.17g), gradient %g (stable %g); "
           "infinite from z = %.2f; softmax CE at (1000, -1000, 0): naive %g and %g, stable 0 and 2000\n",
           naive_bce(40, 0), (double)stable_bce(40, 0), naive_bce_gradient(40, 0), (double)stable_bce_gradient(40, 0),
           first_inf, naive_softmax_ce(z3, 3, 0), naive_softmax_ce(z3, 3, 1));
}
