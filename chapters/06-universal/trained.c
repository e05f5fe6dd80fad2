/* Section 6.7: built against trained. The same 1-N-1 ReLU network, its weights found by Adam
 * from random starts instead of written down, on samples of the C² target sin 2πx. The
 * learning rate of each width is chosen on a validation set; the sup error is then
 * measured once, on the same fine grid as the built network's. */
#include "universal.h"

#include <stdlib.h>

enum { TRAIN_POINTS = 64, VALIDATION_POINTS = 256, MEASURE_N = 512 };
static const nn_real learning_rates[] = { NN_R(0.01), NN_R(0.03), NN_R(0.1) };
enum { N_RATES = sizeof learning_rates / sizeof learning_rates[0] };

/* x and sin 2πx for n points, as the n×1 matrices X and Y. */
static nn_dataset samples(const target *t, int n, nn_rng *rng_or_null)
{
    nn_dataset d = nn_dataset_new(n, 1, 1, 0);
    for (int i = 0; i < n; i++) {
        d.X.data[i] = rng_or_null ? nn_rng_uniform(rng_or_null, 0, 1) : ((nn_real)i + NN_R(0.5)) / (nn_real)n;
        d.Y.data[i] = target_value(t, d.X.data[i]);
    }
    return d;
}

/* course:begin train_width */
/* A 1-N-1 ReLU network from a random start: weights He-uniform, biases uniform on [−1, 1)
 * (biases of 0 would put every unit's kink at x = 0, the edge of the data), then `steps`
 * full-batch Adam steps on the mean squared error. Returns the network, or NULL if the
 * loss diverged. */
