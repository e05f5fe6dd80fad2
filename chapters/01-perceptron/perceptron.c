/* Chapter 1: the perceptron.
 *
 * What running it shows (make chapter1), in the order of the text:
 *   1. the activations a neuron can use and their derivatives, from the library
 *      (figures activations.svg, derivatives.svg);
 *   2. Rosenblatt's algorithm (rosenblatt.c) on two linearly separable blobs: the decision
 *      line after each epoch until an epoch makes no mistake (boundary.svg, errors.svg);
 *   3. Novikoff's bound: the number of updates against (R̃/γ̃)² over margins and seeds
 *      (novikoff.svg);
 *   4. XOR, which no line separates: the perceptron never completes an error-free epoch
 *      (errors.svg, xor-boundary.svg);
 *   5. one neuron drawn with the weights it learned (neuron.svg).
 * Every number the text quotes is written to results.txt. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include "nn.h"
#include "rosenblatt.h"
#include "plots.h"

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
    for (int k = 0; k < N_SHOWN; k++) {
        nn_activation f = nn_activation_make(shown[k]);
        names[k] = nn_activation_name(shown[k]);
        for (int i = 0; i < GRID; i++) {
            nn_real z = grid_z(i);
            NN_AT(values, i, 0) = NN_AT(slopes, i, 0) = z;
            NN_AT(values, i, k + 1) = nn_activation_value(f, z);
            /* The step has no derivative at 0 and 0 elsewhere; the library gives none. */
            NN_AT(slopes, i, k + 1) = shown[k] == NN_STEP ? 0 : nn_activation_derivative(f, z);
        }
        if (shown[k] == NN_STEP) continue;
        nn_result(ch->run, worst_central_difference(f), "activation.%s.max_central_difference_gap", names[k]);
    }
    nn_result_int(ch->run, GRID, "activation.grid_points");
    nn_result(ch->run, h, "activation.central_difference_step");
    names[N_SHOWN] = "maxout";
    for (int i = 0; i < GRID; i++) {
        NN_AT(values, i, N_SHOWN + 1) = maxout(grid_z(i));
        NN_AT(slopes, i, N_SHOWN + 1) = maxout_derivative(grid_z(i));
    }
    const char *columns = "z step sigmoid tanh relu leaky_relu elu softplus maxout";
    nn_run_table(ch->run, "activations.dat", columns, values, 0);
    nn_run_table(ch->run, "derivatives.dat", columns, slopes, 0);
    plot_activations(ch->run, names, N_SHOWN + 1);
    nn_say(&ch->common, "1. activations: %d functions and their derivatives on %d points of [-4, 4]\n",
           N_SHOWN + 1, GRID);
    nn_matrix_free(&values);
    nn_matrix_free(&slopes);
}

/* ---- 2. Rosenblatt's algorithm on separable data ---------------------------------------- */

/* The known separating line of the blobs, as w* (2 numbers) and b*. */
typedef struct { nn_real w[2], b; } line;

static line blobs_truth(void)
{
    line t;
    nn_data_blobs_truth(t.w, &t.b);
    return t;
}

/* Novikoff's quantities for a data set, its known line and a starting point w̃₀ = (w₀, b₀). */
typedef struct { nn_real radius, gamma, from_zero, from_init; } bounds;

static bounds bounds_for(nn_dataset data, line truth, const nn_real w0[3], nn_real lr)
{
    bounds b;
    b.radius = augmented_radius(data.X);
    b.gamma = augmented_margin(data.X, data.Y, truth.w, truth.b);
    b.from_zero = novikoff_bound(b.radius, b.gamma);
    nn_real norm = sqrt(truth.w[0] * truth.w[0] + truth.w[1] * truth.w[1] + truth.b * truth.b);
    nn_real u[3] = { truth.w[0] / norm, truth.w[1] / norm, truth.b / norm };
    b.from_init = novikoff_bound_from(b.radius, b.gamma, w0, 3, u, lr);
    return b;
}

/* For the figure: the same run as perceptron_train, taken one example at a time (one
 * step of the online algorithm is an epoch over a one-example set), so that the line can
 * be recorded after every update. Row k of lines is (w1, w2, b) after update k (row 0:
 * the start); row k−1 of culprits is (x1, x2, k) for the example that caused update k.
 * Returns the number of updates. */
