/* 7.4 Learning curves: training and validation error against the number of training examples,
 * for the narrowest network (width 1: a straight line, its one unit's kink at the edge of the
 * domain) and a wide one (width 15), each fitted on 5 × `draws` training sets of every size
 * (the curves are medians, the bands the middle half). The validation set is one large set
 * drawn once. */
#include "fitting.h"

#include <stdlib.h>

static const int sizes[] = { 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 40, 50, 64, 80, 100, 128, 160, 200 };
enum { N_SIZES = sizeof sizes / sizeof sizes[0], VALIDATION = 1000 };
static const int model_width[2] = { 1, 15 };

void learning_curves(chapter *ch)
{
    const nn_common_flags *c = &ch->common;
    int D = 5 * ch->draws;
    nn_say(c, "\n== 7.4 Learning curves: widths %d and %d, %d to %d training points, %d training sets each\n",
           model_width[0], model_width[1], sizes[0], sizes[N_SIZES - 1], D);
    nn_rng rng = part_stream(ch, STREAM_LEARNING);
    sample validation = sample_draw(VALIDATION, ch->noise, &rng);
    double *tr = malloc(sizeof(double) * (size_t)D), *va = malloc(sizeof(double) * (size_t)D);
    nn_table *t = nn_table_open(ch->run, "learning.dat",
                                "n train_q25 train_median train_q75 validation_q25 validation_median validation_q75 noise_variance (blocks: width 1, width 15)");
    double last_val[2] = { 0, 0 }, first_val[2] = { 0, 0 }, last_train[2] = { 0, 0 };
    for (int m = 0; m < 2; m++) {
        int w = model_width[m], rows = 0;
        for (int s = 0; s < N_SIZES; s++) {
            int n = sizes[s];
            if (n < w + 1) continue;                    /* w + 1 parameters need n ≥ w + 1 */
            for (int k = 0; k < D; k++) {
                fixed_layer_fits fits;
                sample train = fitted_training_draw(ch, n, w, &rng, &fits);
                tr[k] = fits.train_mse[w];
                va[k] = fit_mse(&fits, w, &validation);
                fits_free(&fits);
                sample_free(&train);
            }
            double qt[3], qv[3];
            quartiles(tr, D, qt);
            quartiles(va, D, qv);
            nn_table_row(t, n, qt[0], qt[1], qt[2], qv[0], qv[1], qv[2], (double)(ch->noise * ch->noise));
            if (rows++ == 0) first_val[m] = qv[1];
            last_val[m] = qv[1];
            last_train[m] = qt[1];
        }
        if (m == 0) end_dataset(t);
        nn_result(ch->run, first_val[m], "learning.width%d.first_validation_median", w);
        nn_result(ch->run, last_val[m], "learning.width%d.validation_median_at_%d", w, sizes[N_SIZES - 1]);
        nn_result(ch->run, last_train[m], "learning.width%d.train_median_at_%d", w, sizes[N_SIZES - 1]);
        nn_say(c, "  width %2d: median validation MSE %.4f at n = %d, %.4f at n = %d (training %.4f); noise variance %.4f\n",
               w, first_val[m], w + 1 > sizes[0] ? w + 1 : sizes[0], last_val[m], sizes[N_SIZES - 1], last_train[m],
               (double)(ch->noise * ch->noise));
    }
    FILE *gp = figure(ch, "learning", "Learning curves: error against the number of training examples",
                      "training examples n", "mean squared error (median, middle half shaded)", 900, 500);
    fprintf(gp, "set logscale x\nset xrange [3:250]\nset yrange [0:0.8]\nset key top right\n"
                "plot 'learning.dat' index 0 using 1:5:7 with filledcurves fc ls 1 fs transparent solid 0.15 noborder notitle, \\\n"
                "     '' index 1 using 1:5:7 with filledcurves fc ls 2 fs transparent solid 0.15 noborder notitle, \\\n"
                "     '' index 0 using 1:6 with linespoints ls 1 title 'width 1 (a line), validation', \\\n"
                "     '' index 0 using 1:3 with linespoints ls 1 dt 2 title 'width 1 (a line), training', \\\n"
                "     '' index 1 using 1:6 with linespoints ls 2 title 'width 15, validation', \\\n"
                "     '' index 1 using 1:3 with linespoints ls 2 dt 2 title 'width 15, training', \\\n"
                "     '' index 1 using 1:8 with lines ls 7 dt 3 lw 1 title 'noise variance σ^2'\n");
    free(tr);
    free(va);
    sample_free(&validation);
}
