/* Chapter 1: the perceptron.
 *
 * What running it shows (make chapter1), in the order of the text:
 *   1. the activations a neuron can use, each with its derivative, from the library
 *      (activations.svg);
 *   2. Rosenblatt's algorithm (rosenblatt.c) on two linearly separable blobs: the decision
 *      line after each update until an epoch makes no mistake (boundary.svg, errors.svg);
 *   3. Novikoff's bound: the number of updates against (R̃/γ̃)² over margins and draws
 *      (novikoff.svg);
 *   4. XOR, which no line separates: the perceptron never completes an error-free epoch
 *      (errors.svg, xor-boundary.svg);
 *   5. one neuron drawn with the weights it learned (neuron.svg).
 * This file computes and narrates; figures.c writes results.txt, the data and the scripts. */
#include <stdio.h>
#include <stdlib.h>
#include "nn.h"
#include "rosenblatt.h"
#include "figures.h"

typedef struct {
    nn_common_flags common;
    nn_run *run;            /* results.txt, data, scripts, the diagram */
    nn_real lr;             /* λ, --lr */
    nn_real margin;         /* the blobs' margin, --margin */
    nn_real spread;         /* the blobs' standard deviation, --spread */
    int points;             /* examples per data set, --points */
    int xor_epochs;         /* epochs on XOR, --xor-epochs */
} chapter;

enum { MAX_EPOCHS = 10000 };   /* separable runs stop long before: epochs ≤ updates + 1 */

/* ---- 1. Activations and their derivatives --------------------------------------------- */

/* course:begin maxout */
/* Maxout with two pieces: a = max(w₁z + b₁, w₂z + b₂). Its derivative is the slope of the
 * piece that wins. With (1, 0) and (0, 0) it is ReLU; with (1, 0) and (0.1, 0), leaky ReLU;
 * with (1, 0) and (−1, 0), |z|. The figure uses the pieces below. */
static const nn_real maxout_w[2] = { 1, NN_R(-0.5) }, maxout_b[2] = { 0, -1 };

static nn_real maxout(nn_real z)
{
    nn_real a0 = maxout_w[0] * z + maxout_b[0], a1 = maxout_w[1] * z + maxout_b[1];
    return a0 >= a1 ? a0 : a1;
}

static nn_real maxout_derivative(nn_real z)
{
    nn_real a0 = maxout_w[0] * z + maxout_b[0], a1 = maxout_w[1] * z + maxout_b[1];
    return a0 >= a1 ? maxout_w[0] : maxout_w[1];
}
/* course:end maxout */

static const nn_activation_kind shown[] = {
    NN_STEP, NN_SIGMOID, NN_TANH, NN_RELU, NN_LEAKY_RELU, NN_ELU, NN_SOFTPLUS
};
static const char *const titles[] = {
    "step (f′ = 0 for z ≠ 0, none at 0)", "sigmoid σ", "tanh", "ReLU", "leaky ReLU, α = 0.1",
    "ELU, α = 1", "softplus", "maxout of z and −z/2 − 1"
};
enum { N_SHOWN = sizeof shown / sizeof shown[0], GRID = 801 };

static const nn_real h = NN_R(1e-5);   /* the central difference's step */

/* z on [−4, 4] in steps of 0.01, written exactly as (i − 400)/100. */
static nn_real grid_z(int i) { return (nn_real)(i - GRID / 2) / 100; }

/* The largest gap between the library's f'(z) and a central difference of its f(z), away
 * from the kinks at 0: the derivative formulas, checked against the functions. */
static nn_real worst_central_difference(nn_activation f)
{
    nn_real worst = 0;
    for (int i = 0; i < GRID; i++) {
        nn_real z = grid_z(i);
        if (fabs(z) < 2 * h) continue;
        nn_real fd = (nn_activation_value(f, z + h) - nn_activation_value(f, z - h)) / (2 * h);
        nn_real gap = fabs(fd - nn_activation_derivative(f, z));
        if (gap > worst) worst = gap;
    }
    return worst;
}

