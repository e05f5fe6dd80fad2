/* 5.9 Initialisation: where the optimiser starts.
 *
 * (a) Symmetry. If two hidden units start with the same incoming and outgoing weights they
 *     compute the same activation on every input, receive the same δ, hence the same
 *     gradient, and stay equal after every step: the layer acts as one unit, whatever the
 *     optimiser. The 2-4-1 sigmoid network of 5.1 is trained from every weight 0.5 (biases 0)
 *     and from the source's uniform weights; the spread between hidden units is measured.
 * (b) Scale. A layer z = W a with independent weights of variance v and inputs of second
 *     moment q gives Var(z_j) = fan_in · v · q. To keep the signal's size through depth,
 *     v = 1/fan_in (LeCun), 2/(fan_in + fan_out) (Glorot: the compromise with the backward
 *     pass, for tanh and sigmoid), 2/fan_in (He: ReLU zeroes half of z, halving q). A
 *     20-layer network of width 128 is run forward on a batch of standard normal inputs
 *     and the standard deviation of each layer's activations is recorded. */
#include "optimisation.h"

#include <stdlib.h>
#include <string.h>

enum { SYMMETRY_HIDDEN = 4, SYMMETRY_POINTS = 200 };

/* Largest difference between hidden units j and k of layer 0, over their incoming weights,
 * their biases and their outgoing weights: 0 when every unit is the same. */
nn_real hidden_unit_spread(const nn_network *net)
{
    const nn_dense *h = &net->layers[0], *out = &net->layers[1];
    nn_real spread = 0;
    for (int j = 1; j < h->out; j++) {
        for (int i = 0; i < h->in; i++) spread = fmax(spread, fabs(NN_AT(h->W, j, i) - NN_AT(h->W, 0, i)));
        spread = fmax(spread, fabs(h->b.data[j] - h->b.data[0]));
        for (int o = 0; o < out->out; o++) spread = fmax(spread, fabs(NN_AT(out->W, o, j) - NN_AT(out->W, o, 0)));
    }
    return spread;
}

/* Trains the 2-4-1 sigmoid/BCE network on the noisy XOR of 5.1 by full-batch steps (λ = 1),
 * from weights all equal to `constant` (biases 0) or, when constant is NAN, from the
 * source's uniform [−1, 1). loss[t] and spread[t] (t = 0..steps) record the loss and the
 * spread between hidden units before each step and at the end. */
void symmetry_run(nn_real constant, int steps, uint64_t seed, nn_real *loss, nn_real *spread)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_dataset xor = nn_data_xor(SYMMETRY_POINTS, NN_R(0.2), &rng);
    nn_network *net = source_network(SYMMETRY_HIDDEN, &rng);
    if (!isnan(constant))
        nn_network_init(net, nn_init_make(NN_INIT_CONSTANT, constant, 0), nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    nn_optimizer *opt = nn_optimizer_new(nn_optimizer_defaults(NN_OPT_SGD), net->n_params);
    nn_loss bce = nn_loss_make(NN_LOSS_BCE);
    for (int t = 0; t <= steps; t++) {
        loss[t] = nn_network_loss_grad(net, xor.X, xor.Y, bce, NULL);
        spread[t] = hidden_unit_spread(net);
        if (t < steps) nn_optimizer_step(opt, net->params, net->grads, 1);
    }
    nn_optimizer_free(opt);
    nn_network_free(net);
    nn_dataset_free(&xor);
}

/* The initialisers compared in (b). */
int depth_configs(depth_config *out)
{
    const depth_config c[] = {
        { NN_TANH, { NN_INIT_GLOROT_NORMAL, 0, 0 }, "tanh_glorot" },
        { NN_TANH, { NN_INIT_NORMAL, 0, 1 }, "tanh_normal1" },
        { NN_TANH, { NN_INIT_NORMAL, 0, NN_R(0.01) }, "tanh_normal0.01" },
        { NN_TANH, { NN_INIT_TRUNCATED_NORMAL, 0, NN_R(0.05) }, "tanh_truncated0.05" },
        { NN_RELU, { NN_INIT_HE_NORMAL, 0, 0 }, "relu_he" },
        { NN_RELU, { NN_INIT_NORMAL, 0, 1 }, "relu_normal1" },
        { NN_RELU, { NN_INIT_NORMAL, 0, NN_R(0.01) }, "relu_normal0.01" },
        { NN_RELU, { NN_INIT_GLOROT_NORMAL, 0, 0 }, "relu_glorot" },
    };
    int count = (int)(sizeof c / sizeof c[0]);
    if (out) memcpy(out, c, sizeof c);
    return count;
}

