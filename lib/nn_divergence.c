/* Divergence checks (see nn_divergence.h). */
#include "nn_divergence.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

nn_divergence nn_divergence_start(const char *lr_flag, double lr, double factor)
{
    nn_divergence d = { lr_flag, lr, factor, NAN };
    return d;
}

int nn_divergence_check(nn_divergence *d, double loss, const char *when, char *msg, size_t len)
{
    if (isnan(d->first) && isfinite(loss)) d->first = loss;
    if (isfinite(loss) && loss <= d->factor * d->first) return 0;
    char started[64] = "";
    if (!isnan(d->first)) snprintf(started, sizeof started, " (it started at %.5g)", d->first);
    char what[64];
    if (isfinite(loss)) snprintf(what, sizeof what, "%.5g, over %g times its start", loss, d->factor);
    else snprintf(what, sizeof what, "%s", isnan(loss) ? "nan" : loss > 0 ? "+inf" : "-inf");
    snprintf(msg, len, "diverged: the loss at %s is %s%s; the learning rate %s %g is too large: "
                       "try %s %g", when, what, started, d->lr_flag, d->lr, d->lr_flag, d->lr / 10);
    return -1;
}

int nn_dead_units(nn_network *net, nn_matrix X, int layer)
{
    if (layer < 0 || layer >= net->n_layers - 1) {
        fprintf(stderr, "nn_dead_units: layer %d is not a hidden layer (0..%d)\n", layer,
                net->n_layers - 2);
        abort();
    }
    nn_network_forward(net, X, NULL);
    nn_matrix A = net->A[layer];
    int dead = 0;
    for (int j = 0; j < A.cols; j++) {
        int active = 0;
        for (int i = 0; i < A.rows && !active; i++) active = NN_AT(A, i, j) != 0;
        dead += !active;
    }
    return dead;
}
