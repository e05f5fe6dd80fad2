/* Part 6: margin losses. A classifier's score s and label y ∈ {−1, +1} meet in the margin
 * m = y·s, positive when the sign is right; a margin loss is a function φ(m). The 0-1 loss
 * 1[m ≤ 0] is what we want to count and cannot descend (its gradient is 0 wherever it
 * exists); the others stand in for it. First each φ against the 0-1 loss: which bound it
 * from above, which are convex. Then one linear classifier trained under each on blobs
 * with a few mislabelled far-away points, over several seeds: how far each is pulled. */
#include "losses.h"

#include <stdlib.h>

/* ---- The functions φ(m) --------------------------------------------------------------- */

typedef enum { ZERO_ONE, PERCEPTRON, HINGE, SQUARED_HINGE, LOGISTIC, LOGISTIC2, EXPONENTIAL, QUADRATIC, N_PHI } phi_kind;
static const char *const phi_names[N_PHI] = {
    "zero_one", "perceptron", "hinge", "squared_hinge", "logistic", "logistic_base2", "exponential", "quadratic"
};

/* course:begin phi */
/* φ(m) from the library: its margin losses, the 0-1 loss, the logistic loss in base 2
 * (log₂(1 + e^{−m}) = log(1 + e^{−m}) / log 2), and the quadratic (1 − m)², which for
 * y = ±1 is the squared error (y − s)² (y² = 1): the library's mse with target 1 at ŷ = m. */
static nn_real phi(phi_kind k, nn_real m)
{
    nn_real one = 1;
    switch (k) {
    case ZERO_ONE:      return nn_zero_one_loss(m);
    case PERCEPTRON:    return nn_margin_loss(NN_LOSS_PERCEPTRON, m);
    case HINGE:         return nn_margin_loss(NN_LOSS_HINGE, m);
    case SQUARED_HINGE: return nn_margin_loss(NN_LOSS_SQUARED_HINGE, m);
    case LOGISTIC:      return nn_margin_loss(NN_LOSS_LOGISTIC, m);
    case LOGISTIC2:     return nn_margin_loss(NN_LOSS_LOGISTIC, m) / log((nn_real)2);
    case EXPONENTIAL:   return nn_margin_loss(NN_LOSS_EXPONENTIAL, m);
    default:            return nn_loss_forward(nn_loss_make(NN_LOSS_MSE), nn_matrix_view(&m, 1, 1),
                                               nn_matrix_view(&one, 1, 1));
    }
}
/* course:end phi */

enum { MARGIN_GRID = 6001 };   /* m = −3 + 0.001 i: the kinks 0 and 1 are grid points */
static nn_real grid_m(int i) { return (nn_real)(i - 3000) / 1000; }

/* For each φ: the smallest φ(m) − 1[m ≤ 0] (≥ 0 for an upper bound) and where, and the
 * smallest second difference φ(m − h) − 2φ(m) + φ(m + h) (≥ 0 for a convex function). */
