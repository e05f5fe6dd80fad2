/* Initialisers: the first values of a weight matrix W (fan_out × fan_in) or a bias.
 *
 * The scaled families keep the variance of the signal about constant from layer to layer:
 *   Glorot  Var(w) = 2/(fan_in + fan_out)   (forward and backward compromise, tanh/sigmoid)
 *   He      Var(w) = 2/fan_in               (ReLU halves the variance, so double it)
 *   LeCun   Var(w) = 1/fan_in
 * A uniform on ±h has variance h²/3, hence h = √(3 Var): √(6/(fan_in+fan_out)), √(6/fan_in),
 * √(3/fan_in). The "normal" variants draw from a normal truncated at 2σ, whose standard
 * deviation is only 0.87962566103423978 σ; dividing σ by that constant first (as Keras
 * does) gives the stated standard deviation. Elements are drawn in row-major order from
 * the generator passed in, so a seed fixes every weight. */
#include "nn_init.h"
#include "nn_names.h"

#include <stdio.h>
#include <stdlib.h>

/* Standard deviation of N(0, 1) conditioned on |z| ≤ 2. */
#define TRUNCATED_NORMAL_SD 0.87962566103423978

nn_init nn_init_make(nn_init_kind kind, nn_real a, nn_real b)
{
    nn_init init = { kind, a, b };
    return init;
}

static const char *const init_names[] = {
    "zeros", "constant", "uniform", "normal", "truncated_normal", "glorot_uniform",
    "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal"
};

const char *nn_init_name(nn_init_kind kind)
{
    return nn_name_of(init_names, (int)(sizeof init_names / sizeof init_names[0]), (int)kind);
}

/* The variance each scaled family asks for. */
static double scaled_variance(nn_init_kind kind, int fan_in, int fan_out)
{
    switch (kind) {
    case NN_INIT_GLOROT_UNIFORM: case NN_INIT_GLOROT_NORMAL: return 2.0 / (fan_in + fan_out);
    case NN_INIT_HE_UNIFORM: case NN_INIT_HE_NORMAL: return 2.0 / fan_in;
    default: return 1.0 / fan_in;                       /* LeCun */
    }
}

nn_real nn_init_scale(nn_init init, int fan_in, int fan_out)
{
    switch (init.kind) {
    case NN_INIT_ZEROS: case NN_INIT_CONSTANT: return 0;
    case NN_INIT_UNIFORM: return (init.b - init.a) / 2;     /* half-width */
    case NN_INIT_NORMAL: case NN_INIT_TRUNCATED_NORMAL: return init.b;   /* the sd parameter */
    case NN_INIT_GLOROT_UNIFORM: case NN_INIT_HE_UNIFORM: case NN_INIT_LECUN_UNIFORM:
        return (nn_real)sqrt(3 * scaled_variance(init.kind, fan_in, fan_out));
    default:
        return (nn_real)sqrt(scaled_variance(init.kind, fan_in, fan_out));
    }
}

void nn_init_fill(nn_init init, nn_matrix W, int fan_in, int fan_out, nn_rng *rng)
{
    if (fan_in <= 0 || fan_out <= 0) {
        fprintf(stderr, "nn_init_fill: fans %d, %d must be positive\n", fan_in, fan_out);
        abort();
    }
    size_t size = nn_matrix_size(W);
    nn_real scale = nn_init_scale(init, fan_in, fan_out);
    for (size_t i = 0; i < size; i++) {
        nn_real w;
        switch (init.kind) {
        case NN_INIT_ZEROS: w = 0; break;
        case NN_INIT_CONSTANT: w = init.a; break;
        case NN_INIT_UNIFORM: w = nn_rng_uniform(rng, init.a, init.b); break;
        case NN_INIT_NORMAL: w = nn_rng_normal(rng, init.a, init.b); break;
        case NN_INIT_TRUNCATED_NORMAL: w = nn_rng_truncated_normal(rng, init.a, init.b); break;
        case NN_INIT_GLOROT_UNIFORM: case NN_INIT_HE_UNIFORM: case NN_INIT_LECUN_UNIFORM:
            w = nn_rng_uniform(rng, -scale, scale);
            break;
        default:        /* Glorot, He, LeCun normal: truncated, rescaled to sd = scale */
            w = nn_rng_truncated_normal(rng, 0, (nn_real)(scale / TRUNCATED_NORMAL_SD));
            break;
        }
        W.data[i] = w;
    }
}
