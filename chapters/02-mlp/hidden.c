/* Inside a 2-2-1 network trained on XOR: the hidden layer as a change of representation.
 *
 * The network computes h = tanh(W1 x + b1) ∈ (−1, 1)², then the logit z = w·h + b. The
 * output layer is one neuron: on its own it can only draw a line. The figure shows the
 * input plane (left) and the same points at their hidden coordinates h (right), with the
 * grid lines of the input plane carried along: tanh bends and folds the plane until the
 * two classes of XOR fall on either side of the output neuron's line w·h + b = 0. */
#include "mlp.h"

#include <stdio.h>
#include <stdlib.h>

/* The width of the hidden layer (exercise: try 1, and read the test [C2.3]). */
#define XOR_HIDDEN 2
#define HIDDEN_STEPS 1500
#define HIDDEN_STARTS 20
#define HIDDEN_DECAY NN_R(0.05) /* keeps the weights moderate: tanh bends the plane rather
                                  * than pressing every point into a corner of the square */
#define SPAN NN_R(2.0)      /* the figure's input plane is [−SPAN, SPAN]² */

/* The smallest signed distance of a hidden point h(x_i) to the output neuron's line
 * w·h + b = 0, positive on the side of the point's class: > 0 for every point exactly when
 * that line separates the classes in the hidden space. */
static nn_real min_signed_distance(nn_network *net, const nn_dataset *d)
{
    nn_matrix Z = nn_network_forward(net, d->X, NULL);   /* z = w·h + b, h kept in A[0] */
    const nn_dense *out = &net->layers[1];
    nn_real norm = sqrt(nn_dot(out->W, out->W)), margin = NN_REAL_MAX;
    for (int i = 0; i < d->X.rows; i++)
        margin = fmin(margin, (d->labels[i] ? 1 : -1) * Z.data[i] / norm);
    return margin;
}

/* A 2-2-1 network can represent XOR, but gradient descent from a random start does not
 * always find it: one hidden unit may settle on a line that serves three clusters, and
 * the loss has a flat valley there. So the chapter trains from HIDDEN_STARTS random
 * starts, counts how many separate the data, and keeps the first that does (or the last
 * start, if none does) for the figure. */
/* course:begin hidden_starts */
static int train_from_starts(ch2_context *cx, nn_network *net, const nn_dataset *d,
                             nn_real *loss, nn_real *accuracy)
{
    nn_real *kept = malloc(sizeof(nn_real) * net->n_params);
    int separating = 0;
    for (int s = 0; s < HIDDEN_STARTS; s++) {
        nn_network_init(net, nn_init_make(NN_INIT_GLOROT_UNIFORM, 0, 0),
                        nn_init_make(NN_INIT_ZEROS, 0, 0), &cx->rng);
        nn_real L = ch2_train_full_batch(cx, net, d, nn_loss_make(NN_LOSS_BCE_LOGITS),
                                         HIDDEN_STEPS, NN_R(0.02), "xor, 2-2-1");
        nn_real acc = ch2_train_accuracy(net, d);
        if (acc == 1) separating++;
        if ((acc == 1 && separating == 1) || (separating == 0 && s == HIDDEN_STARTS - 1)) {
            for (size_t i = 0; i < net->n_params; i++) kept[i] = net->params[i];
            *loss = L;
            *accuracy = acc;
        }
    }
    for (size_t i = 0; i < net->n_params; i++) net->params[i] = kept[i];
    free(kept);
    return separating;
}
/* course:end hidden_starts */

void ch2_hidden_representation(ch2_context *cx)
{
    const nn_common_flags *c = &cx->common;
    nn_say(c, "\n== 6. The hidden layer as a change of representation: 2-%d-1 tanh on XOR\n",
           XOR_HIDDEN);
    nn_dataset d = nn_data_xor(200, NN_R(0.2), &cx->rng);
    nn_layer_spec spec[2] = { { XOR_HIDDEN, nn_activation_make(NN_TANH), 0 },
                              { 1, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(2, 2, spec);
    net->weight_decay = HIDDEN_DECAY;
    nn_real L = 0, acc = 0;
    int separating = train_from_starts(cx, net, &d, &L, &acc);
    nn_real margin = min_signed_distance(net, &d);
    if (XOR_HIDDEN == 2) figure_hidden(cx->run, net, &d, SPAN);   /* h is drawn in a plane */
    const nn_dense *out = &net->layers[1];
    nn_say(c, "  %d of %d random starts separate XOR after %d Adam steps; the figure's network: "
              "loss %.4f, training accuracy %.3f\n", separating, HIDDEN_STARTS, HIDDEN_STEPS,
           (double)L, (double)acc);
    nn_say(c, "  output neuron: z = %+.3f h1 %+.3f h2 %+.3f; smallest signed distance of a "
              "hidden point to its line: %.3f\n", (double)out->W.data[0],
           (double)(XOR_HIDDEN > 1 ? out->W.data[1] : 0), (double)out->b.data[0], (double)margin);
    nn_result_int(cx->run, XOR_HIDDEN, "hidden_units");
    nn_result_int(cx->run, HIDDEN_STARTS, "hidden_starts");
    nn_result_int(cx->run, HIDDEN_STEPS, "hidden_steps");
    nn_result_int(cx->run, separating, "hidden_starts_separating");
    nn_result(cx->run, L, "hidden_xor_loss");
    nn_result(cx->run, acc, "hidden_xor_accuracy");
    nn_result(cx->run, margin, "hidden_min_signed_distance");
    nn_result(cx->run, out->W.data[0], "hidden_output_w1");
    nn_result(cx->run, out->b.data[0], "hidden_output_b");
    nn_network_free(net);
    nn_dataset_free(&d);
}