static void activations(chapter *ch)
{
    const char *names[N_SHOWN + 1];
    nn_matrix values = nn_matrix_new(GRID, N_SHOWN + 2), slopes = nn_matrix_new(GRID, N_SHOWN + 2);
    for (int i = 0; i < GRID; i++) NN_AT(values, i, 0) = NN_AT(slopes, i, 0) = grid_z(i);
    for (int k = 0; k < N_SHOWN; k++) {
        nn_activation f = nn_activation_make(shown[k]);
        names[k] = nn_activation_name(shown[k]);
        for (int i = 0; i < GRID; i++) {
            NN_AT(values, i, k + 1) = nn_activation_value(f, grid_z(i));
            /* The step has no derivative at 0 and 0 elsewhere; the library gives none. */
            NN_AT(slopes, i, k + 1) = shown[k] == NN_STEP ? 0 : nn_activation_derivative(f, grid_z(i));
        }
        if (shown[k] != NN_STEP)
            nn_result(ch->run, worst_central_difference(f), "activation.%s.max_central_difference_gap", names[k]);
    }
    names[N_SHOWN] = "maxout";
    for (int i = 0; i < GRID; i++) {
        NN_AT(values, i, N_SHOWN + 1) = maxout(grid_z(i));
        NN_AT(slopes, i, N_SHOWN + 1) = maxout_derivative(grid_z(i));
    }
    nn_result_int(ch->run, GRID, "activation.grid_points");
    nn_result(ch->run, h, "activation.central_difference_step");
    figure_activations(ch->run, values, slopes, names, titles, N_SHOWN + 1);
    nn_say(&ch->common, "1. activations: %d functions and their derivatives on %d points of [-4, 4]\n",
           N_SHOWN + 1, GRID);
    nn_matrix_free(&values);
    nn_matrix_free(&slopes);
}

/* ---- 2. Rosenblatt's algorithm on separable data ---------------------------------------- */

static line weights_of(const perceptron *p) { return (line){ { NN_AT(p->W, 0, 0), NN_AT(p->W, 0, 1) }, p->b }; }

static line blobs_truth(void)
{
    line t;
    nn_data_blobs_truth(t.w, &t.b);
    return t;
}

/* Novikoff's bound for data separated by `truth`, from w̃ = 0 and from the start w̃₀. */
static void bounds_for(nn_dataset data, line truth, line start, nn_real lr, nn_real *radius,
                       nn_real *gamma, nn_real *from_zero, nn_real *from_start)
{
    *radius = augmented_radius(data.X);
    *gamma = augmented_margin(data.X, data.Y, truth.w, truth.b);
    *from_zero = novikoff_bound(*radius, *gamma);
    nn_real norm = sqrt(truth.w[0] * truth.w[0] + truth.w[1] * truth.w[1] + truth.b * truth.b);
    nn_real u[3] = { truth.w[0] / norm, truth.w[1] / norm, truth.b / norm };
    nn_real w0[3] = { start.w[0], start.w[1], start.b };
    *from_start = novikoff_bound_from(*radius, *gamma, w0, 3, u, lr);
}

