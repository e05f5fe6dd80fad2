/* 5.5 Adam, step by step: what the bias correction does.
 *
 * m and s start at 0, so their first values are pulled towards 0: with a constant
 * gradient g, m_t = (1 − β₁ᵗ) g and s_t = (1 − β₂ᵗ) g². Dividing by 1 − β₁ᵗ and 1 − β₂ᵗ
 * undoes exactly that, and every step is then λ g/(|g| + ε) ≈ ±λ. Without the division the
 * step is λ (1 − β₁ᵗ)/√(1 − β₂ᵗ): 3.16 λ at t = 1, because s is much further from its
 * target than m (β₂ = 0.999 forgets ten times more slowly than β₁ = 0.9). The library's
 * Adam is run on one parameter with a constant gradient; the uncorrected steps are the
 * same recurrence with the two divisions left out. */
#include "optimisation.h"

/* Step sizes |θ_t − θ_{t−1}| / λ for t = 1..steps, with a constant gradient g: corrected[]
 * from nn_optimizer_step (Adam), uncorrected[] from the recurrence without 1 − βᵗ. */
void adam_steps(nn_real g, int steps, nn_real *corrected, nn_real *uncorrected)
{
    nn_optimizer_config c = nn_optimizer_defaults(NN_OPT_ADAM);
    nn_optimizer *opt = nn_optimizer_new(c, 1);
    nn_real theta = 0, m = 0, s = 0;
    for (int t = 1; t <= steps; t++) {
        nn_real before = theta;
        nn_optimizer_step(opt, &theta, &g, c.lr);
        corrected[t - 1] = fabs(theta - before) / c.lr;
        m = c.beta1 * m + (1 - c.beta1) * g;
        s = c.beta2 * s + (1 - c.beta2) * g * g;
        uncorrected[t - 1] = fabs(m / (sqrt(s) + c.eps));
    }
    nn_optimizer_free(opt);
}

void section_adam(chapter *ch)
{
    enum { STEPS = 3000 };
    static const nn_real scales[3] = { NN_R(1e-3), 1, NN_R(1e3) };
    static nn_real corrected[3][STEPS], uncorrected[3][STEPS];
    nn_say(&ch->common, "\n5.5 Adam's steps with a constant gradient, with and without the bias correction\n");
    for (int k = 0; k < 3; k++) adam_steps(scales[k], STEPS, corrected[k], uncorrected[k]);
    int peak = 0;
    for (int t = 1; t < STEPS; t++) if (uncorrected[1][t] > uncorrected[1][peak]) peak = t;
    nn_real worst = 0;
    for (int t = 0; t < STEPS; t++)
        for (int k = 0; k < 3; k++) worst = fmax(worst, fabs(corrected[k][t] - 1));
    nn_result(ch->run, uncorrected[1][0], "adam.uncorrected_first_step");
    nn_result_int(ch->run, peak + 1, "adam.uncorrected_peak_step");
    nn_result(ch->run, uncorrected[1][peak], "adam.uncorrected_peak");
    nn_result(ch->run, uncorrected[1][99], "adam.uncorrected_step100");
    nn_result(ch->run, uncorrected[1][STEPS - 1], "adam.uncorrected_step3000");
    nn_result(ch->run, worst, "adam.corrected_max_deviation");
    nn_say(&ch->common, "  corrected: every step within %.1e of lambda for g = 1e-3, 1, 1e3; uncorrected: %.3f lambda at t = 1, "
           "peak %.3f lambda at t = %d, %.3f at t = 100\n", (double)worst, (double)uncorrected[1][0],
           (double)uncorrected[1][peak], peak + 1, (double)uncorrected[1][99]);
    nn_table *t = nn_table_open(ch->run, "adam.dat", "t corrected_g1e-3 corrected_g1 corrected_g1e3 uncorrected_g1 "
                                                    "(step size / lambda)");
    nn_table_digits(t, 8);
    for (int s = 0; s < STEPS; s++)         /* every step to 100, every 10th to 1000, then every 100th */
        if (s < 100 || (s < 1000 && (s + 1) % 10 == 0) || (s + 1) % 100 == 0)
            nn_table_row(t, s + 1, corrected[0][s], corrected[1][s], corrected[2][s], uncorrected[1][s]);
    FILE *gp = nn_figure(ch->run, "adam", "Adam's step with a constant gradient g: with and without the bias correction",
                         "step t", "|θ_t − θ_{t−1}| / λ");
    fprintf(gp, "set logscale x\nset xrange [1:3000]\nset yrange [0:7.5]\nset key top right\n"
                "plot 'adam.dat' using 1:5 with lines ls 2 title 'without correction (any g)', \\\n"
                "     '' using 1:3 with lines ls 1 lw 4 title 'with correction, g = 1', \\\n"
                "     '' using 1:2 with lines ls 3 dt 2 title 'with correction, g = 10^{-3}', \\\n"
                "     '' using 1:4 with lines ls 4 dt 3 title 'with correction, g = 10^{3}'\n");
}