static int trace_updates(perceptron *p, nn_dataset data, int epochs, nn_matrix lines, nn_matrix culprits)
{
    int k = 0;
    NN_AT(lines, 0, 0) = NN_AT(p->W, 0, 0); NN_AT(lines, 0, 1) = NN_AT(p->W, 0, 1); NN_AT(lines, 0, 2) = p->b;
    for (int e = 1; e <= epochs; e++)
        for (int i = 0; i < data.X.rows; i++) {
            if (!perceptron_epoch(p, nn_matrix_row_range(data.X, i, 1), nn_matrix_row_range(data.Y, i, 1))) continue;
            k++;
            assert(k < lines.rows);
            NN_AT(lines, k, 0) = NN_AT(p->W, 0, 0); NN_AT(lines, k, 1) = NN_AT(p->W, 0, 1); NN_AT(lines, k, 2) = p->b;
            NN_AT(culprits, k - 1, 0) = NN_AT(data.X, i, 0);
            NN_AT(culprits, k - 1, 1) = NN_AT(data.X, i, 1);
            NN_AT(culprits, k - 1, 2) = k;
        }
    return k;
}

/* The learned weights, kept for the diagram of step 5. */
typedef struct { nn_real w[2], b; } learned;

static learned separable(chapter *ch, nn_rng *rng)
{
    nn_dataset blobs = nn_data_blobs(ch->points, ch->margin, ch->spread, rng);
    perceptron p = perceptron_new(2, ch->lr);
    perceptron_init_random(&p, rng);
    nn_matrix history = nn_matrix_new(MAX_EPOCHS + 1, 3);
    int errors[MAX_EPOCHS];
    long updates;
    int converged;
    int epochs = perceptron_train(&p, blobs.X, blobs.Y, MAX_EPOCHS, errors, history, &updates, &converged);
    line truth = blobs_truth();
    nn_real w0[3] = { NN_AT(history, 0, 0), NN_AT(history, 0, 1), NN_AT(history, 0, 2) };
    bounds b = bounds_for(blobs, truth, w0, ch->lr);
    if (!converged) {
        char why[512];
        perceptron_why_not_separated(&p, w0, updates, MAX_EPOCHS, b.from_zero, b.from_init, why,
                                     sizeof why);
        nn_run_fail(ch->run, 1, "separable blobs: %s", why);
    }
    nn_real radius = b.radius, gamma = b.gamma;

    nn_result_int(ch->run, blobs.X.rows, "blobs.points");
    nn_result(ch->run, ch->margin, "blobs.margin_requested");
    nn_result(ch->run, truth.w[0], "blobs.truth_w1");
    nn_result(ch->run, truth.w[1], "blobs.truth_w2");
    nn_result(ch->run, truth.b, "blobs.truth_b");
    nn_result(ch->run, radius, "blobs.R_augmented");
    nn_result(ch->run, gamma, "blobs.gamma_augmented");
    /* The same data in the plane: R = max ‖x‖ and γ = min t (w*·x + b*), w* a unit vector. */
    nn_result(ch->run, sqrt(radius * radius - 1), "blobs.R_plane");
    nn_result(ch->run, gamma * sqrt(1 + truth.b * truth.b), "blobs.gamma_plane");
    nn_result(ch->run, ch->lr, "blobs.lr");
    nn_result(ch->run, w0[0], "blobs.init_w1");
    nn_result(ch->run, w0[1], "blobs.init_w2");
    nn_result(ch->run, w0[2], "blobs.init_b");
    nn_result_int(ch->run, epochs, "blobs.epochs");
    nn_result_int(ch->run, updates, "blobs.updates");
    nn_result_int(ch->run, errors[0], "blobs.first_epoch_mistakes");
    nn_result(ch->run, b.from_zero, "blobs.bound_from_zero");
    nn_result(ch->run, b.from_init, "blobs.bound_from_init");
    nn_result(ch->run, NN_AT(p.W, 0, 0), "blobs.final_w1");
    nn_result(ch->run, NN_AT(p.W, 0, 1), "blobs.final_w2");
    nn_result(ch->run, p.b, "blobs.final_b");
    nn_result_int(ch->run, perceptron_count_errors(&p, blobs.X, blobs.Y), "blobs.final_misclassified");

    plot_box box = plot_box_around(blobs.X, NN_R(0.05));
    nn_matrix truth_row = nn_matrix_new(1, 3);
    NN_AT(truth_row, 0, 0) = truth.w[0]; NN_AT(truth_row, 0, 1) = truth.w[1]; NN_AT(truth_row, 0, 2) = truth.b;
    write_points(ch->run, "blobs.dat", blobs.X, blobs.Y);
    nn_matrix lines = nn_matrix_new((int)updates + 1, 3), culprits = nn_matrix_new((int)updates, 3);
    perceptron again = perceptron_new(2, ch->lr);
    NN_AT(again.W, 0, 0) = w0[0]; NN_AT(again.W, 0, 1) = w0[1]; again.b = w0[2];
    int traced = trace_updates(&again, blobs, epochs, lines, culprits);
    assert(traced == updates && again.b == p.b && NN_AT(again.W, 0, 0) == NN_AT(p.W, 0, 0));
    write_lines(ch->run, "boundary.dat", lines, 0, traced, box);
    nn_run_table(ch->run, "culprits.dat", "x1 x2 update", culprits, 0);
    perceptron_free(&again);
    nn_matrix_free(&lines);
    nn_matrix_free(&culprits);
    write_lines(ch->run, "boundary-final.dat", history, epochs, epochs, box);
    write_lines(ch->run, "truth.dat", truth_row, 0, 0, box);
    write_errors(ch->run, "errors-blobs.dat", errors, epochs, blobs.X.rows);
    plot_boundary(ch->run);
    nn_say(&ch->common, "2. separable blobs (%d points, margin %.2f): %d updates in %d epochs, "
           "then an epoch without mistakes; final line %.3f x1 + %.3f x2 + %.3f = 0\n",
           blobs.X.rows, (double)ch->margin, (int)updates, epochs,
           (double)NN_AT(p.W, 0, 0), (double)NN_AT(p.W, 0, 1), (double)p.b);

    learned out = { { NN_AT(p.W, 0, 0), NN_AT(p.W, 0, 1) }, p.b };
    nn_matrix_free(&truth_row);
    nn_matrix_free(&history);
    perceptron_free(&p);
    nn_dataset_free(&blobs);
    return out;
}

