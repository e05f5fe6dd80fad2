/* The 1-D regression of sections 7.1-7.4, and the network fitted to it.
 *
 * Data: x uniform on [−1, 1], y = f(x) + ε, ε ~ N(0, σ²). The model is a one-hidden-layer
 * ReLU network 1-w-1 whose hidden layer is fixed and whose output layer is fitted by least
 * squares (lib/nn_lstsq.h): the width w is the one knob of capacity, and every fit is the
 * exact minimiser of the training error, so nothing below depends on an optimiser. */
#include "fitting.h"

#include <stdlib.h>
#include <string.h>

/* course:begin target */
/* The function to learn: a bump on a slope, between about −1 and 1 on [−1, 1]. */
nn_real target(nn_real x)
{
    return NN_R(1.5) * exp(-6 * x * x) - NN_R(0.5) + NN_R(0.5) * x;
}
/* course:end target */

static sample draw(int n, int with_ends, nn_real noise, nn_rng *rng)
{
    sample s = { n, malloc(sizeof(nn_real) * (size_t)n), malloc(sizeof(nn_real) * (size_t)n) };
    if (!s.x || !s.y) { fprintf(stderr, "07-fitting: out of memory for %d examples\n", n); exit(1); }
    for (int i = 0; i < n; i++) {
        s.x[i] = with_ends && i < 2 ? (i == 0 ? -1 : 1) : nn_rng_uniform(rng, -1, 1);
        s.y[i] = target(s.x[i]) + nn_rng_normal(rng, 0, noise);
    }
    return s;
}

/* course:begin draws */
/* A validation or test set: n inputs uniform on [−1, 1]. */
sample sample_draw(int n, nn_real noise, nn_rng *rng) { return draw(n, 0, noise, rng); }

/* A training set: the two ends x = −1 and x = 1, then n − 2 inputs uniform on [−1, 1]. With
 * the ends measured, the network never extrapolates on [−1, 1]. Without them it would, past
 * the outermost input, along its last piece, whose slope is set by the last two inputs: when
 * they happen to lie close, that slope is huge, and the variance of the wide networks is
 * infinite in expectation (a ratio of two small gaps), so that a few unlucky draws would rule
 * the averages of 7.3. */
sample training_draw(int n, nn_real noise, nn_rng *rng) { return draw(n, 1, noise, rng); }
/* course:end draws */

void sample_free(sample *s)
{
    free(s->x);
    free(s->y);
    s->x = s->y = NULL;
}

/* course:begin design */
/* Row i of the design matrix of width w: the output bias, then the w hidden units' outputs,
 *     Φ_i = (1, relu(x_i + 1), relu(x_i − t_1), ..., relu(x_i − t_{w−1}))      (w + 1 columns).
 * Unit 1's kink sits at the left edge of the domain, so on [−1, 1] it is the line x + 1; each
 * further unit adds a kink at its knot. The output ŷ = Φ θ is a continuous piecewise-linear
 * function with a kink at each knot. */
void design_matrix(const nn_real *x, int n, const nn_real *knots, int width, nn_matrix Phi)
{
    for (int i = 0; i < n; i++) {
        NN_AT(Phi, i, 0) = 1;
        NN_AT(Phi, i, 1) = x[i] + 1 > 0 ? x[i] + 1 : 0;
        for (int q = 1; q < width; q++) NN_AT(Phi, i, q + 1) = x[i] > knots[q - 1] ? x[i] - knots[q - 1] : 0;
    }
}
/* course:end design */

/* The knots: the training inputs in the order they were drawn, skipping the smallest and the
 * largest. Then every piece between two kinks holds at least two training inputs (its ends,
 * or an end and the extreme input), so the design matrix has full column rank at every
 * width up to n − 1, where it is square and the fit interpolates. */
void knots_from(const sample *train, nn_real *knots)
{
    int lo = 0, hi = 0, k = 0;
    for (int i = 1; i < train->n; i++) {
        if (train->x[i] < train->x[lo]) lo = i;
        if (train->x[i] > train->x[hi]) hi = i;
    }
    for (int i = 0; i < train->n; i++)
        if (i != lo && i != hi) knots[k++] = train->x[i];
}

