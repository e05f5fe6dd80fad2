/* Decision regions on 2-D data sets.
 *
 * Each set is learnt twice, full batch with Adam: by one layer (a single neuron for the
 * two-class sets, one softmax layer for the three spirals), whose decision boundary is
 * a straight line (or lines meeting at a point), and by a two-hidden-layer tanh MLP.
 * The figure (figures.c) colours the input plane by each model's prediction. */
#include "mlp.h"

#include <stdio.h>
#include <stdlib.h>

/* Full-batch training: `steps` Adam steps on the whole set. Returns the last loss. */
/* course:begin train_full_batch */
nn_real ch2_train_full_batch(ch2_context *cx, nn_network *net, const nn_dataset *d,
                             nn_loss loss, int steps, nn_real lr, const char *what)
{
    nn_optimizer_config config = nn_optimizer_defaults(NN_OPT_ADAM);
    config.lr = lr;
    nn_optimizer *opt = nn_optimizer_new(config, net->n_params);
    nn_progress progress;
    nn_progress_start(&progress, &cx->common, what, steps);
    nn_real L = 0;
    char loss_of[96];
    snprintf(loss_of, sizeof loss_of, "loss of %s", what);
    for (int t = 1; t <= steps; t++) {
        L = nn_network_loss_grad(net, d->X, d->Y, loss, NULL);
        nn_check_finite(L, loss_of, "lower the learning rate given to ch2_train_full_batch");
        nn_optimizer_step(opt, net->params, net->grads, lr);
        if (t % 100 == 0) nn_progress_update(&progress, t, "loss %.4f", (double)L);
    }
    nn_progress_end(&progress);
    nn_optimizer_free(opt);
    return L;
}
/* course:end train_full_batch */

/* Predicted class of each row of X: the sign of the logit for one output (p ≥ 1/2 ⇔
 * z ≥ 0), the largest logit otherwise. */
void ch2_predict(nn_network *net, nn_matrix X, int *classes)
{
    nn_matrix Z = nn_network_forward(net, X, NULL);
    if (Z.cols == 1) nn_threshold(Z, 0, classes);
    else nn_argmax_rows(Z, classes);
}

nn_real ch2_train_accuracy(nn_network *net, const nn_dataset *d)
{
    int *pred = malloc(sizeof(int) * (size_t)d->X.rows);
    ch2_predict(net, d->X, pred);
    nn_real acc = nn_accuracy(pred, d->labels, d->X.rows);
    free(pred);
    return acc;
}

static nn_network *two_d_network(int hidden_layers, int width, nn_activation_kind act,
                                 int outputs, nn_rng *rng)
{
    nn_layer_spec spec[3];
    for (int l = 0; l < hidden_layers; l++)
        spec[l] = (nn_layer_spec){ width, nn_activation_make(act), 0 };
    spec[hidden_layers] = (nn_layer_spec){ outputs, nn_activation_make(NN_IDENTITY), 0 };
    nn_network *net = nn_network_new(2, hidden_layers + 1, spec);
    nn_network_init(net, nn_init_make(NN_INIT_GLOROT_UNIFORM, 0, 0),
                    nn_init_make(NN_INIT_ZEROS, 0, 0), rng);
    return net;
}

#define REGION_STEPS 2000

void ch2_decision_regions(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 5. Decision regions: one layer against an MLP (Adam, full batch, %d steps)\n",
           REGION_STEPS);
    region_set sets[4] = {
        { "xor", "XOR", nn_data_xor(200, NN_R(0.2), &cx->rng), 2, NULL, NULL, NULL },
        { "moons", "moons", nn_data_moons(200, NN_R(0.1), &cx->rng), 2, NULL, NULL, NULL },
        { "circles", "circles", nn_data_circles(200, NN_R(0.08), NN_R(0.5), &cx->rng), 2, NULL, NULL, NULL },
        { "spirals", "spirals", nn_data_spirals(300, 3, NN_R(0.05), &cx->rng), 3, NULL, NULL, NULL },
    };
    const int width[4] = { 16, 16, 16, 32 };
    const char *mlp_name[4] = { "2-16-16-1", "2-16-16-1", "2-16-16-1", "2-32-32-3" };
    for (int i = 0; i < 4; i++) {
        region_set *s = &sets[i];
        int outputs = s->classes == 2 ? 1 : 3;
        nn_loss loss = nn_loss_make(outputs == 1 ? NN_LOSS_BCE_LOGITS : NN_LOSS_SOFTMAX_CE);
        s->one_layer = two_d_network(0, 0, NN_IDENTITY, outputs, &cx->rng);
        s->mlp = two_d_network(2, width[i], NN_TANH, outputs, &cx->rng);
        s->mlp_name = mlp_name[i];
        char what[64];
        snprintf(what, sizeof what, "%s, one layer", s->name);
        nn_real L1 = ch2_train_full_batch(cx, s->one_layer, &s->data, loss, REGION_STEPS, NN_R(0.01), what);
        snprintf(what, sizeof what, "%s, %s", s->name, mlp_name[i]);
        nn_real L2 = ch2_train_full_batch(cx, s->mlp, &s->data, loss, REGION_STEPS, NN_R(0.01), what);
        nn_real a1 = ch2_train_accuracy(s->one_layer, &s->data), a2 = ch2_train_accuracy(s->mlp, &s->data);
        nn_say(c, "  %-8s %3d points   one layer: loss %.4f accuracy %.3f   %s: loss %.4f accuracy %.3f\n",
               s->name, s->data.X.rows, (double)L1, (double)a1, mlp_name[i], (double)L2, (double)a2);
        nn_result(cx->run, a1, "%s_one_layer_accuracy", s->name);
        nn_result(cx->run, L1, "%s_one_layer_loss", s->name);
        nn_result(cx->run, a2, "%s_mlp_accuracy", s->name);
        nn_result(cx->run, L2, "%s_mlp_loss", s->name);
    }
    /* Why the activation matters: the same 2-16-16-1 with identity activations is one
     * linear layer in disguise, and XOR defeats it exactly as it defeats one neuron. */
    nn_network *linear = two_d_network(2, 16, NN_IDENTITY, 1, &cx->rng);
    nn_real L_lin = ch2_train_full_batch(cx, linear, &sets[0].data, nn_loss_make(NN_LOSS_BCE_LOGITS),
                                         REGION_STEPS, NN_R(0.01), "xor, linear stack");
    nn_real a_lin = ch2_train_accuracy(linear, &sets[0].data);
    nn_say(c, "  xor with 2-16-16-1 identity activations (a linear stack): loss %.4f, accuracy %.3f\n",
           (double)L_lin, (double)a_lin);
    nn_result(cx->run, L_lin, "xor_linear_stack_loss");
    nn_result(cx->run, a_lin, "xor_linear_stack_accuracy");
    nn_network_free(linear);

    figure_regions(cx->run, sets, 4);
    for (int i = 0; i < 4; i++) {
        nn_network_free(sets[i].one_layer);
        nn_network_free(sets[i].mlp);
        nn_dataset_free(&sets[i].data);
    }
}
