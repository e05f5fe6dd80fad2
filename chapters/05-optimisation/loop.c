/* 5.1 The plain loop, and every optimiser as a change to its last line.
 *
 * Chapter 3 (§3.8) ends with the source's classifier, a 2-h-1 network with sigmoid units
 * and the binary cross-entropy, trained by plain gradient descent:
 *     forward, loss, backward, θ ← θ − λ∇L(θ).
 * Here the same network is the library's (nn_network: batched forward and backward, all
 * parameters in one flat vector), on noisy XOR, and the last line is nn_optimizer_step: the
 * ten optimisers of nn_optim.h each replace θ ← θ − λ∇ by their own update. Each starts from
 * the same weights and takes the same full-batch steps. One learning rate per family, not
 * tuned: λ = 1 where the step is λ times a gradient (sgd, momentum, nesterov; adadelta,
 * whose λ only scales a step already in θ's units), λ = 0.05 where each coordinate moves
 * by about λ per step whatever the gradient's size (adagrad, rmsprop, adam, adamw, adamax,
 * nadam; 5.5 shows why). */
#include "optimisation.h"

#include <stdlib.h>

enum { LOOP_POINTS = 200 };         /* XOR: 4 noisy clusters of 50 */
static const nn_real loop_noise = NN_R(0.2);

/* The learning rate of each kind in this section (see the opening comment). */
static nn_real loop_lr(nn_optimizer_kind kind)
{
    switch (kind) {
    case NN_OPT_SGD: case NN_OPT_MOMENTUM: case NN_OPT_NESTEROV: case NN_OPT_ADADELTA: return 1;
    default: return NN_R(0.05);
    }
}

/* The source's network: 2 inputs, h sigmoid hidden units, 1 sigmoid output, every weight
 * and bias uniform on [−1, 1) (its 2*np.random.random(...) − 1). */
nn_network *source_network(int hidden, nn_rng *rng)
{
    nn_layer_spec spec[2] = { { hidden, nn_activation_make(NN_SIGMOID), 0 },
                              { 1, nn_activation_make(NN_SIGMOID), 0 } };
    nn_network *net = nn_network_new(2, 2, spec);
    nn_init u = nn_init_make(NN_INIT_UNIFORM, -1, 1);
    nn_network_init(net, u, u, rng);
    return net;
}

/* course:begin loop */
/* The loop of §3.8 on the library's network. Only the last line knows the optimiser. */
static nn_real train_full_batch(nn_network *net, nn_matrix X, nn_matrix Y, nn_optimizer *opt,
                                nn_real lr, int steps, nn_real *curve)
{
    nn_loss bce = nn_loss_make(NN_LOSS_BCE);
    nn_divergence watch = nn_divergence_start("lr", lr, 10);
    char msg[256];
    nn_real L = 0;
    for (int t = 0; t < steps; t++) {
        L = nn_network_loss_grad(net, X, Y, bce, NULL);     /* forward, loss, backward: ∇L in net->grads */
        if (curve) curve[t] = L;
        if (nn_divergence_check(&watch, L, "a step", msg, sizeof msg)) return NAN;
        nn_optimizer_step(opt, net->params, net->grads, lr); /* θ ← θ − λ∇L for sgd */
    }
    L = nn_loss_forward(bce, nn_network_forward(net, X, NULL), Y);
    if (curve) curve[steps] = L;
    return L;
}
/* course:end loop */

nn_real loop_train(nn_optimizer_kind kind, nn_real lr, int hidden, int steps, uint64_t seed,
                   nn_real *curve)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_dataset xor = nn_data_xor(LOOP_POINTS, loop_noise, &rng);
    nn_network *net = source_network(hidden, &rng);     /* the same weights for every kind */
    nn_optimizer_config config = nn_optimizer_defaults(kind);
    nn_optimizer *opt = nn_optimizer_new(config, net->n_params);
    nn_real L = train_full_batch(net, xor.X, xor.Y, opt, lr, steps, curve);
    nn_optimizer_free(opt);
    nn_network_free(net);
    nn_dataset_free(&xor);
    return L;
}

