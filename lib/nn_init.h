/* Initialisers: how a weight matrix W (fan_out × fan_in) gets its first values.
 *
 *   zeros, constant(a), uniform(a, b), normal(mean a, sd b), truncated_normal(a, b)
 *   Glorot/Xavier:  uniform on ±√(6/(fan_in+fan_out)),  normal sd √(2/(fan_in+fan_out))
 *   He:             uniform on ±√(6/fan_in),            normal sd √(2/fan_in)
 *   LeCun:          uniform on ±√(3/fan_in),            normal sd √(1/fan_in)
 * The "normal" variants of Glorot, He and LeCun draw from the truncated normal (|z| ≤ 2σ)
 * rescaled by 1/0.87962566103423978 so that the standard deviation is the one stated,
 * as Keras does. Weights must not all start equal (every hidden unit would stay the
 * same); biases may start at zero. */
#ifndef NN_INIT_H
#define NN_INIT_H

#include "nn_matrix.h"
#include "nn_rng.h"

typedef enum {
    NN_INIT_ZEROS, NN_INIT_CONSTANT, NN_INIT_UNIFORM, NN_INIT_NORMAL,
    NN_INIT_TRUNCATED_NORMAL, NN_INIT_GLOROT_UNIFORM, NN_INIT_GLOROT_NORMAL,
    NN_INIT_HE_UNIFORM, NN_INIT_HE_NORMAL, NN_INIT_LECUN_UNIFORM, NN_INIT_LECUN_NORMAL
} nn_init_kind;

typedef struct {
    nn_init_kind kind;
    nn_real a, b;           /* constant: a; uniform: [a, b); normal, truncated: mean a, sd b */
} nn_init;

nn_init nn_init_make(nn_init_kind kind, nn_real a, nn_real b);
const char *nn_init_name(nn_init_kind kind);
/* The standard deviation (normal kinds) or half-width (uniform kinds) this init uses
 * for the given fans: what the tests compare the sample against. */
nn_real nn_init_scale(nn_init init, int fan_in, int fan_out);
void nn_init_fill(nn_init init, nn_matrix W, int fan_in, int fan_out, nn_rng *rng);

#endif
