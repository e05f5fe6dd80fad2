/* nn_real: the one number type of the course.
 *
 * Doubles by default, so that a gradient computed by backpropagation agrees with an
 * exact oracle to ~1e-10 and the tests can say so. `make REAL=float` builds the whole
 * library in single precision (-DNN_REAL_FLOAT); the tests that only make sense in
 * double precision skip themselves there and say why. */
#ifndef NN_REAL_H
#define NN_REAL_H

#include <math.h>
#include <float.h>

#ifdef NN_REAL_FLOAT
typedef float nn_real;
#define NN_REAL_NAME "float"
#define NN_REAL_EPSILON FLT_EPSILON
#define NN_REAL_MAX FLT_MAX
#define NN_REAL_DIGITS 9 /* enough significant digits to round-trip a float */
#else
typedef double nn_real;
#define NN_REAL_NAME "double"
#define NN_REAL_EPSILON DBL_EPSILON
#define NN_REAL_MAX DBL_MAX
#define NN_REAL_DIGITS 17 /* enough significant digits to round-trip a double */
#endif

/* Written as a literal of the right type: NN_R(0.5) is 0.5 or 0.5f. */
#ifdef NN_REAL_FLOAT
#define NN_R(x) (x##f)
#else
#define NN_R(x) (x)
#endif

#endif