void section_loop(chapter *ch)
{
    int steps = ch->loop_steps;
    nn_say(&ch->common, "\n5.1 The plain loop: 2-%d-1 sigmoid/BCE on XOR (%d points), %d full-batch steps, "
           "every optimiser from the same weights\n", ch->hidden, LOOP_POINTS, steps);
    nn_result_int(ch->run, ch->hidden, "loop.hidden");
    nn_result_int(ch->run, steps, "loop.steps");
    nn_result_int(ch->run, LOOP_POINTS, "loop.points");
    nn_matrix curves = nn_matrix_new(steps + 1, NN_OPTIMIZER_COUNT + 1);
    nn_real *curve = malloc(sizeof(nn_real) * (size_t)(steps + 1));
    for (int k = 0; k < NN_OPTIMIZER_COUNT; k++) {
        const char *name = nn_optimizer_name((nn_optimizer_kind)k);
        nn_real lr = loop_lr((nn_optimizer_kind)k);
        nn_real L = loop_train((nn_optimizer_kind)k, lr, ch->hidden, steps, ch->common.seed, curve);
        if (isnan(L)) nn_run_fail(ch->run, 1, "5.1: %s diverged at lr %g; lower the learning rates of loop.c", name, (double)lr);
        for (int t = 0; t <= steps; t++) {
            NN_AT(curves, t, 0) = t;
            NN_AT(curves, t, k + 1) = curve[t];
        }
        nn_result(ch->run, lr, "loop.%s.lr", name);
        nn_result(ch->run, curve[0], "loop.%s.first_loss", name);
        nn_result(ch->run, L, "loop.%s.final_loss", name);
        nn_say(&ch->common, "  %-9s lr %-5g loss %.4f -> %.4f\n", name, (double)lr, (double)curve[0], (double)L);
    }
    /* every step up to 50, then every 10th: the figure's step axis is logarithmic */
    nn_table *t = nn_table_open(ch->run, "loop.dat", "step sgd momentum nesterov adagrad rmsprop adam adamw adadelta "
                                "adamax nadam (training loss before each step)");
    nn_table_digits(t, 8);
    for (int s = 0; s <= steps; s++) {
        if (s > 50 && s % 10 != 0 && s != steps) continue;
        double row[NN_OPTIMIZER_COUNT + 1];
        for (int k = 0; k <= NN_OPTIMIZER_COUNT; k++) row[k] = NN_AT(curves, s, k);
        nn_table_add(t, row, NN_OPTIMIZER_COUNT + 1);
    }
    FILE *gp = nn_figure(ch->run, "loop", NULL, "step", NULL);
    fprintf(gp, "eval size(1100, 440)\nset multiplot layout 1,2 title 'The loop of §3.8 with each optimiser as its "
                "last line: 2-%d-1 sigmoid network, BCE, noisy XOR, full batch'\n"
                "set logscale x\nset xrange [1:%d]\nset ylabel 'training loss (BCE)'\nset key bottom left\n"
                "set title 'gradient descent and momentum (λ = 1)'\n"
                "plot 'loop.dat' using ($1+1):2 with lines ls 7 title 'sgd', \\\n"
                "     '' using ($1+1):3 with lines ls 1 title 'momentum', \\\n"
                "     '' using ($1+1):4 with lines ls 2 dt 2 title 'nesterov'\n"
                "set title 'adaptive steps (λ = 0.05; adadelta λ = 1)'\n"
                "plot 'loop.dat' using ($1+1):2 with lines ls 7 title 'sgd', \\\n"
                "     '' using ($1+1):5 with lines ls 3 title 'adagrad', \\\n"
                "     '' using ($1+1):6 with lines ls 4 title 'rmsprop', \\\n"
                "     '' using ($1+1):9 with lines ls 6 title 'adadelta', \\\n"
                "     '' using ($1+1):7 with lines ls 1 title 'adam', \\\n"
                "     '' using ($1+1):10 with lines ls 5 dt 2 title 'adamax', \\\n"
                "     '' using ($1+1):11 with lines ls 2 dt 3 title 'nadam'\n"
                "unset multiplot\n", ch->hidden, steps + 1);
    free(curve);
    nn_matrix_free(&curves);
}