static void margin_functions(chapter *ch)
{
    nn_table *t = nn_table_open(ch->run, "margin-losses.dat",
                                "m zero_one perceptron hinge squared_hinge logistic logistic_base2 exponential quadratic");
    nn_table_digits(t, 9);
    for (int i = 0; i < MARGIN_GRID; i += 20) {   /* every 0.02 for the figure */
        double row[1 + N_PHI];
        row[0] = grid_m(i);
        for (int k = 0; k < N_PHI; k++) row[1 + k] = phi((phi_kind)k, grid_m(i));
        nn_table_add(t, row, 1 + N_PHI);
    }
    for (int k = PERCEPTRON; k < N_PHI; k++) {
        nn_real min_excess = INFINITY, at = 0, min_curvature = INFINITY;
        for (int i = 0; i < MARGIN_GRID; i++) {
            nn_real m = grid_m(i), excess = phi((phi_kind)k, m) - nn_zero_one_loss(m);
            if (excess < min_excess) { min_excess = excess; at = m; }
            if (i == 0 || i == MARGIN_GRID - 1) continue;
            nn_real curvature = phi((phi_kind)k, grid_m(i - 1)) - 2 * phi((phi_kind)k, m) + phi((phi_kind)k, grid_m(i + 1));
            if (curvature < min_curvature) min_curvature = curvature;
        }
        nn_result(ch->run, min_excess, "margin.%s.min_excess_over_zero_one", phi_names[k]);
        nn_result(ch->run, at, "margin.%s.min_excess_at", phi_names[k]);
        nn_result(ch->run, min_curvature, "margin.%s.min_second_difference", phi_names[k]);
        nn_result(ch->run, phi((phi_kind)k, 0), "margin.%s.at_zero", phi_names[k]);
    }
    nn_result_int(ch->run, MARGIN_GRID, "margin.grid_points");

    /* Small multiples: each surrogate over the 0-1 loss, so that no curve hides another. */
    static const char *const titles[N_PHI] = {
        "", "perceptron max(0, −m)", "hinge max(0, 1 − m)", "squared hinge max(0, 1 − m)²",
        "logistic log(1 + e^{−m})", "logistic, base 2: log_2(1 + e^{−m})", "exponential e^{−m}", "quadratic (1 − m)²"
    };
    FILE *gp = nn_figure(ch->run, "margin-losses", NULL, NULL, NULL);
    fprintf(gp, "eval size(1200, 760)\nset multiplot layout 2,4 title 'Margin losses φ(m), m = y·s, each over the "
                "0-1 loss 1[m ≤ 0] (thick grey)' \nset xrange [-3:3]\nset yrange [0:4]\nset xtics 1\nunset key\n"
                "set xlabel 'margin m'\n");
    for (int k = PERCEPTRON; k < N_PHI; k++)
        fprintf(gp, "set title '%s'\nplot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \\\n"
                    "     '' using 1:%d with lines ls %d\n", titles[k], k + 2, k);
    /* The eighth panel: all the upper bounds together near m = 0, dash patterns apart. */
    fprintf(gp, "set title 'the convex upper bounds together'\nset xrange [-1:2]\nset yrange [0:2.5]\n"
                "set key top right samplen 3 font ',10'\n"
                "plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7 title '0-1', \\\n"
                "     '' using 1:4 with lines ls 2 dt 1 title 'hinge', \\\n"
                "     '' using 1:5 with lines ls 3 dt 2 title 'sq. hinge', \\\n"
                "     '' using 1:7 with lines ls 5 dt 4 title 'logistic_2' noenhanced, \\\n"
                "     '' using 1:8 with lines ls 6 dt 3 title 'exp', \\\n"
                "     '' using 1:9 with lines ls 7 dt 5 title 'quadratic'\n"
                "unset multiplot\n");
    nn_say(&ch->common, "6. margin losses on %d margins in [-3, 3]: at m = 0 the perceptron loss is 0 and the "
           "logistic log(2) < 1; the hinge, squared hinge, exponential, logistic/log 2 and quadratic are >= 1[m <= 0]\n",
           MARGIN_GRID);
}

/* ---- A linear classifier under each loss, with mislabelled far-away points ------------ */

static const nn_loss_kind trained[] = {
    NN_LOSS_HINGE, NN_LOSS_SQUARED_HINGE, NN_LOSS_LOGISTIC, NN_LOSS_EXPONENTIAL, NN_LOSS_MSE
};
static const char *const trained_names[] = { "hinge", "squared_hinge", "logistic", "exponential", "quadratic" };
enum { N_TRAINED = sizeof trained / sizeof trained[0], CLEAN = 200, MARGIN_STEPS = 3000 };

/* Blobs around the line 0.6x₁ + 0.8x₂ − 0.5 = 0 (chapter 1's), then `outliers` points of
 * class y = +1 placed 3 deep on the y = −1 side and 2 along the line, jittered by 0.3:
 * labels in {−1, +1}. */
