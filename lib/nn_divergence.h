/* Divergence: a training run gone wrong, detected and named instead of written down.
 *
 * A loss that becomes NaN or ±Inf has diverged. So has a finite one that climbs far above
 * where it started: with a learning rate too large, each step overshoots the valley it
 * should descend (chapter 5 shows why: past λ = 2/L the error along the steepest direction
 * grows by |1 − λL| > 1 per step). And a finite, flat loss can hide a network that no
 * longer learns at all: ReLU units that are 0 on every input have zero gradient and stay
 * dead, and when a whole hidden layer is dead the output no longer depends on the input.
 *
 *     nn_divergence watch = nn_divergence_start("--lr", lr, 10);
 *     ...each epoch or step:
 *     if (nn_divergence_check(&watch, loss, "epoch 3", msg, sizeof msg)) nn_run_fail(run, 1, "%s", msg);
 *
 * A chapter that shows divergence on purpose (a learning-rate sweep) uses the same check
 * and records "diverged" for that run instead of failing. */
#ifndef NN_DIVERGENCE_H
#define NN_DIVERGENCE_H

#include <stddef.h>
#include "nn_network.h"

typedef struct {
    const char *lr_flag;    /* the flag that sets the learning rate, named in the message */
    double lr;
    double factor;          /* diverged when a loss exceeds factor × the first loss seen */
    double first;           /* the first loss seen; NaN until then */
} nn_divergence;

nn_divergence nn_divergence_start(const char *lr_flag, double lr, double factor);
/* 0 while the loss is finite and at most factor × the first loss; otherwise -1 and a
 * message: "diverged: the loss at epoch 3 is nan (it started at 2.3026); the learning
 * rate --lr 1 is too large: try --lr 0.1". */
int nn_divergence_check(nn_divergence *d, double loss, const char *when, char *msg, size_t len);

/* Units of hidden layer `layer` (from 0) whose activation is 0 on every row of X: the
 * dead units of a ReLU layer. Runs a forward pass on X (in inference mode). */
int nn_dead_units(nn_network *net, nn_matrix X, int layer);

#endif
