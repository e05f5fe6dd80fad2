/* nn_network_set_layer: networks built from weights the program computes.
 *
 * 1. A 2-3-1 ReLU network written with small dyadic weights (exact in double and float)
 *    gives, through nn_network_forward, exactly the outputs of the same sums written out
 *    here by hand.
 * 2. The weights land where the header says: net->params is layer 0's W row by row, its b,
 *    then layer 1's W and b.
 * 3. Copying every layer of a randomly initialised network into a fresh one reproduces its
 *    parameter block and its outputs bit for bit, and its gradient (a built network trains
 *    like any other).
 * 4. A W or b of the wrong shape, or a layer number out of range, stops the program with a
 *    message that names both shapes (checked in a child process). */
#include "nn.h"
#include "tap.h"
#include "test_util.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const nn_real W0[3 * 2] = { 1, NN_R(-0.5), NN_R(0.25), 2, -1, NN_R(0.75) };
static const nn_real b0[3] = { NN_R(0.5), -1, NN_R(0.125) };
static const nn_real W1[1 * 3] = { 2, NN_R(-1.5), NN_R(0.5) };
static const nn_real b1[1] = { NN_R(-0.25) };

static nn_network *relu_2_3_1(void)
{
    nn_layer_spec spec[2] = { { 3, nn_activation_make(NN_RELU), 0 },
                              { 1, nn_activation_make(NN_IDENTITY), 0 } };
    return nn_network_new(2, 2, spec);
}

/* y = W1 relu(W0 x + b0) + b1, in the order of the sums above. */
static nn_real by_hand(const nn_real x[2])
{
    nn_real y = b1[0];
    for (int j = 0; j < 3; j++) {
        nn_real z = W0[2 * j] * x[0] + W0[2 * j + 1] * x[1] + b0[j];
        y += W1[j] * (z > 0 ? z : 0);
    }
    return y;
}

static void built_by_hand(void)
{
    nn_network *net = relu_2_3_1();
    nn_network_set_layer(net, 0, nn_matrix_view((nn_real *)W0, 3, 2), nn_matrix_view((nn_real *)b0, 1, 3));
    nn_network_set_layer(net, 1, nn_matrix_view((nn_real *)W1, 1, 3), nn_matrix_view((nn_real *)b1, 1, 1));
    /* Inputs on a grid of quarters: every product and sum is exact. */
    enum { SIDE = 9 };
    nn_matrix X = nn_matrix_new(SIDE * SIDE, 2);
    for (int i = 0; i < SIDE * SIDE; i++) {
        NN_AT(X, i, 0) = (nn_real)(i / SIDE - SIDE / 2) / 4;
        NN_AT(X, i, 1) = (nn_real)(i % SIDE - SIDE / 2) / 4;
    }
    nn_matrix Y = nn_network_forward(net, X, NULL);
    int differ = 0, active = 0;
    for (int i = 0; i < X.rows; i++) {
        nn_real x[2] = { NN_AT(X, i, 0), NN_AT(X, i, 1) };
        differ += Y.data[i] != by_hand(x);
        active += NN_AT(net->A[0], i, 0) > 0 && NN_AT(net->A[0], i, 1) == 0;
    }
    tap_ok(differ == 0 && active > 0,
           "set_layer: a 2-3-1 ReLU network written by hand gives the hand-written sums exactly "
           "on %d inputs (%d differ; %d inputs with unit 1 on and unit 2 off)", X.rows, differ, active);

    const nn_real *blocks[4] = { W0, b0, W1, b1 };
    const size_t sizes[4] = { 6, 3, 3, 1 };
    size_t offset = 0, misplaced = 0;
    for (int k = 0; k < 4; k++)
        for (size_t i = 0; i < sizes[k]; i++) misplaced += net->params[offset++] != blocks[k][i];
    tap_ok(offset == net->n_params && misplaced == 0,
           "set_layer: params holds W0 (row by row), b0, W1, b1 in that order: %zu of %zu misplaced",
           misplaced, net->n_params);
    nn_matrix_free(&X);
    nn_network_free(net);
}

static void copied_from_a_random_network(void)
{
    nn_rng rng;
    nn_rng_seed(&rng, 7);
    nn_network *a = relu_2_3_1(), *b = relu_2_3_1();
    nn_network_init(a, nn_init_make(NN_INIT_HE_UNIFORM, 0, 0), nn_init_make(NN_INIT_UNIFORM, -1, 1), &rng);
    for (int l = 0; l < a->n_layers; l++) nn_network_set_layer(b, l, a->layers[l].W, a->layers[l].b);
    nn_matrix X = nn_matrix_new(64, 2), T = nn_matrix_new(64, 1);
    fill_uniform(X, &rng, -2, 2);
    fill_uniform(T, &rng, -1, 1);
    nn_loss mse = nn_loss_make(NN_LOSS_MSE);
    nn_real La = nn_network_loss_grad(a, X, T, mse, NULL), Lb = nn_network_loss_grad(b, X, T, mse, NULL);
    int same_params = memcmp(a->params, b->params, a->n_params * sizeof(nn_real)) == 0;
    int same_out = memcmp(a->A[1].data, b->A[1].data, 64 * sizeof(nn_real)) == 0;
    int same_grad = memcmp(a->grads, b->grads, a->n_params * sizeof(nn_real)) == 0;
    tap_ok(same_params && same_out && same_grad && La == Lb,
           "set_layer: a copy of a random network has the same parameters (%s), outputs (%s), "
           "loss (%s) and gradient (%s), bit for bit", same_params ? "yes" : "no",
           same_out ? "yes" : "no", La == Lb ? "yes" : "no", same_grad ? "yes" : "no");
    nn_matrix_free(&X);
    nn_matrix_free(&T);
    nn_network_free(a);
    nn_network_free(b);
}

/* Runs set_layer(l, W rows×cols, b 1×b_cols) in a child; returns its stderr and whether it
 * died by SIGABRT. */
static int refused(int l, int rows, int cols, int b_cols, char *message, size_t len)
{
    int fd[2];
    if (pipe(fd) != 0) return 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 2);
        close(fd[0]);
        nn_network *net = relu_2_3_1();
        nn_matrix W = nn_matrix_new(rows, cols), b = nn_matrix_new(1, b_cols);
        nn_network_set_layer(net, l, W, b);
        _exit(0);
    }
    close(fd[1]);
    ssize_t got = read(fd[0], message, len - 1);
    message[got > 0 ? got : 0] = '\0';
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    char *nl = strchr(message, '\n');
    if (nl) *nl = '\0';
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void wrong_shapes(void)
{
    char msg[512];
    int ok = refused(0, 2, 3, 3, msg, sizeof msg);
    tap_ok(ok && strstr(msg, "W is 2 x 3, expected 3 x 2"),
           "set_layer: W transposed is refused: \"%s\"", msg);
    ok = refused(1, 1, 3, 2, msg, sizeof msg);
    tap_ok(ok && strstr(msg, "b is 1 x 2, expected 1 x 1"), "set_layer: b too long is refused: \"%s\"", msg);
    ok = refused(2, 1, 3, 1, msg, sizeof msg);
    tap_ok(ok && strstr(msg, "layer 2 of a network of 2 layers"),
           "set_layer: a layer past the last is refused: \"%s\"", msg);
    ok = refused(1, 1, 3, 1, msg, sizeof msg);
    tap_ok(!ok && msg[0] == '\0', "set_layer: the right shapes pass (no message, no abort)");
}

int main(void)
{
    tap_plan(7);
    built_by_hand();
    copied_from_a_random_network();
    wrong_shapes();
    return tap_done();
}
