/* Section 6.8: many parameter vectors, one function. Rescaling a ReLU unit (incoming weights and
 * bias by c > 0, outgoing weights by 1/c) and permuting the units of a hidden layer change
 * θ and leave the network's function as it was, to rounding. The same moves with c < 0,
 * or a permutation of the incoming weights alone, change the function. */
#include "universal.h"

#include <stdlib.h>

/* max |a(x) − b(x)| over the rows of X; *size (may be NULL) receives max |a(x)|. */
static nn_real largest_difference(nn_network *a, nn_network *b, nn_matrix X, nn_real *size)
{
    nn_real *ya = malloc(X.rows * sizeof *ya), *yb = malloc(X.rows * sizeof *yb), worst = 0, largest = 0;
    network_outputs(a, X, ya);
    network_outputs(b, X, yb);
    for (int i = 0; i < X.rows; i++) {
        if (fabs(ya[i] - yb[i]) > worst) worst = fabs(ya[i] - yb[i]);
        if (fabs(ya[i]) > largest) largest = fabs(ya[i]);
    }
    free(ya); free(yb);
    if (size) *size = largest;
    return worst;
}

/* ‖θ − θ'‖ / ‖θ‖. */
static nn_real parameter_distance(const nn_network *a, const nn_network *b)
{
    double diff = 0, norm = 0;
    for (size_t i = 0; i < a->n_params; i++) {
        diff += ((double)a->params[i] - b->params[i]) * ((double)a->params[i] - b->params[i]);
        norm += (double)a->params[i] * a->params[i];
    }
    return (nn_real)sqrt(diff / norm);
}

static void random_permutation(int n, int *perm, nn_rng *rng)
{
    for (int j = 0; j < n; j++) perm[j] = j;
    nn_rng_shuffle(rng, perm, (size_t)n);
}

typedef struct { nn_real size, rescaled, permuted, distance, negative, incoming_only; } symmetry_check;

/* course:begin symmetry */
/* Every hidden unit rescaled by c = e^u, u uniform on [−3, 3) (c from 0.05 to 20), then the
 * units of every hidden layer permuted; compared with the original on the rows of X. */
static symmetry_check check_symmetries(nn_network *net, nn_matrix X, nn_rng *rng)
{
    symmetry_check s;
    nn_network *moved = copy_network(net);
    for (int l = 0; l + 1 < net->n_layers; l++)
        for (int j = 0; j < net->layers[l].out; j++) rescale_unit(moved, l, j, exp(nn_rng_uniform(rng, -3, 3)));
    s.rescaled = largest_difference(net, moved, X, &s.size);
    int perm[4096];
    for (int l = 0; l + 1 < net->n_layers; l++) {
        random_permutation(net->layers[l].out, perm, rng);
        permute_units(moved, l, perm);
    }
    s.permuted = largest_difference(net, moved, X, NULL);
    s.distance = parameter_distance(net, moved);
    nn_network_free(moved);
    /* The same moves done wrong: c = −1 on the first unit, and the first layer's rows
     * permuted without the next layer's columns (a cycle, so every unit moves). */
    moved = copy_network(net);
    rescale_unit(moved, 0, 0, -1);
    s.negative = largest_difference(net, moved, X, NULL);
    nn_network_free(moved);
    moved = copy_network(net);
    nn_dense *first = &moved->layers[0];
    nn_matrix W = nn_matrix_new(first->out, first->in), b = nn_matrix_new(1, first->out);
    for (int j = 0; j < first->out; j++) {
        int from = (j + 1) % first->out;
        for (int k = 0; k < first->in; k++) NN_AT(W, j, k) = NN_AT(first->W, from, k);
        b.data[j] = first->b.data[from];
    }
    nn_network_set_layer(moved, 0, W, b);
    s.incoming_only = largest_difference(net, moved, X, NULL);
    nn_matrix_free(&W); nn_matrix_free(&b);
    nn_network_free(moved);
    return s;
}
/* course:end symmetry */

static void report(chapter *ch, const char *name, const char *what, symmetry_check s)
{
    nn_result(ch->run, s.size, "symmetry.%s.largest_output", name);
    nn_result(ch->run, s.rescaled, "symmetry.%s.rescaled_difference", name);
    nn_result(ch->run, s.permuted, "symmetry.%s.permuted_difference", name);
    nn_result(ch->run, s.distance, "symmetry.%s.parameter_distance", name);
    nn_result(ch->run, s.negative, "symmetry.%s.negative_c_difference", name);
    nn_result(ch->run, s.incoming_only, "symmetry.%s.incoming_only_difference", name);
    nn_say(&ch->common, "  %s (outputs up to %.2f): rescaled %.1e, then permuted %.1e, with parameters %.0f%% apart; "
           "c = -1 on one unit: %.3f; incoming weights alone permuted: %.3f\n", what, (double)s.size, (double)s.rescaled,
           (double)s.permuted, 100 * (double)s.distance, (double)s.negative, (double)s.incoming_only);
}

void part_symmetry(chapter *ch)
{
    nn_say(&ch->common, "\n== 8. Positive homogeneity and permutations: largest output difference on 1000 random inputs\n");
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed + 11);
    target smooth = target_smooth();
    nn_network *interpolant = build_for_target(&smooth, 16);
    nn_matrix X = nn_matrix_new(1000, 1);
    for (int i = 0; i < X.rows; i++) X.data[i] = nn_rng_uniform(&rng, -1, 2);
    report(ch, "interpolant", "1-16-1 interpolant of sin 2pi x, x in [-1, 2]", check_symmetries(interpolant, X, &rng));
    nn_matrix_free(&X);
    nn_network_free(interpolant);

    nn_real points[3][2] = { { -1, -1 }, { 1, -1 }, { -1, 1 } }, y[3] = { 1, -1, -1 };
    nn_network *binary = build_binary_deep(nn_matrix_view(&points[0][0], 3, 2), y);
    X = nn_matrix_new(1000, 2);
    for (size_t i = 0; i < nn_matrix_size(X); i++) X.data[i] = nn_rng_uniform(&rng, -2, 2);
    report(ch, "binary", "2-12-3-1 binary interpolant, x in [-2, 2]^2", check_symmetries(binary, X, &rng));
    nn_matrix_free(&X);
    nn_network_free(binary);
}