nn_dataset margin_data(int outliers, nn_rng *rng)
{
    nn_dataset blobs = nn_data_blobs(CLEAN, 0, NN_R(0.5), rng);
    nn_dataset d = nn_dataset_new(CLEAN + outliers, 2, 1, 2);
    nn_real w[2], b;
    nn_data_blobs_truth(w, &b);
    for (int i = 0; i < CLEAN + outliers; i++) {
        if (i < CLEAN) {
            NN_AT(d.X, i, 0) = NN_AT(blobs.X, i, 0);
            NN_AT(d.X, i, 1) = NN_AT(blobs.X, i, 1);
            d.labels[i] = blobs.labels[i];
        } else {
            /* foot of the line (−b w), 2 along u = (−w₂, w₁), 3 against w */
            nn_real along = 2, deep = 3;
            NN_AT(d.X, i, 0) = -b * w[0] - along * w[1] - deep * w[0] + nn_rng_normal(rng, 0, NN_R(0.3));
            NN_AT(d.X, i, 1) = -b * w[1] + along * w[0] - deep * w[1] + nn_rng_normal(rng, 0, NN_R(0.3));
            d.labels[i] = 1;
        }
        NN_AT(d.Y, i, 0) = d.labels[i] ? 1 : -1;
    }
    nn_dataset_free(&blobs);
    return d;
}

/* course:begin train_margin */
/* Full-batch gradient descent on L = (1/n) Σ_i φ(y_i s_i), s_i = w·x_i + b, from w = 0:
 * the library gives dS = ∂L/∂s (its 1/n included), then ∂L/∂w = Σ_i dS_i x_i, ∂L/∂b = Σ_i dS_i.
 * For the quadratic loss the library's mse on targets ±1 is (y − s)² = (1 − ys)². */
static int train_linear(nn_loss loss, nn_dataset d, nn_real lr, line2 *l, char *msg, size_t len)
{
    int n = d.X.rows;
    nn_matrix S = nn_matrix_new(n, 1), dS = nn_matrix_new(n, 1);
    nn_divergence watch = nn_divergence_start("--margin-lr", lr, 10);
    *l = (line2){ { 0, 0 }, 0 };
    int status = 0;
    for (int t = 1; t <= MARGIN_STEPS && status == 0; t++) {
        for (int i = 0; i < n; i++) NN_AT(S, i, 0) = line_score(l, &NN_AT(d.X, i, 0));
        if (t % 100 == 1) {
            char when[32];
            snprintf(when, sizeof when, "step %d", t);
            status = nn_divergence_check(&watch, nn_loss_forward(loss, S, d.Y), when, msg, len);
        }
        nn_loss_backward(loss, S, d.Y, dS);
        nn_real dw0 = 0, dw1 = 0, db = 0;
        for (int i = 0; i < n; i++) {
            dw0 += NN_AT(dS, i, 0) * NN_AT(d.X, i, 0);
            dw1 += NN_AT(dS, i, 0) * NN_AT(d.X, i, 1);
            db += NN_AT(dS, i, 0);
        }
        l->w[0] -= lr * dw0;
        l->w[1] -= lr * dw1;
        l->b -= lr * db;
    }
    nn_matrix_free(&S);
    nn_matrix_free(&dS);
    return status;
}
/* course:end train_margin */

/* The angle in degrees between w and the true normal w*, and the accuracy on the clean points. */
static nn_real angle_to_truth(line2 l)
{
    nn_real w[2], b;
    nn_data_blobs_truth(w, &b);
    nn_real c = (l.w[0] * w[0] + l.w[1] * w[1]) / sqrt(l.w[0] * l.w[0] + l.w[1] * l.w[1]);
    return acos(c > 1 ? 1 : c < -1 ? -1 : c) * 180 / acos((nn_real)-1);
}

static nn_real clean_accuracy(line2 l, nn_dataset d)
{
    int right = 0;
    for (int i = 0; i < CLEAN; i++) right += (line_score(&l, &NN_AT(d.X, i, 0)) >= 0) == d.labels[i];
    return (nn_real)right / CLEAN;
}

