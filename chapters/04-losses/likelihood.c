/* Part 2: losses from likelihood. Each noise model's negative log-likelihood is computed
 * straight from its density (no algebra), and the library's loss is subtracted: what is
 * left must be the same constant for every prediction, n log(σ√(2π)) for Gaussian noise,
 * n log(2β) for Laplace noise, 0 for Bernoulli and categorical labels. Checked on random
 * predictions; the figure shows the two densities and the losses they imply. */
#include "losses.h"

#include <stdlib.h>

enum { N_EXAMPLES = 50, N_PREDICTIONS = 100, N_CLASSES = 4, NOISE_GRID = 301 };
static const double noise_scales[] = { 0.5, 1, 2 };   /* σ of the Gaussian, β of the Laplace */
enum { N_SCALES = sizeof noise_scales / sizeof noise_scales[0] };
static const double two_pi = 6.283185307179586476925286766559;

/* course:begin nll */
/* −log Π_i p(y_i | ŷ_i) for y = ŷ + ε, ε ~ N(0, σ²): the density, logged, term by term. */
static double gaussian_nll(const nn_real *yhat, const nn_real *y, int n, double sigma)
{
    double nll = 0;
    for (int i = 0; i < n; i++) {
        double r = (double)(y[i] - yhat[i]);
        nll -= log(exp(-r * r / (2 * sigma * sigma)) / (sigma * sqrt(two_pi)));
    }
    return nll;
}

/* The same for Laplace noise, p(ε) = e^{−|ε|/β} / (2β). */
static double laplace_nll(const nn_real *yhat, const nn_real *y, int n, double beta)
{
    double nll = 0;
    for (int i = 0; i < n; i++) nll -= log(exp(-fabs((double)(y[i] - yhat[i])) / beta) / (2 * beta));
    return nll;
}

/* Bernoulli labels y ∈ {0, 1} with P(y = 1) = p: the likelihood of one label is p^y (1 − p)^{1−y}. */
static double bernoulli_nll(const nn_real *p, const nn_real *y, int n)
{
    double nll = 0;
    for (int i = 0; i < n; i++) nll -= log(pow((double)p[i], (double)y[i]) * pow(1 - (double)p[i], 1 - (double)y[i]));
    return nll;
}
/* course:end nll */

/* Categorical labels with P(class k) = softmax(z)_k, the softmax written out. */
static double categorical_nll(nn_matrix Z, const int *labels)
{
    double nll = 0;
    for (int i = 0; i < Z.rows; i++) {
        double sum = 0;
        for (int k = 0; k < Z.cols; k++) sum += exp((double)NN_AT(Z, i, k));
        nll -= log(exp((double)NN_AT(Z, i, labels[i])) / sum);
    }
    return nll;
}

/* The smallest and largest of what is left, over the random predictions. */
typedef struct { double lo, hi; } span;

static void widen(span *s, double v)
{
    if (v < s->lo) s->lo = v;
    if (v > s->hi) s->hi = v;
}

static void record_constant(chapter *ch, const char *model, double scale, span s, double expected)
{
    nn_result(ch->run, (s.lo + s.hi) / 2, "likelihood.%s.scale%g.constant", model, scale);
    nn_result(ch->run, s.hi - s.lo, "likelihood.%s.scale%g.spread", model, scale);
    nn_result(ch->run, expected, "likelihood.%s.scale%g.expected", model, scale);
}

/* Gaussian and Laplace: for each scale, N_PREDICTIONS random prediction vectors against
 * one set of targets. */
static void regression_noise(chapter *ch, nn_rng *rng)
{
    nn_matrix Y = nn_matrix_new(N_EXAMPLES, 1), Yhat = nn_matrix_new(N_EXAMPLES, 1);
    for (int i = 0; i < N_EXAMPLES; i++) NN_AT(Y, i, 0) = nn_rng_normal(rng, 0, 1);
    nn_loss mse = nn_loss_make(NN_LOSS_MSE), mae = nn_loss_make(NN_LOSS_MAE);
    double worst = 0;
    for (int s = 0; s < N_SCALES; s++) {
        double scale = noise_scales[s];
        span gauss = { INFINITY, -INFINITY }, laplace = { INFINITY, -INFINITY };
        for (int k = 0; k < N_PREDICTIONS; k++) {
            for (int i = 0; i < N_EXAMPLES; i++) NN_AT(Yhat, i, 0) = nn_rng_uniform(rng, -3, 3);
            double n = N_EXAMPLES;
            /* course:begin constant */
            double left_gauss = gaussian_nll(Yhat.data, Y.data, N_EXAMPLES, scale)
                                - n * nn_loss_forward(mse, Yhat, Y) / (2 * scale * scale);
            double left_laplace = laplace_nll(Yhat.data, Y.data, N_EXAMPLES, scale)
                                  - n * nn_loss_forward(mae, Yhat, Y) / scale;
            /* course:end constant */
            widen(&gauss, left_gauss);
            widen(&laplace, left_laplace);
        }
        record_constant(ch, "gaussian", scale, gauss, N_EXAMPLES * log(scale * sqrt(two_pi)));
        record_constant(ch, "laplace", scale, laplace, N_EXAMPLES * log(2 * scale));
        if (gauss.hi - gauss.lo > worst) worst = gauss.hi - gauss.lo;
        if (laplace.hi - laplace.lo > worst) worst = laplace.hi - laplace.lo;
    }
    nn_result_int(ch->run, N_EXAMPLES, "likelihood.examples");
    nn_result_int(ch->run, N_PREDICTIONS, "likelihood.predictions");
    nn_say(&ch->common, "2. likelihood: Gaussian NLL - n MSE/(2 sigma^2) and Laplace NLL - n MAE/beta over %d random "
           "predictions: the same number each time to %.1e\n", N_PREDICTIONS, worst);
    nn_matrix_free(&Y);
    nn_matrix_free(&Yhat);
}