enum { DEPTH_WIDTH = 128, DEPTH_BATCH = 128, MAX_DEPTH = 100 };

/* course:begin depth_forward */
/* A depth-layer network of width 128, all layers of one activation and one initialiser,
 * biases 0, run forward on 128 standard normal inputs: std[l] is the standard deviation of
 * layer l's activations (l = 0..depth−1) and saturated[l] the fraction with |a| > 0.99. */
void depth_forward(depth_config c, int depth, uint64_t seed, nn_real *std, nn_real *saturated)
{
    nn_layer_spec spec[MAX_DEPTH];
    for (int l = 0; l < depth; l++) spec[l] = (nn_layer_spec){ DEPTH_WIDTH, nn_activation_make(c.act), 0 };
    nn_network *net = nn_network_new(DEPTH_WIDTH, depth, spec);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_network_init(net, c.init, nn_init_make(NN_INIT_ZEROS, 0, 0), &rng);
    nn_matrix X = nn_matrix_new(DEPTH_BATCH, DEPTH_WIDTH);
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_normal(&rng, 0, 1);
    nn_network_forward(net, X, NULL);
    for (int l = 0; l < depth; l++) {
        nn_matrix A = net->A[l];
        size_t n = nn_matrix_size(A);
        double mean = 0, var = 0, sat = 0;
        for (size_t i = 0; i < n; i++) mean += A.data[i];
        mean /= (double)n;
        for (size_t i = 0; i < n; i++) {
            var += (A.data[i] - mean) * (A.data[i] - mean);
            sat += fabs(A.data[i]) > 0.99;
        }
        std[l] = (nn_real)sqrt(var / (double)n);
        if (saturated) saturated[l] = (nn_real)(sat / (double)n);
    }
    nn_matrix_free(&X);
    nn_network_free(net);
}
/* course:end depth_forward */

