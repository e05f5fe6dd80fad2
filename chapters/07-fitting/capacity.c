/* 7.2 Capacity: training and validation error against the width of the network.
 *
 * For the chapter's data set (n training examples, a validation set), every width w = 1..n−1
 * is fitted by least squares; the width with the smallest validation error is chosen. The
 * same sweep on `draws` more data sets gives each curve's spread. Training error never rises
 * with w ([C7.1]) because the fits are nested; with the knots drawn afresh at each width
 * (not nested) it does, which the sweep also measures. */
#include "fitting.h"

#include <stdlib.h>
#include <string.h>

enum { CURVE_POINTS = 401 };
#define RISE_TOLERANCE (1e4 * NN_REAL_EPSILON)      /* 2.2e-12 in double */

/* Counts the widths at which the training error rose: mse[w+1] > mse[w] + tol. */
static int rises(const nn_real *mse, int max_width, nn_real tol)
{
    int count = 0;
    for (int w = 1; w < max_width; w++) count += mse[w + 1] > mse[w] + tol;
    return count;
}

/* The mean square of the targets: [C7.1] allows rises of 1e4 ε_mach of it (rounding). */
static nn_real mean_square(const sample *s)
{
    nn_real sum = 0;
    for (int i = 0; i < s->n; i++) sum += s->y[i] * s->y[i];
    return sum / s->n;
}

/* Not nested: width w gets its own w − 1 knots, drawn at random from the interior training
 * inputs, and its own factorisation. Training MSE into mse[1..max_width]. */
static void fits_not_nested(const sample *train, int max_width, nn_rng *rng, nn_real *mse)
{
    int interior = train->n - 2;
    int *order = malloc(sizeof(int) * (size_t)interior);
    nn_real *inputs = malloc(sizeof(nn_real) * (size_t)interior), *knots = malloc(sizeof(nn_real) * (size_t)interior);
    nn_real *theta = malloc(sizeof(nn_real) * (size_t)(max_width + 1));
    knots_from(train, inputs);
    for (int w = 1; w <= max_width; w++) {
        nn_matrix Phi = nn_matrix_new(train->n, w + 1);
        do {                    /* full rank as in the nested case; again only if singular to rounding */
            for (int i = 0; i < interior; i++) order[i] = i;
            nn_rng_shuffle(rng, order, (size_t)interior);
            for (int q = 0; q < w - 1; q++) knots[q] = inputs[order[q]];
            design_matrix(train->x, train->n, knots, w, Phi);
        } while (nn_lstsq(Phi, train->y, theta) != 0);
        nn_real sum = 0;
        for (int i = 0; i < train->n; i++) {
            nn_real r = -train->y[i];
            for (int j = 0; j <= w; j++) r += NN_AT(Phi, i, j) * theta[j];
            sum += r * r;
        }
        mse[w] = sum / train->n;
        nn_matrix_free(&Phi);
    }
    free(order);
    free(inputs);
    free(knots);
    free(theta);
}

static void fitted_functions_figure(chapter *ch, const fixed_layer_fits *fits, const sample *train,
                                    const int widths[3])
{
    nn_table *t = nn_table_open(ch->run, "capacity-fits.dat", "x target fit_small fit_chosen fit_widest");
    for (int i = 0; i < CURVE_POINTS; i++) {
        nn_real x = -1 + 2 * (nn_real)i / (CURVE_POINTS - 1);
        nn_table_row(t, x, target(x), fit_predict(fits, widths[0], x), fit_predict(fits, widths[1], x),
                     fit_predict(fits, widths[2], x));
    }
    nn_table *d = nn_table_open(ch->run, "capacity-train.dat", "x y (the training set)");
    for (int i = 0; i < train->n; i++) nn_table_row(d, train->x[i], train->y[i]);
    FILE *gp = figure(ch, "capacity-fits", NULL, NULL, NULL, 1100, 400);
    const char *what[3] = { "underfit", "chosen on validation", "interpolating" };
    fprintf(gp, "set multiplot layout 1,3 title 'The fitted network at three widths (the same %d training points)'\n"
                "set xlabel 'x'\nset ylabel 'y'\nset yrange [-2.2:2.2]\nset key bottom right\n", train->n);
    for (int k = 0; k < 3; k++) {
        fprintf(gp, "set title 'width %d: %s'\n", widths[k], what[k]);
        fprintf(gp, "plot 'capacity-fits.dat' using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)', \\\n"
                    "     '' using 1:%d with lines ls %d title 'network', \\\n"
                    "     'capacity-train.dat' using 1:2 with points ls 7 pt 7 ps 0.5 title 'training set'\n",
                k + 3, k + 1);
    }
    fprintf(gp, "unset multiplot\n");
}

