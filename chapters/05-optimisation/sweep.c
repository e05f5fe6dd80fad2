/* 5.8 Too small, too large: a learning-rate sweep on a network.
 *
 * A 2-16-16-1 ReLU network (He initialisation, biases 0) learns the two moons by full-batch
 * gradient descent on the binary cross-entropy from logits, from the same weights for every
 * λ, with λ spread over four decades. A run that diverges is caught by the library's check
 * (nn_divergence: a loss that is not finite, or above 10 times its start) and recorded as
 * diverged at that step: its curve stops there and is marked, never drawn as NaN. */
#include "optimisation.h"

#include <stdlib.h>

enum { SWEEP_POINTS = 200, SWEEP_RATES = 13 };

/* The runs drawn in panel (b): a decade apart up to 1, then the last three. */
static int drawn_in_b(int k)
{
    return k == 0 || k == 3 || k == 6 || k == 9 || k == 10 || k == 11;
}

/* λ = 10^(−3 + k/3), k = 0..12: 1e-3 to 10, three per decade. */
nn_real sweep_lr(int k)
{
    return (nn_real)pow(10, -3 + k / 3.0);
}

/* course:begin sweep_run */
/* Trains from the seed's weights at learning rate lr for `steps` full-batch steps; loss[t]
 * is the loss before step t + 1 (t = 0..steps: loss[steps] after the last step). Returns
 * the step at which the divergence check fired, or -1 if the run stayed finite and below 10
 * times its first loss. */