/* ---- 3. Novikoff's bound over margins and seeds ------------------------------------------- */

static const nn_real margins[] = { NN_R(0.1), NN_R(0.25), NN_R(0.5) };
enum { N_MARGINS = sizeof margins / sizeof margins[0], RUNS = 5 };

/* Trains a fresh perceptron on data (from w̃ = 0, or from the source's random start) and
 * returns its number of updates; *w0 receives the start. */
static long updates_until_separated(chapter *ch, nn_dataset data, nn_real margin, nn_rng *rng_or_null,
                                    nn_real w0[3])
{
    perceptron p = perceptron_new(2, ch->lr);
    if (rng_or_null) perceptron_init_random(&p, rng_or_null);
    w0[0] = NN_AT(p.W, 0, 0); w0[1] = NN_AT(p.W, 0, 1); w0[2] = p.b;
    long updates;
    int converged;
    perceptron_train(&p, data.X, data.Y, MAX_EPOCHS, NULL, (nn_matrix){ 0, 0, NULL }, &updates, &converged);
    if (!converged) {
        char why[512];
        bounds b = bounds_for(data, blobs_truth(), w0, ch->lr);
        perceptron_why_not_separated(&p, w0, updates, MAX_EPOCHS, b.from_zero, b.from_init, why,
                                     sizeof why);
        nn_run_fail(ch->run, 1, "Novikoff's bound, blobs of margin %g: %s", (double)margin, why);
    }
    perceptron_free(&p);
    return updates;
}