/* The first seed's data and lines, for the figure: each line w·x + b = 0 drawn from x₁ = −4 to 3. */
static void write_fit(chapter *ch, nn_dataset d, const line2 *lines)
{
    nn_table *p = nn_table_open(ch->run, "margin-points.dat", "x1 x2 label outlier");
    for (int i = 0; i < d.X.rows; i++) nn_table_row(p, NN_AT(d.X, i, 0), NN_AT(d.X, i, 1), d.labels[i], i >= CLEAN);
    nn_table *t = nn_table_open(ch->run, "margin-lines.dat", "x1 hinge squared_hinge logistic exponential quadratic truth");
    nn_real w[2], b;
    nn_data_blobs_truth(w, &b);
    for (int e = 0; e <= 1; e++) {
        double x1 = e ? 3 : -4, row[2 + N_TRAINED];
        row[0] = x1;
        for (int k = 0; k < N_TRAINED; k++) row[1 + k] = -(lines[k].w[0] * x1 + lines[k].b) / lines[k].w[1];
        row[1 + N_TRAINED] = -(w[0] * x1 + b) / w[1];
        nn_table_add(t, row, 2 + N_TRAINED);
    }
    FILE *gp = nn_figure(ch->run, "margin-fit", "One line per margin loss, 4 mislabelled points far on the wrong side",
                         "x_1", "x_2");
    fprintf(gp, "eval size(960, 560)\nset size ratio -1\nset xrange [-4:3]\nset yrange [-2.5:3]\n"
                "set key outside right center Left reverse font ',11'\n"
                "plot 'margin-points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.5 title 'y = −1', \\\n"
                "     '' using 1:($3 == 1 && $4 == 0 ? $2 : 1/0) with points ls 2 pt 5 ps 0.5 title 'y = +1', \\\n"
                "     '' using 1:($4 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 1.4 title 'y = +1, mislabelled', \\\n"
                "     'margin-lines.dat' using 1:7 with lines ls 7 dt 2 title 'the line the blobs were drawn around', \\\n"
                "     '' using 1:2 with lines ls 3 title 'hinge', \\\n"
                "     '' using 1:3 with lines ls 4 dt 4 title 'squared hinge', \\\n"
                "     '' using 1:4 with lines ls 5 dt 5 title 'logistic', \\\n"
                "     '' using 1:5 with lines ls 6 lw 3 title 'exponential', \\\n"
                "     '' using 1:6 with lines lc rgb '#666666' dt 3 lw 3 title 'quadratic'\n");
}