void section_init(chapter *ch)
{
    /* (a) symmetry */
    int steps = ch->loop_steps;
    nn_real *loss[2], *spread[2];
    for (int k = 0; k < 2; k++) {
        loss[k] = malloc(sizeof(nn_real) * (size_t)(steps + 1));
        spread[k] = malloc(sizeof(nn_real) * (size_t)(steps + 1));
    }
    nn_say(&ch->common, "\n5.9 Initialisation\n  (a) 2-%d-1 sigmoid on XOR, %d full-batch steps of lambda = 1:\n",
           SYMMETRY_HIDDEN, steps);
    symmetry_run(NN_R(0.5), steps, ch->common.seed, loss[0], spread[0]);
    symmetry_run(NAN, steps, ch->common.seed, loss[1], spread[1]);
    nn_real worst_equal = 0;
    for (int t = 0; t <= steps; t++) worst_equal = fmax(worst_equal, spread[0][t]);
    nn_result_int(ch->run, SYMMETRY_HIDDEN, "init.symmetry.hidden");
    nn_result(ch->run, worst_equal, "init.symmetry.equal.max_spread");
    nn_result(ch->run, loss[0][steps], "init.symmetry.equal.final_loss");
    nn_result(ch->run, spread[1][0], "init.symmetry.random.first_spread");
    nn_result(ch->run, spread[1][steps], "init.symmetry.random.final_spread");
    nn_result(ch->run, loss[1][steps], "init.symmetry.random.final_loss");
    nn_say(&ch->common, "      all weights 0.5: hidden units differ by at most %.1e over the run, final loss %.4f\n"
           "      uniform [-1, 1): they differ by %.3f at the start, %.3f at the end, final loss %.4f\n",
           (double)worst_equal, (double)loss[0][steps], (double)spread[1][0], (double)spread[1][steps],
           (double)loss[1][steps]);
    nn_table *t = nn_table_open(ch->run, "symmetry.dat", "step loss_equal spread_equal loss_random spread_random");
    for (int s = 0; s <= steps; s++) nn_table_row(t, s, loss[0][s], spread[0][s], loss[1][s], spread[1][s]);
    FILE *gp = nn_figure(ch->run, "symmetry", "2-4-1 sigmoid network on XOR: equal initial weights never separate",
                         "step + 1", "training loss (BCE)");
    fprintf(gp, "set logscale x\nset xrange [1:%d]\nset key bottom left\n"
                "plot 'symmetry.dat' using ($1+1):2 with lines ls 2 lw 3 title 'every weight 0.5: the 4 hidden units stay one', \\\n"
                "     '' using ($1+1):4 with lines ls 1 title 'uniform on [−1, 1) (the source)'\n", steps + 1);
    for (int k = 0; k < 2; k++) { free(loss[k]); free(spread[k]); }

    /* (b) scale through depth */
    depth_config configs[16];
    int n = depth_configs(configs), depth = ch->depth;
    nn_matrix table = nn_matrix_new(depth, n + 1);
    nn_real stdev[MAX_DEPTH], sat[MAX_DEPTH];
    nn_say(&ch->common, "  (b) %d layers of width %d, %d standard normal inputs: std of the activations\n", depth,
           DEPTH_WIDTH, DEPTH_BATCH);
    nn_result_int(ch->run, depth, "init.depth.layers");
    nn_result_int(ch->run, DEPTH_WIDTH, "init.depth.width");
    for (int k = 0; k < n; k++) {
        depth_forward(configs[k], depth, ch->common.seed, stdev, sat);
        nn_real lo = stdev[0], hi = stdev[0];
        for (int l = 0; l < depth; l++) {
            NN_AT(table, l, 0) = l + 1;
            NN_AT(table, l, k + 1) = stdev[l];
            lo = fmin(lo, stdev[l]);
            hi = fmax(hi, stdev[l]);
        }
        nn_result(ch->run, stdev[0], "init.depth.%s.std_layer1", configs[k].name);
        nn_result(ch->run, stdev[depth - 1], "init.depth.%s.std_last", configs[k].name);
        nn_result(ch->run, stdev[depth - 1] / stdev[0], "init.depth.%s.last_over_first", configs[k].name);
        nn_result(ch->run, hi / lo, "init.depth.%s.max_over_min", configs[k].name);
        if (configs[k].act == NN_TANH)
            nn_result(ch->run, sat[depth - 1], "init.depth.%s.saturated_last", configs[k].name);
        nn_say(&ch->common, "      %-20s layer 1 %.3g, layer %d %.3g (x %.3g)", configs[k].name, (double)stdev[0],
               depth, (double)stdev[depth - 1], (double)(stdev[depth - 1] / stdev[0]));
        if (configs[k].act == NN_TANH)
            nn_say(&ch->common, ", %.0f%% of the last layer at |a| > 0.99", 100 * (double)sat[depth - 1]);
        nn_say(&ch->common, "\n");
    }
    nn_run_table(ch->run, "depth.dat", "layer tanh_glorot tanh_normal1 tanh_normal0.01 tanh_truncated0.05 relu_he "
                 "relu_normal1 relu_normal0.01 relu_glorot (std of the activations)", table, 0);
    gp = nn_figure(ch->run, "depth", NULL, NULL, NULL);
    fprintf(gp, "eval size(1100, 440)\nset multiplot layout 1,2 title 'Standard deviation of the activations through "
                "%d layers of width %d (biases 0, standard normal inputs)'\n"
                "set logscale y\nset format y '10^{%%L}'\nset xlabel 'layer l'\nset ylabel 'std of a_l'\n"
                "set key bottom left font ',10'\nset yrange [1e-21:10]\n"
                "set title '(a) tanh'\n"
                "plot 'depth.dat' using 1:2 with linespoints ls 1 title 'Glorot normal, Var = 2/(fan_{in}+fan_{out})', \\\n"
                "     '' using 1:3 with linespoints ls 2 title 'N(0, 1)', \\\n"
                "     '' using 1:4 with linespoints ls 3 title 'N(0, 0.01^2)', \\\n"
                "     '' using 1:5 with linespoints ls 4 title 'truncated N(0, 0.05^2) (Keras)'\n"
                "set title '(b) ReLU'\nset yrange [1e-23:1e20]\n"
                "plot 'depth.dat' using 1:6 with linespoints ls 1 title 'He normal, Var = 2/fan_{in}', \\\n"
                "     '' using 1:7 with linespoints ls 2 title 'N(0, 1)', \\\n"
                "     '' using 1:8 with linespoints ls 3 title 'N(0, 0.01^2)', \\\n"
                "     '' using 1:9 with linespoints ls 4 title 'Glorot normal'\n"
                "unset multiplot\n", depth, DEPTH_WIDTH);
    nn_matrix_free(&table);
}