static void novikoff(chapter *ch, nn_rng *rng)
{
    nn_matrix rows = nn_matrix_new(N_MARGINS * RUNS, 8);
    line truth = blobs_truth();
    nn_real worst = 0, worst_init = 0;
    for (int m = 0; m < N_MARGINS; m++)
        for (int run = 1; run <= RUNS; run++) {
            nn_dataset data = nn_data_blobs(ch->points, margins[m], ch->spread, rng);
            nn_real zero[3], w0[3];
            long from_zero = updates_until_separated(ch, data, margins[m], NULL, zero);
            long from_init = updates_until_separated(ch, data, margins[m], rng, w0);
            bounds b = bounds_for(data, truth, w0, ch->lr);
            nn_real row[8] = { margins[m], run, b.radius, b.gamma, b.from_zero, from_zero, b.from_init, from_init };
            for (int c = 0; c < 8; c++) NN_AT(rows, m * RUNS + run - 1, c) = row[c];
            const char *names[6] = { "R_augmented", "gamma_augmented", "bound", "updates",
                                     "bound_from_init", "updates_from_init" };
            for (int c = 2; c < 8; c++) {
                nn_result(ch->run, row[c], "novikoff.margin%.2f.run%d.%s", (double)margins[m], run, names[c - 2]);
            }
            if (from_zero / b.from_zero > worst) worst = from_zero / b.from_zero;
            if (from_init / b.from_init > worst_init) worst_init = from_init / b.from_init;
            nn_dataset_free(&data);
        }
    nn_result_int(ch->run, N_MARGINS * RUNS, "novikoff.runs");
    nn_result(ch->run, worst, "novikoff.worst_ratio");
    nn_result(ch->run, worst_init, "novikoff.worst_ratio_from_init");
    nn_run_table(ch->run, "novikoff.dat",
                 "margin run R_aug gamma_aug bound updates bound_from_init updates_from_init", rows, 0);
    plot_novikoff(ch->run);
    nn_say(&ch->common, "3. Novikoff: %d data sets; updates / (R/gamma)^2 at most %.3f from w = 0, "
           "%.3f from the random start (bound holds when <= 1)\n", N_MARGINS * RUNS, (double)worst, (double)worst_init);
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
    if (converged || epochs != ch->xor_epochs) {
        nn_run_fail(ch->run, 1, "an epoch without mistakes on XOR: impossible, so the data or the "
                                "algorithm is wrong");
    }
    int fewest = errors[0];
    for (int e = 1; e < epochs; e++) if (errors[e] < fewest) fewest = errors[e];
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

static void xor_never_separated(chapter *ch, nn_rng *rng)
{
    int epochs = ch->xor_epochs, errors[MAX_EPOCHS];     /* --xor-epochs <= MAX_EPOCHS */
    nn_matrix history = nn_matrix_new(epochs + 1, 3);
    const nn_real noise = NN_R(0.2);   /* standard deviation of each cluster */
    nn_dataset noisy = nn_data_xor(ch->points, noise, rng), corners = xor_corners();

    int fewest = train_on_xor(ch, noisy, rng, errors, history);
    int most = errors[0];
    for (int e = 1; e < epochs; e++) if (errors[e] > most) most = errors[e];
    write_errors(ch->run, "errors-xor.dat", errors, epochs, noisy.X.rows);
    write_points(ch->run, "xor.dat", noisy.X, noisy.Y);
    int first_drawn = epochs > 10 ? epochs - 10 : 0;
    write_lines(ch->run, "xor-boundary.dat", history, first_drawn, epochs,
                      plot_box_around(noisy.X, NN_R(0.05)));
    /* The best any end-of-epoch line did on the whole set, without updating. */
    int best_line = noisy.X.rows;
    perceptron probe = perceptron_new(2, ch->lr);
    for (int e = 1; e <= epochs; e++) {
        NN_AT(probe.W, 0, 0) = NN_AT(history, e, 0);
        NN_AT(probe.W, 0, 1) = NN_AT(history, e, 1);
        probe.b = NN_AT(history, e, 2);
        int wrong = perceptron_count_errors(&probe, noisy.X, noisy.Y);
        if (wrong < best_line) best_line = wrong;
    }
    perceptron_free(&probe);

    int fewest_corners = train_on_xor(ch, corners, rng, errors, (nn_matrix){ 0, 0, NULL });
    int corners_last = errors[epochs - 1];
    write_errors(ch->run, "errors-xor-corners.dat", errors, epochs, corners.X.rows);
    plot_errors(ch->run);
    plot_xor(ch->run);

    nn_result_int(ch->run, noisy.X.rows, "xor.points");
    nn_result(ch->run, noise, "xor.noise");
    nn_result_int(ch->run, epochs, "xor.epochs");
    nn_result_int(ch->run, fewest, "xor.fewest_mistakes_in_an_epoch");
    nn_result_int(ch->run, most, "xor.most_mistakes_in_an_epoch");
    nn_result_int(ch->run, best_line, "xor.best_end_of_epoch_misclassified");
    nn_result_int(ch->run, fewest_corners, "xor.corners.fewest_mistakes_in_an_epoch");
    nn_result_int(ch->run, corners_last, "xor.corners.last_epoch_mistakes");
    nn_say(&ch->common, "4. XOR (%d noisy points): %d epochs, between %d and %d mistakes in every epoch; "
           "the four corners: at least %d mistake(s) in every epoch\n",
           noisy.X.rows, epochs, fewest, most, fewest_corners);
    nn_dataset_free(&noisy);
    nn_dataset_free(&corners);
    nn_matrix_free(&history);
}

/* ---- 5. One neuron, drawn ------------------------------------------------------------ */

static void neuron_diagram(chapter *ch, learned n)
{
    dot_neuron(ch->run, n.w, 2, n.b, "step");
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
    learned n = separable(&ch, &rng);
    novikoff(&ch, &rng);
    xor_never_separated(&ch, &rng);
    neuron_diagram(&ch, n);

    return nn_run_finish(ch.run);
}