static line separable(chapter *ch, nn_rng *rng)
{
    separable_run s = { .blobs = nn_data_blobs(ch->points, ch->margin, ch->spread, rng),
                        .truth = blobs_truth(), .margin = ch->margin, .lr = ch->lr };
    perceptron p = perceptron_new(2, ch->lr);
    perceptron_init_random(&p, rng);
    s.start = weights_of(&p);
    int errors[MAX_EPOCHS], converged;
    s.epochs = perceptron_train(&p, s.blobs.X, s.blobs.Y, MAX_EPOCHS, errors, (nn_matrix){ 0, 0, NULL },
                                &s.updates, &converged);
    bounds_for(s.blobs, s.truth, s.start, ch->lr, &s.radius, &s.gamma, &s.bound_from_zero, &s.bound_from_start);
    if (!converged) {
        char why[512];
        nn_real w0[3] = { s.start.w[0], s.start.w[1], s.start.b };
        perceptron_why_not_separated(&p, w0, s.updates, MAX_EPOCHS, s.bound_from_zero,
                                     s.bound_from_start, why, sizeof why);
        nn_run_fail(ch->run, 1, "separable blobs: %s", why);
    }
    s.final = weights_of(&p);
    s.errors = errors;
    s.misclassified = perceptron_count_errors(&p, s.blobs.X, s.blobs.Y);
    report_separable(ch->run, &s);
    nn_say(&ch->common, "2. separable blobs (%d points, margin %.2f): %d updates in %d epochs, "
           "then an epoch without mistakes; final line %.3f x1 + %.3f x2 + %.3f = 0\n",
           s.blobs.X.rows, (double)ch->margin, (int)s.updates, s.epochs,
           (double)s.final.w[0], (double)s.final.w[1], (double)s.final.b);
    perceptron_free(&p);
    nn_dataset_free(&s.blobs);
    return s.final;
}

/* ---- 3. Novikoff's bound over margins and draws ------------------------------------------- */

static const nn_real margins[] = { NN_R(0.1), NN_R(0.25), NN_R(0.5) };
enum { N_MARGINS = sizeof margins / sizeof margins[0], DRAWS = 5 };

/* Trains a fresh perceptron on data (from w̃ = 0, or from the source's random start) and
 * returns its number of updates; *start receives w̃₀. */
static long updates_until_separated(chapter *ch, nn_dataset data, nn_real margin, nn_rng *rng_or_null,
                                    line *start)
{
    perceptron p = perceptron_new(2, ch->lr);
    if (rng_or_null) perceptron_init_random(&p, rng_or_null);
    *start = weights_of(&p);
    long updates;
    int converged;
    perceptron_train(&p, data.X, data.Y, MAX_EPOCHS, NULL, (nn_matrix){ 0, 0, NULL }, &updates, &converged);
    if (!converged) {
        char why[512];
        nn_real radius, gamma, bound, bound_from_start, w0[3] = { start->w[0], start->w[1], start->b };
        bounds_for(data, blobs_truth(), *start, ch->lr, &radius, &gamma, &bound, &bound_from_start);
        perceptron_why_not_separated(&p, w0, updates, MAX_EPOCHS, bound, bound_from_start, why, sizeof why);
        nn_run_fail(ch->run, 1, "Novikoff's bound, blobs of margin %g: %s", (double)margin, why);
    }
    perceptron_free(&p);
    return updates;
}

static void novikoff(chapter *ch, nn_rng *rng)
{
    nn_matrix rows = nn_matrix_new(N_MARGINS * DRAWS, NOVIKOFF_COLUMNS);
    nn_real worst = 0, worst_from_start = 0;
    for (int m = 0; m < N_MARGINS; m++)
        for (int draw = 1; draw <= DRAWS; draw++) {
            nn_dataset data = nn_data_blobs(ch->points, margins[m], ch->spread, rng);
            line zero, start;
            long from_zero = updates_until_separated(ch, data, margins[m], NULL, &zero);
            long from_start = updates_until_separated(ch, data, margins[m], rng, &start);
            nn_real radius, gamma, bound, bound_from_start;
            bounds_for(data, blobs_truth(), start, ch->lr, &radius, &gamma, &bound, &bound_from_start);
            nn_real row[NOVIKOFF_COLUMNS] = { margins[m], draw, radius, gamma, bound, from_zero,
                                              bound_from_start, from_start };
            for (int c = 0; c < NOVIKOFF_COLUMNS; c++) NN_AT(rows, m * DRAWS + draw - 1, c) = row[c];
            worst = fmax(worst, from_zero / bound);
            worst_from_start = fmax(worst_from_start, from_start / bound_from_start);
            nn_dataset_free(&data);
        }
    report_novikoff(ch->run, rows);
    nn_say(&ch->common, "3. Novikoff: %d data sets; updates / (R/gamma)^2 at most %.3f from w = 0, "
           "%.3f from the random start (bound holds when <= 1)\n", N_MARGINS * DRAWS, (double)worst,
           (double)worst_from_start);
    nn_matrix_free(&rows);
}