/* course:begin fits */
/* One factorisation of the widest design matrix serves every width: the first w + 1
 * columns of Φ are the design of width w, and their least-squares fit is a prefix solve. */
int fits_all_widths(const sample *train, int max_width, fixed_layer_fits *fits)
{
    int n = train->n, cols = max_width + 1;
    memset(fits, 0, sizeof *fits);
    fits->max_width = max_width;
    fits->knots = malloc(sizeof(nn_real) * (size_t)(n > 2 ? n - 2 : 1));
    fits->theta = calloc((size_t)cols * cols, sizeof(nn_real));
    fits->train_mse = calloc((size_t)cols, sizeof(nn_real));
    knots_from(train, fits->knots);
    nn_matrix Phi = nn_matrix_new(n, cols);
    design_matrix(train->x, n, fits->knots, max_width, Phi);
    int status = nn_qr_factor(Phi, &fits->qr);
    for (int w = 1; status == 0 && w <= max_width; w++) {
        nn_real *theta = fits->theta + (size_t)w * cols;
        nn_qr_solve_prefix(&fits->qr, train->y, w + 1, theta);
        /* the training error, measured on the predictions (not read off the factors) */
        nn_real sum = 0;
        for (int i = 0; i < n; i++) {
            nn_real r = -train->y[i];
            for (int j = 0; j <= w; j++) r += NN_AT(Phi, i, j) * theta[j];
            sum += r * r;
        }
        fits->train_mse[w] = sum / n;
    }
    nn_matrix_free(&Phi);
    return status;
}
/* course:end fits */

sample fitted_training_draw(chapter *ch, int n, int width, nn_rng *rng, fixed_layer_fits *fits)
{
    for (;;) {
        sample s = training_draw(n, ch->noise, rng);
        if (fits_all_widths(&s, width, fits) == 0) return s;
        fits_free(fits);
        sample_free(&s);
        ch->singular++;
    }
}

void fits_free(fixed_layer_fits *fits)
{
    nn_qr_free(&fits->qr);
    free(fits->knots);
    free(fits->theta);
    free(fits->train_mse);
    memset(fits, 0, sizeof *fits);
}

nn_real fit_predict(const fixed_layer_fits *fits, int width, nn_real x)
{
    const nn_real *theta = fits->theta + (size_t)width * (fits->max_width + 1);
    nn_real y = theta[0] + theta[1] * (x + 1 > 0 ? x + 1 : 0);
    for (int q = 1; q < width; q++) y += theta[q + 1] * (x > fits->knots[q - 1] ? x - fits->knots[q - 1] : 0);
    return y;
}

nn_real fit_mse(const fixed_layer_fits *fits, int width, const sample *s)
{
    nn_real sum = 0;
    for (int i = 0; i < s->n; i++) {
        nn_real r = fit_predict(fits, width, s->x[i]) - s->y[i];
        sum += r * r;
    }
    return sum / s->n;
}

/* ---- Small things the parts share ------------------------------------------------------ */

nn_rng part_stream(const chapter *ch, int part)
{
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed * 1000003u + (uint64_t)part);
    return rng;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quartiles by linear interpolation between order statistics (position q·(n − 1)). */
void quartiles(double *v, int n, double q[3])
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    for (int k = 0; k < 3; k++) {
        double pos = (k + 1) * 0.25 * (n - 1);
        int i = (int)pos;
        double frac = pos - i;
        q[k] = i + 1 < n ? v[i] + frac * (v[i + 1] - v[i]) : v[i];
    }
}

void end_dataset(nn_table *t)
{
    nn_table_block(t);
    nn_table_block(t);
}

FILE *figure(const chapter *ch, const char *name, const char *title, const char *xlabel,
             const char *ylabel, int w, int h)
{
    FILE *gp = nn_figure(ch->run, name, title, xlabel, ylabel);
    if (w > 0) fprintf(gp, "eval size(%d, %d)\n", w, h);
    return gp;
}
