/* Divergence checks: a non-finite loss, a loss far above its start, and dead ReLU units,
 * each detected on both sides of its threshold. */
#include "nn.h"
#include "tap.h"

#include <string.h>

static void test_loss_watch(void)
{
    char msg[512] = "";
    nn_divergence d = nn_divergence_start("--lr", 1, 10);
    int ok = nn_divergence_check(&d, 2.5, "step 1", msg, sizeof msg) == 0 &&
             nn_divergence_check(&d, 25.0, "step 2", msg, sizeof msg) == 0;     /* exactly 10x: fine */
    int caught = nn_divergence_check(&d, 25.01, "step 3", msg, sizeof msg) == -1;
    tap_ok(ok && caught && strstr(msg, "the loss at step 3 is 25.01, over 10 times its start (it started at 2.5)") &&
           strstr(msg, "--lr 1 is too large: try --lr 0.1"),
           "a loss at 10x its start passes, at 10.004x it is divergence: '%s'", msg);
    d = nn_divergence_start("--lr", 0.5, 10);
    nn_divergence_check(&d, 1.0, "epoch 1", msg, sizeof msg);
    caught = nn_divergence_check(&d, NAN, "epoch 2", msg, sizeof msg) == -1 &&
             strstr(msg, "epoch 2 is nan (it started at 1)") && strstr(msg, "try --lr 0.05");
    nn_divergence e = nn_divergence_start("--lr", 0.5, 1e300);
    int inf = nn_divergence_check(&e, INFINITY, "step 1", msg, sizeof msg) == -1 && strstr(msg, "+inf");
    tap_ok(caught && inf, "NaN and +inf losses are divergence whatever the factor, even as the first loss");
}

/* A 2-3-1 ReLU network whose first hidden unit has weights that keep it below 0 on the
 * inputs given, and a second unit with a bias that keeps it alive. */
static void test_dead_units(void)
{
    nn_layer_spec spec[2] = { { 3, nn_activation_make(NN_RELU), 0 }, { 1, nn_activation_make(NN_IDENTITY), 0 } };
    nn_network *net = nn_network_new(2, 2, spec);
    nn_dense *L = &net->layers[0];
    const nn_real W[6] = { -1, -1, 1, 0, 0, 1 }, b[3] = { -0.5, 0.1, -2 };
    for (int i = 0; i < 6; i++) L->W.data[i] = W[i];
    for (int i = 0; i < 3; i++) L->b.data[i] = b[i];
    nn_real x[8] = { 0, 0, 1, 0, 0, 1, 1, 1 };   /* unit 3: x2 - 2 < 0 on all four: dead */
    int dead = nn_dead_units(net, nn_matrix_view(x, 4, 2), 0);
    x[7] = 2.5;                                   /* now x2 - 2 = 0.5 > 0 on the last row */
    int dead_after = nn_dead_units(net, nn_matrix_view(x, 4, 2), 0);
    tap_ok(dead == 2 && dead_after == 1,
           "dead ReLU units: 2 of 3 are 0 on every input; one input with x2 = 2.5 revives unit 3 (%d, then %d)",
           dead, dead_after);
    nn_network_free(net);
}

int main(void)
{
    tap_plan(3);
    test_loss_watch();
    test_dead_units();
    return tap_done();
}