static nn_network *train_width(int N, uint64_t seed, nn_real lr, int steps, const nn_dataset *train)
{
    nn_layer_spec spec[2] = { { N, nn_activation_make(NN_RELU), 0 }, { 1, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(1, 2, spec);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_network_init(net, nn_init_make(NN_INIT_HE_UNIFORM, 0, 0), nn_init_make(NN_INIT_UNIFORM, -1, 1), &rng);
    nn_optimizer_config config = nn_optimizer_defaults(NN_OPT_ADAM);
    config.lr = lr;
    nn_optimizer *opt = nn_optimizer_new(config, net->n_params);
    nn_schedule schedule = { NN_LR_COSINE, lr, 1, 0, 1, steps };
    nn_divergence watch = nn_divergence_start("--lr", lr, 100);
    nn_loss mse = nn_loss_make(NN_LOSS_MSE);
    char msg[256];
    for (int t = 1; t <= steps; t++) {
        nn_real L = nn_network_loss_grad(net, train->X, train->Y, mse, NULL);
        if (nn_divergence_check(&watch, L, "a step", msg, sizeof msg)) {
            nn_network_free(net);
            net = NULL;
            break;
        }
        nn_optimizer_step(opt, net->params, net->grads, nn_schedule_lr(schedule, t - 1));
    }
    nn_optimizer_free(opt);
    return net;
}
/* course:end train_width */

static nn_real validation_mse(nn_network *net, const nn_dataset *valid)
{
    nn_matrix F = nn_network_forward(net, valid->X, NULL);
    return nn_loss_forward(nn_loss_make(NN_LOSS_MSE), F, valid->Y);
}

static int by_value(const void *a, const void *b)
{
    nn_real x = *(const nn_real *)a, y = *(const nn_real *)b;
    return (x > y) - (x < y);
}

/* The widths' seeds, trained at each learning rate; the rate with the lowest mean
 * validation loss is kept, and its networks' sup errors are returned in err (sorted). */
static nn_real train_and_measure(chapter *ch, const target *t, int N, const nn_dataset *train,
                                 const nn_dataset *valid, nn_matrix grid, nn_real *err, nn_progress *progress,
                                 long *done)
{
    nn_real best_loss = INFINITY, best_lr = NAN;
    for (int r = 0; r < N_RATES; r++) {
        nn_real loss = 0, e[32];
        for (int s = 0; s < ch->seeds && isfinite(loss); s++) {
            nn_network *net = train_width(N, ch->common.seed * 1000 + (uint64_t)s, learning_rates[r], ch->steps, train);
            if (!net) { loss = INFINITY; break; }
            loss += validation_mse(net, valid) / ch->seeds;
            e[s] = sup_error(net, t, grid, NULL);
            nn_network_free(net);
            nn_progress_update(progress, ++*done, "width %d, learning rate %g", N, (double)learning_rates[r]);
        }
        if (loss < best_loss) {
            best_loss = loss;
            best_lr = learning_rates[r];
            for (int s = 0; s < ch->seeds; s++) err[s] = e[s];
        }
    }
    if (isnan(best_lr)) nn_run_fail(ch->run, 1, "every learning rate diverged for width %d; lower the rates in trained.c", N);
    qsort(err, ch->seeds, sizeof *err, by_value);
    return best_lr;
}

static void plot_trained(chapter *ch)
{
    FILE *gp = nn_figure(ch->run, "trained", "sin 2πx: the built network against the same width trained by Adam",
                         "neurons N", "sup |f − network| on [0, 1]");
    fprintf(gp, "set logscale x 2\nset logscale y 10\nset format y '10^{%%L}'\nset key top right\n"
                "set xrange [1.6:%d]\n", (int)(1.3 * ch->max_width));
    fprintf(gp, "plot 'trained.dat' using 1:2 with linespoints ls 1 title 'built from the proof (knots i/N)', \\\n"
                "     '' using 1:4:3:5 with yerrorbars ls 2 pt 7 title 'trained by Adam: median, min and max over %d seeds', \\\n"
                "     '' using 1:4 with lines ls 2 notitle, \\\n"
                "     'trained-seeds.dat' using 1:3 with points ls 2 pt 6 ps 0.5 title 'each seed'\n", ch->seeds);
}

void part_trained(chapter *ch)
{
    target t = target_smooth();
    nn_say(&ch->common, "\n== 7. Built against trained: 1-N-1 ReLU on sin 2pi x, Adam, %d steps, %d seeds, %d training points\n",
           ch->steps, ch->seeds, TRAIN_POINTS);
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed + 7);
    nn_dataset train = samples(&t, TRAIN_POINTS, NULL), valid = samples(&t, VALIDATION_POINTS, &rng);
    nn_matrix grid = error_grid(MEASURE_N, &t);
    nn_table *table = nn_table_open(ch->run, "trained.dat", "N built trained_min trained_median trained_max learning_rate");
    nn_table *seeds = nn_table_open(ch->run, "trained-seeds.dat", "N rank sup_error (the seeds in order of their error)");
    int widths = 0;
    for (int N = 2; N <= ch->max_width; N *= 2) widths++;
    nn_progress progress;
    long done = 0;
    nn_progress_start(&progress, &ch->common, "training", (long)widths * N_RATES * ch->seeds);
    for (int N = 2; N <= ch->max_width; N *= 2) {
        nn_real err[32];
        nn_network *built = build_for_target(&t, N);
        nn_real built_err = sup_error(built, &t, grid, NULL);
        nn_network_free(built);
        nn_real lr = train_and_measure(ch, &t, N, &train, &valid, grid, err, &progress, &done);
        nn_real median = ch->seeds % 2 ? err[ch->seeds / 2] : (err[ch->seeds / 2 - 1] + err[ch->seeds / 2]) / 2;
        nn_table_row(table, N, built_err, err[0], median, err[ch->seeds - 1], lr);
        for (int s = 0; s < ch->seeds; s++) nn_table_row(seeds, N, s + 1, err[s]);
        nn_result(ch->run, built_err, "trained.N%d.built", N);
        nn_result(ch->run, err[0], "trained.N%d.best", N);
        nn_result(ch->run, median, "trained.N%d.median", N);
        nn_result(ch->run, err[ch->seeds - 1], "trained.N%d.worst", N);
        nn_result(ch->run, lr, "trained.N%d.learning_rate", N);
        nn_say(&ch->common, "  N = %3d  built %.2e   trained (lr %g) best %.2e median %.2e worst %.2e\n", N,
               (double)built_err, (double)lr, (double)err[0], (double)median, (double)err[ch->seeds - 1]);
    }
    nn_progress_end(&progress);
    nn_result_int(ch->run, ch->seeds, "trained.seeds");
    nn_result_int(ch->run, ch->steps, "trained.steps");
    nn_result_int(ch->run, TRAIN_POINTS, "trained.points");
    plot_trained(ch);
    nn_dataset_free(&train);
    nn_dataset_free(&valid);
    nn_matrix_free(&grid);
}