static void pulled_by_outliers(chapter *ch)
{
    nn_matrix angles = nn_matrix_new(ch->seeds, 1 + 2 * N_TRAINED);
    int exponential_worst = 0;
    nn_real smallest_lead = INFINITY;   /* exponential's angle minus the next largest */
    char msg[256];
    for (int s = 0; s < ch->seeds; s++) {
        nn_rng rng;
        nn_rng_seed(&rng, ch->common.seed + (uint64_t)s);
        nn_dataset d = margin_data(ch->outliers, &rng);
        line2 lines[N_TRAINED];
        nn_real angle[N_TRAINED], acc[N_TRAINED];
        NN_AT(angles, s, 0) = (nn_real)(ch->common.seed + (uint64_t)s);
        for (int k = 0; k < N_TRAINED; k++) {
            if (train_linear(nn_loss_make(trained[k]), d, ch->margin_lr, &lines[k], msg, sizeof msg))
                nn_run_fail(ch->run, 1, "margin experiment, %s loss, seed %d: %s", trained_names[k], s, msg);
            angle[k] = angle_to_truth(lines[k]);
            acc[k] = clean_accuracy(lines[k], d);
            NN_AT(angles, s, 1 + k) = angle[k];
            NN_AT(angles, s, 1 + N_TRAINED + k) = acc[k];
            nn_result(ch->run, angle[k], "pulled.seed%d.%s.angle_degrees", s, trained_names[k]);
            nn_result(ch->run, acc[k], "pulled.seed%d.%s.clean_accuracy", s, trained_names[k]);
        }
        /* Is the exponential loss the most pulled: the largest angle and the lowest clean accuracy? */
        nn_real next = 0, next_acc = 1, exp_angle = 0, exp_acc = 0;
        for (int k = 0; k < N_TRAINED; k++) {
            if (trained[k] == NN_LOSS_EXPONENTIAL) {
                exp_angle = angle[k];
                exp_acc = acc[k];
                continue;
            }
            if (angle[k] > next) next = angle[k];
            if (acc[k] < next_acc) next_acc = acc[k];
        }
        exponential_worst += exp_angle > next && exp_acc < next_acc;
        if (exp_angle - next < smallest_lead) smallest_lead = exp_angle - next;
        if (s == 0) write_fit(ch, d, lines);
        nn_dataset_free(&d);
    }
    for (int k = 0; k < N_TRAINED; k++) {             /* each loss's range over the seeds */
        nn_real lo = INFINITY, hi = -INFINITY, acc_lo = INFINITY, acc_hi = -INFINITY;
        for (int s = 0; s < ch->seeds; s++) {
            lo = fmin(lo, NN_AT(angles, s, 1 + k));
            hi = fmax(hi, NN_AT(angles, s, 1 + k));
            acc_lo = fmin(acc_lo, NN_AT(angles, s, 1 + N_TRAINED + k));
            acc_hi = fmax(acc_hi, NN_AT(angles, s, 1 + N_TRAINED + k));
        }
        nn_result(ch->run, lo, "pulled.%s.min_angle", trained_names[k]);
        nn_result(ch->run, hi, "pulled.%s.max_angle", trained_names[k]);
        nn_result(ch->run, acc_lo, "pulled.%s.min_clean_accuracy", trained_names[k]);
        nn_result(ch->run, acc_hi, "pulled.%s.max_clean_accuracy", trained_names[k]);
    }
    nn_run_table(ch->run, "margin-angles.dat",
                 "seed angle_hinge angle_squared_hinge angle_logistic angle_exponential angle_quadratic "
                 "acc_hinge acc_squared_hinge acc_logistic acc_exponential acc_quadratic", angles, 0);
    nn_result_int(ch->run, ch->seeds, "pulled.seeds");
    nn_result_int(ch->run, ch->outliers, "pulled.outliers");
    nn_result_int(ch->run, CLEAN, "pulled.clean_points");
    nn_result_int(ch->run, MARGIN_STEPS, "pulled.steps");
    nn_result(ch->run, ch->margin_lr, "pulled.lr");
    nn_result_int(ch->run, exponential_worst, "pulled.seeds_where_exponential_is_pulled_most");
    nn_result(ch->run, smallest_lead, "pulled.exponential_smallest_lead_degrees");

    FILE *gp = nn_figure(ch->run, "margin-angles", NULL, NULL, NULL);
    fprintf(gp, "eval size(1100, 420)\nset multiplot layout 1,2 title 'Each seed is one point (%d seeds): how far "
                "%d mislabelled points pull each loss'\n"
                "set xtics ('hinge' 1, 'sq. hinge' 2, 'logistic' 3, 'exponential' 4, 'quadratic' 5)\n"
                "set xrange [0.5:5.5]\nunset key\nset grid noxtics\n"
                "set title 'Angle between w and the true normal w*'\nset ylabel 'degrees'\nset yrange [0:*]\n"
                "plot for [k=1:5] 'margin-angles.dat' using (k + ($0 - %g) * 0.03):(column(k+1)) with points ls k pt 7 ps 0.8\n"
                "set title 'Accuracy on the 200 correctly labelled points'\nset ylabel 'accuracy'\nset yrange [*:1]\n"
                "plot for [k=1:5] 'margin-angles.dat' using (k + ($0 - %g) * 0.03):(column(k+6)) with points ls k pt 7 ps 0.8\n"
                "unset multiplot\n", ch->seeds, ch->outliers, (ch->seeds - 1) / 2.0, (ch->seeds - 1) / 2.0);
    nn_say(&ch->common, "   a linear classifier on 200 points + %d mislabelled ones, %d seeds: the exponential loss "
           "has the largest angle and the lowest clean accuracy in %d of them (lead at least %.1f degrees)\n",
           ch->outliers, ch->seeds, exponential_worst, (double)smallest_lead);
    nn_matrix_free(&angles);
}

void part_margins(chapter *ch)
{
    margin_functions(ch);
    pulled_by_outliers(ch);
}