/* Bernoulli (the library's bce on probabilities) and categorical (softmax_ce on logits):
 * the NLL is n times the loss, with nothing left over. */
static void label_noise(chapter *ch, nn_rng *rng)
{
    nn_matrix P = nn_matrix_new(N_EXAMPLES, 1), Yb = nn_matrix_new(N_EXAMPLES, 1);
    nn_matrix Z = nn_matrix_new(N_EXAMPLES, N_CLASSES), Y = nn_matrix_new(N_EXAMPLES, N_CLASSES);
    int labels[N_EXAMPLES];
    span bern = { INFINITY, -INFINITY }, cat = { INFINITY, -INFINITY };
    for (int k = 0; k < N_PREDICTIONS; k++) {
        nn_matrix_fill(Y, 0);
        for (int i = 0; i < N_EXAMPLES; i++) {
            NN_AT(P, i, 0) = nn_rng_uniform(rng, NN_R(0.02), NN_R(0.98));
            NN_AT(Yb, i, 0) = (nn_real)nn_rng_below(rng, 2);
            labels[i] = (int)nn_rng_below(rng, N_CLASSES);
            NN_AT(Y, i, labels[i]) = 1;
            for (int c = 0; c < N_CLASSES; c++) NN_AT(Z, i, c) = nn_rng_uniform(rng, -4, 4);
        }
        widen(&bern, bernoulli_nll(P.data, Yb.data, N_EXAMPLES)
                     - N_EXAMPLES * nn_loss_forward(nn_loss_make(NN_LOSS_BCE), P, Yb));
        widen(&cat, categorical_nll(Z, labels) - N_EXAMPLES * nn_loss_forward(nn_loss_make(NN_LOSS_SOFTMAX_CE), Z, Y));
    }
    record_constant(ch, "bernoulli", 1, bern, 0);
    record_constant(ch, "categorical", 1, cat, 0);
    nn_say(&ch->common, "   Bernoulli NLL - n BCE in [%.1e, %.1e], categorical NLL - n CE in [%.1e, %.1e]\n",
           bern.lo, bern.hi, cat.lo, cat.hi);
    nn_matrix_free(&P); nn_matrix_free(&Yb); nn_matrix_free(&Z); nn_matrix_free(&Y);
}

/* The two noise densities with variance 1 (σ = 1, β = 1/√2) and their negative logs,
 * shifted to 0 at ε = 0: the losses they imply, ε²/2 and √2|ε|. */
static void noise_figure(chapter *ch)
{
    double beta = 1 / sqrt(2.0);
    nn_table *t = nn_table_open(ch->run, "noise.dat", "eps gaussian_density laplace_density gaussian_nll laplace_nll");
    nn_table_digits(t, 9);
    for (int i = 0; i < NOISE_GRID; i++) {
        double e = (double)(i - NOISE_GRID / 2) / 50;   /* −3 to 3 by 0.02 */
        double g = exp(-e * e / 2) / sqrt(two_pi), l = exp(-fabs(e) / beta) / (2 * beta);
        nn_table_row(t, e, g, l, -log(g) + log(1 / sqrt(two_pi)), -log(l) + log(1 / (2 * beta)));
    }
    FILE *gp = nn_figure(ch->run, "noise", NULL, NULL, NULL);
    fprintf(gp, "eval size(1000, 400)\nset multiplot layout 1,2\n"
                "set title 'Noise densities, both of variance 1'\nset xlabel 'noise ε = y − ŷ'\nset ylabel 'density p(ε)'\n"
                "plot 'noise.dat' using 1:2 with lines ls 1 title 'Gaussian, σ = 1', \\\n"
                "     'noise.dat' using 1:3 with lines ls 2 dt 2 title 'Laplace, β = 1/√2'\n"
                "set title 'Their negative logs: the losses (shifted to 0 at ε = 0)'\nset ylabel '−log p(ε) + log p(0)'\n"
                "set key top center\nset yrange [0:5.4]\n"
                "plot 'noise.dat' using 1:4 with lines ls 1 title 'Gaussian: ε²/2 (squared error)', \\\n"
                "     'noise.dat' using 1:5 with lines ls 2 dt 2 title 'Laplace: √2 |ε| (absolute error)'\n"
                "unset multiplot\n");
}

void part_likelihood(chapter *ch)
{
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed);
    regression_noise(ch, &rng);
    label_noise(ch, &rng);
    noise_figure(ch);
}