int sweep_run(nn_real lr, int steps, uint64_t seed, nn_real *loss)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_dataset moons = nn_data_moons(SWEEP_POINTS, NN_R(0.1), &rng);
    nn_layer_spec spec[3] = { { 16, nn_activation_make(NN_RELU), 0 }, { 16, nn_activation_make(NN_RELU), 0 },
                              { 1, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(2, 3, spec);
    nn_network_init(net, nn_init_make(NN_INIT_HE_NORMAL, 0, 0), nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    nn_optimizer *opt = nn_optimizer_new(nn_optimizer_defaults(NN_OPT_SGD), net->n_params);
    nn_loss bce = nn_loss_make(NN_LOSS_BCE_LOGITS);
    nn_divergence watch = nn_divergence_start("lambda", lr, 10);
    char when[32], msg[256];
    int diverged = -1;
    for (int t = 0; t <= steps && diverged < 0; t++) {
        nn_real L = nn_network_loss_grad(net, moons.X, moons.Y, bce, NULL);
        snprintf(when, sizeof when, "step %d", t);
        if (nn_divergence_check(&watch, L, when, msg, sizeof msg)) { diverged = t; break; }
        loss[t] = L;
        if (t < steps) nn_optimizer_step(opt, net->params, net->grads, lr);
    }
    nn_optimizer_free(opt);
    nn_network_free(net);
    nn_dataset_free(&moons);
    return diverged;
}
/* course:end sweep_run */

void section_sweep(chapter *ch)
{
    int steps = ch->sweep_steps;
    nn_say(&ch->common, "\n5.8 Learning-rate sweep: 2-16-16-1 ReLU on two moons, full batch, %d steps, lambda from 1e-3 to 10\n",
           steps);
    nn_result_int(ch->run, steps, "sweep.steps");
    nn_matrix curves = nn_matrix_new(steps + 1, SWEEP_RATES + 1);
    nn_table *summary = nn_table_open(ch->run, "sweep.dat",
                                      "lr final_loss diverged_at_step (when diverged: the step, and 10 x the first loss in place of the final one; else -1)");
    nn_table *stops = nn_table_open(ch->run, "sweep_stops.dat",
                                    "step loss (the last loss checked before each drawn run diverged)");
    nn_real *loss = malloc(sizeof(nn_real) * (size_t)(steps + 1));
    int first_diverged = -1, best = -1;
    nn_real best_loss = 0;
    for (int k = 0; k < SWEEP_RATES; k++) {
        nn_real lr = sweep_lr(k);
        int at = sweep_run(lr, steps, ch->common.seed, loss);
        int last = at < 0 ? steps : at - 1;             /* the last finite, checked loss */
        for (int t = 0; t <= steps; t++) {
            NN_AT(curves, t, 0) = t;
            NN_AT(curves, t, k + 1) = t <= last ? loss[t] : -1;     /* -1: not drawn (see the script) */
        }
        nn_result(ch->run, lr, "sweep.run%02d.lr", k + 1);
        if (at < 0) {
            nn_result(ch->run, loss[steps], "sweep.run%02d.final_loss", k + 1);
            nn_result_text(ch->run, "trained", "sweep.run%02d.status", k + 1);
            if (best < 0 || loss[steps] < best_loss) { best = k; best_loss = loss[steps]; }
            nn_table_row(summary, lr, loss[steps], -1);
            nn_say(&ch->common, "  lambda %-8.3g loss %.4f -> %.4g\n", (double)lr, (double)loss[0], (double)loss[steps]);
        } else {
            if (first_diverged < 0) first_diverged = k;
            nn_result_int(ch->run, at, "sweep.run%02d.diverged_at_step", k + 1);
            nn_result_text(ch->run, "diverged", "sweep.run%02d.status", k + 1);
            nn_table_row(summary, lr, 10 * loss[0], at);
            if (drawn_in_b(k) && at > 0) nn_table_row(stops, at - 1, loss[at - 1]);
            nn_say(&ch->common, "  lambda %-8.3g diverged at step %d (loss above 10 times its start, or not finite)\n",
                   (double)lr, at);
        }
    }
    nn_result(ch->run, loss[0], "sweep.first_loss");
    nn_result(ch->run, sweep_lr(best), "sweep.best_lr");
    nn_result(ch->run, best_loss, "sweep.best_final_loss");
    nn_result(ch->run, first_diverged >= 0 ? sweep_lr(first_diverged) : 0, "sweep.smallest_diverged_lr");
    nn_table *ct = nn_table_open(ch->run, "sweep_curves.dat", "step lr1 lr2 lr3 lr4 lr5 lr6 lr7 lr8 lr9 lr10 lr11 lr12 "
                                 "lr13 (loss; -1 after a divergence)");
    nn_table_digits(ct, 8);
    for (int t = 0; t <= steps; t++) {
        double row[SWEEP_RATES + 1];
        for (int k = 0; k <= SWEEP_RATES; k++) row[k] = NN_AT(curves, t, k);
        nn_table_add(ct, row, SWEEP_RATES + 1);
    }
    FILE *gp = nn_figure(ch->run, "sweep", NULL, NULL, NULL);
    fprintf(gp, "eval size(1100, 440)\nset multiplot layout 1,2 title 'Gradient descent with λ from 10^{-3} to 10: "
                "2-16-16-1 ReLU network, two moons, full batch, the same initial weights'\n"
                "set title '(a) loss after %d steps (✕: diverged, drawn at the threshold 10 × the first loss)'\n"
                "set logscale xy\nset format x '10^{%%L}'\nset xlabel 'learning rate λ'\nset ylabel 'training loss (BCE)'\n"
                "set key bottom left\n"
                "plot 'sweep.dat' using 1:($3 < 0 ? $2 : NaN) with linespoints ls 1 title 'trained', \\\n"
                "     '' using 1:($3 >= 0 ? $2 : NaN) with points pt 2 ps 2 lw 2 lc rgb '#D55E00' title 'diverged'\n"
                "set title '(b) loss during training, six of the λ (✕: where a run diverged)'\nset xlabel 'step + 1'\n"
                "set xrange [1:%d]\nset key bottom left font ',10'\n", steps, steps + 1);
    fprintf(gp, "plot ");
    for (int k = 0, style = 1; k < SWEEP_RATES; k++) {
        if (!drawn_in_b(k)) continue;
        fprintf(gp, "'sweep_curves.dat' using ($1+1):(column(%d) > 0 ? column(%d) : NaN) with lines ls %d "
                    "title 'λ = %.3g', \\\n     ", k + 2, k + 2, style++, (double)sweep_lr(k));
    }
    fprintf(gp, "'sweep_stops.dat' using ($1+1):2 with points pt 2 ps 2 lw 2 lc rgb '#000000' title 'diverged'\n"
                "unset multiplot\n");
    free(loss);
    nn_matrix_free(&curves);
}