static void errors_figure(chapter *ch, int n)
{
    FILE *gp = figure(ch, "capacity", "Training and validation error against the width (bands: middle half of the data sets)",
                      "width w (hidden units; w + 1 parameters fitted)", "mean squared error", 900, 500);
    fprintf(gp, "set xrange [0:%d]\nset yrange [0:*]\nset key top right\n"
                "plot 'capacity-spread.dat' using 1:2:4 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \\\n"
                "     '' using 1:5:7 with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \\\n"
                "     'capacity.dat' using 1:2 with linespoints ls 1 title 'training (nested widths)', \\\n"
                "     '' using 1:3 with linespoints ls 2 title 'validation', \\\n"
                "     '' using 1:4 with lines ls 5 dt 2 title 'training, knots drawn afresh at each width', \\\n"
                "     'capacity-chosen.dat' using 1:2 with points ls 3 pt 6 ps 2.5 lw 2 title 'chosen on validation', \\\n"
                "     'capacity.dat' using 1:5 with lines ls 7 dt 3 lw 1 title 'noise variance σ^2'\n",
            n);
}

/* course:begin choose */
/* The width is a hyper-parameter: it is chosen on the validation set, never on the test set. */
static int choose_width(const fixed_layer_fits *fits, const sample *validation, nn_real *best_mse)
{
    int best = 1;
    *best_mse = fit_mse(fits, 1, validation);
    for (int w = 2; w <= fits->max_width; w++) {
        nn_real mse = fit_mse(fits, w, validation);
        if (mse < *best_mse) { best = w; *best_mse = mse; }
    }
    return best;
}
/* course:end choose */