/* ---- 4. XOR: no line separates it ------------------------------------------------------ */

/* Trains for exactly `epochs` epochs (XOR never stops early) and records the mistakes per
 * epoch; returns the fewest mistakes of any epoch. history may be empty. */
static int train_on_xor(chapter *ch, nn_dataset data, nn_rng *rng, int *errors, nn_matrix history)
{
    perceptron p = perceptron_new(2, ch->lr);
    perceptron_init_random(&p, rng);
    int converged, epochs = perceptron_train(&p, data.X, data.Y, ch->xor_epochs, errors, history, NULL, &converged);
    perceptron_free(&p);
    if (converged || epochs != ch->xor_epochs)
        nn_run_fail(ch->run, 1, "an epoch without mistakes on XOR: impossible, so the data or the "
                                "algorithm is wrong");
    int fewest = errors[0];
    for (int e = 1; e < epochs; e++) fewest = errors[e] < fewest ? errors[e] : fewest;
    return fewest;
}

/* The four corners (±1, ±1), class 1 where the signs differ. */
static nn_dataset xor_corners(void)
{
    nn_dataset c = nn_dataset_new(4, 2, 1, 2);
    const nn_real x[4][2] = { { -1, -1 }, { -1, 1 }, { 1, -1 }, { 1, 1 } };
    for (int i = 0; i < 4; i++) {
        NN_AT(c.X, i, 0) = x[i][0];
        NN_AT(c.X, i, 1) = x[i][1];
        c.labels[i] = x[i][0] * x[i][1] < 0;
        NN_AT(c.Y, i, 0) = c.labels[i];
    }
    return c;
}

/* The fewest examples any end-of-epoch line of `history` misclassifies (no update). */
static int best_end_of_epoch_line(chapter *ch, nn_dataset data, nn_matrix history)
{
    int best = data.X.rows;
    perceptron probe = perceptron_new(2, ch->lr);
    for (int e = 1; e < history.rows; e++) {
        NN_AT(probe.W, 0, 0) = NN_AT(history, e, 0);
        NN_AT(probe.W, 0, 1) = NN_AT(history, e, 1);
        probe.b = NN_AT(history, e, 2);
        int wrong = perceptron_count_errors(&probe, data.X, data.Y);
        best = wrong < best ? wrong : best;
    }
    perceptron_free(&probe);
    return best;
}

static void xor_never_separated(chapter *ch, nn_rng *rng)
{
    xor_run x = { .noise = NN_R(0.2), .epochs = ch->xor_epochs };   /* noise: each cluster's σ */
    int errors[MAX_EPOCHS], corner_errors[MAX_EPOCHS];   /* --xor-epochs <= MAX_EPOCHS */
    x.noisy = nn_data_xor(ch->points, x.noise, rng);
    x.history = nn_matrix_new(x.epochs + 1, 3);
    x.fewest = train_on_xor(ch, x.noisy, rng, errors, x.history);
    x.most = errors[0];
    for (int e = 1; e < x.epochs; e++) x.most = errors[e] > x.most ? errors[e] : x.most;
    x.best_line = best_end_of_epoch_line(ch, x.noisy, x.history);

    nn_dataset corners = xor_corners();
    x.corners_fewest = train_on_xor(ch, corners, rng, corner_errors, (nn_matrix){ 0, 0, NULL });
    x.corners_last = corner_errors[x.epochs - 1];
    x.errors = errors;
    x.corner_errors = corner_errors;
    report_xor(ch->run, &x);
    nn_say(&ch->common, "4. XOR (%d noisy points): %d epochs, between %d and %d mistakes in every epoch; "
           "the four corners: at least %d mistake(s) in every epoch\n",
           x.noisy.X.rows, x.epochs, x.fewest, x.most, x.corners_fewest);
    nn_dataset_free(&x.noisy);
    nn_dataset_free(&corners);
    nn_matrix_free(&x.history);
}