capacity_choice capacity_sweep(chapter *ch, const sample *train, const sample *validation)
{
    const nn_common_flags *c = &ch->common;
    int n = train->n, W = n - 1;
    nn_say(c, "\n== 7.2 Capacity: widths 1..%d on %d training points, %d validation points\n", W, n, validation->n);
    fixed_layer_fits fits;
    if (fits_all_widths(train, W, &fits) != 0)             /* main drew it with fitted_training_draw */
        nn_run_fail(ch->run, 1, "the training set's design is singular to working precision");
    nn_real best_mse;
    int chosen = choose_width(&fits, validation, &best_mse);
    nn_real tol = RISE_TOLERANCE * mean_square(train);

    /* the main data set's curves, and the same training set without nesting */
    nn_rng rng = part_stream(ch, STREAM_CAPACITY);
    nn_real *loose = calloc((size_t)W + 1, sizeof(nn_real));
    fits_not_nested(train, W, &rng, loose);
    nn_table *t = nn_table_open(ch->run, "capacity.dat", "width train_mse validation_mse train_mse_not_nested noise_variance");
    for (int w = 1; w <= W; w++)
        nn_table_row(t, w, fits.train_mse[w], fit_mse(&fits, w, validation), loose[w], (double)(ch->noise * ch->noise));
    int nested_rises = rises(fits.train_mse, W, tol), loose_rises = rises(loose, W, tol);

    /* the spread: `draws` more data sets (training and validation), each swept the same way */
    int D = ch->draws;
    double *tr = malloc(sizeof(double) * (size_t)D * (W + 1)), *va = malloc(sizeof(double) * (size_t)D * (W + 1));
    nn_table *choices = nn_table_open(ch->run, "capacity-choices.dat", "draw chosen_width validation_mse");
    int chosen_min = W, chosen_max = 1;
    for (int k = 0; k < D; k++) {
        fixed_layer_fits fk;
        sample tk = fitted_training_draw(ch, n, W, &rng, &fk), vk = sample_draw(validation->n, ch->noise, &rng);
        for (int w = 1; w <= W; w++) {
            tr[(size_t)w * D + k] = fk.train_mse[w];
            va[(size_t)w * D + k] = fit_mse(&fk, w, &vk);
        }
        nn_real mk;
        int ck = choose_width(&fk, &vk, &mk);
        nn_table_row(choices, k + 1, ck, mk);
        if (ck < chosen_min) chosen_min = ck;
        if (ck > chosen_max) chosen_max = ck;
        nested_rises += rises(fk.train_mse, W, RISE_TOLERANCE * mean_square(&tk));
        fits_not_nested(&tk, W, &rng, loose);
        loose_rises += rises(loose, W, RISE_TOLERANCE * mean_square(&tk));
        fits_free(&fk);
        sample_free(&tk);
        sample_free(&vk);
    }
    nn_table *s = nn_table_open(ch->run, "capacity-spread.dat",
                                "width train_q25 train_median train_q75 validation_q25 validation_median validation_q75 (over the draws)");
    for (int w = 1; w <= W; w++) {
        double qt[3], qv[3];
        quartiles(tr + (size_t)w * D, D, qt);
        quartiles(va + (size_t)w * D, D, qv);
        nn_table_row(s, w, qt[0], qt[1], qt[2], qv[0], qv[1], qv[2]);
    }
    nn_table *mark = nn_table_open(ch->run, "capacity-chosen.dat", "width validation_mse (the width chosen on validation)");
    nn_table_row(mark, chosen, best_mse);
    errors_figure(ch, n);
    int widths[3] = { 2, chosen, W };
    fitted_functions_figure(ch, &fits, train, widths);

    nn_result_int(ch->run, n, "capacity.points");
    nn_result_int(ch->run, validation->n, "capacity.validation_points");
    nn_result(ch->run, ch->noise, "capacity.noise");
    nn_result(ch->run, (double)ch->noise * ch->noise, "capacity.noise_variance");
    nn_result_int(ch->run, W, "capacity.max_width");
    nn_result(ch->run, mean_square(train), "capacity.target_mean_square");
    nn_result_int(ch->run, chosen, "capacity.chosen_width");
    nn_result(ch->run, best_mse, "capacity.chosen_validation_mse");
    nn_result(ch->run, fits.train_mse[chosen], "capacity.chosen_train_mse");
    nn_result(ch->run, fit_mse(&fits, 2, validation), "capacity.width2_validation_mse");
    nn_result(ch->run, fits.train_mse[2], "capacity.width2_train_mse");
    nn_result(ch->run, fit_mse(&fits, W, validation), "capacity.widest_validation_mse");
    nn_result(ch->run, fits.train_mse[W], "capacity.widest_train_mse");
    nn_result_int(ch->run, D + 1, "capacity.data_sets");
    nn_result_int(ch->run, D, "capacity.draws");
    nn_result_int(ch->run, chosen_min, "capacity.draws_chosen_min");
    nn_result_int(ch->run, chosen_max, "capacity.draws_chosen_max");
    nn_result_int(ch->run, (D + 1) * (W - 1), "capacity.width_steps");
    nn_result_int(ch->run, nested_rises, "capacity.nested_train_rises");
    nn_result_int(ch->run, loose_rises, "capacity.not_nested_train_rises");
    nn_say(c, "  chosen on validation: width %d (validation MSE %.4f, training MSE %.4f; noise variance %.4f)\n",
           chosen, (double)best_mse, (double)fits.train_mse[chosen], (double)(ch->noise * ch->noise));
    nn_say(c, "  width 2: training %.4f, validation %.4f (underfit);  width %d: training %.1e, validation %.4f (interpolates)\n",
           (double)fits.train_mse[2], (double)fit_mse(&fits, 2, validation), W, (double)fits.train_mse[W],
           (double)fit_mse(&fits, W, validation));
    nn_say(c, "  [C7.1] over %d data sets x %d width steps the training error rose %d times with nested knots, "
           "%d times with knots drawn afresh\n", D + 1, W - 1, nested_rises, loose_rises);
    capacity_choice choice = { chosen, best_mse };
    free(tr);
    free(va);
    free(loose);
    fits_free(&fits);
    return choice;
}