/* ---- 5. One neuron, drawn ------------------------------------------------------------ */

static void neuron_diagram(chapter *ch, line learned)
{
    diagram_neuron(ch->run, learned, "step");
    nn_say(&ch->common, "5. neuron.dot: x1, x2 and 1, weighted, summed into z, then a = step(z)\n");
}

int main(int argc, char **argv)
{
    chapter ch = { .common = nn_common_defaults("figures/01-perceptron"),
                   .lr = NN_R(0.1), .margin = NN_R(0.1), .spread = NN_R(0.5), .points = 100, .xor_epochs = 100 };
    /* The ranges, and why (the numbers measured with the seeds they name). */
    nn_flag flags[] = {
        NN_FLAG_REAL_RANGE("--lr", &ch.lr, 1e-4, 1e4,
            "learning rate lambda of the update: below 1e-4 the random start (|w| ~ 1) outweighs "
            "10000 epochs of steps (1e-5 failed for every seed, 3e-5 for none) and near 1e-300 a "
            "step rounds to nothing; above 1e4 the start no longer matters (from w = 0 the updates "
            "do not depend on lambda) and larger steps only push w towards overflow"),
        NN_FLAG_REAL_RANGE("--margin", &ch.margin, 1e-3, 100,
            "margin of the separable blobs: Novikoff's bound (R/gamma)^2 grows as 1/margin^2 (at 1e-3 "
            "up to 7.5e5 updates over seeds 1-5), so below 1e-3 the 10000 epochs no longer cover "
            "it; from 10 up the random start already separates the blobs (0 updates)"),
        NN_FLAG_REAL_RANGE("--spread", &ch.spread, 1e-3, 100,
            "standard deviation of the blobs: below 1e-3 each blob is a dot (and near 1e-17 the "
            "spread is lost in rounding and no point can be drawn); Novikoff's bound grows as "
            "spread^2 (at 100 up to 6e5 updates over seeds 1-5), so above 100 the 10000 epochs "
            "no longer cover it"),
        NN_FLAG_INT_RANGE("--points", &ch.points, 4, 10000,
            "examples per data set: at least one per XOR cluster; the figures draw every point, "
            "and beyond 10000 they are a blur"),
        NN_FLAG_INT_RANGE("--xor-epochs", &ch.xor_epochs, 1, MAX_EPOCHS,
            "epochs of training on XOR, at most the 10000 every run of the chapter is capped at: "
            "XOR is never separated, so more epochs show nothing new"),
    };
    nn_cli_parse(argc, argv, "Chapter 1: the perceptron. Writes results.txt, data, gnuplot and dot files.",
                 &ch.common, flags, sizeof flags / sizeof flags[0]);
    /* Every data set the run draws, checked before anything is written. */
    char why[256];
    if (nn_data_blobs_check(ch.margin, ch.spread, why, sizeof why) != 0)
        nn_cli_refuse(&ch.common, "--spread", "%s", why);
    for (int m = 0; m < N_MARGINS; m++)
        if (nn_data_blobs_check(margins[m], ch.spread, why, sizeof why) != 0)
            nn_cli_refuse(&ch.common, "--spread", "%s (section 3's margins)", why);
    ch.run = nn_run_start("01-perceptron", &ch.common);
    nn_rng rng;
    nn_rng_seed(&rng, ch.common.seed);

    activations(&ch);
    line learned = separable(&ch, &rng);
    novikoff(&ch, &rng);
    xor_never_separated(&ch, &rng);
    neuron_diagram(&ch, learned);

    return nn_run_finish(ch.run);
}
