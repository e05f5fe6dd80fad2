/* Sections 6.2-6.5: the interpolant built as a network, how close it comes, how the error falls
 * with the number of neurons, and how many neurons a tolerance needs. */
#include "universal.h"

#include <stdlib.h>
#include <string.h>

/* max_i |net(x_i) − want_i| over the rows of X. */
static nn_real worst_gap(nn_network *net, nn_matrix X, const nn_real *want)
{
    nn_real *got = malloc(X.rows * sizeof *got), worst = 0;
    network_outputs(net, X, got);
    for (int i = 0; i < X.rows; i++)
        if (fabs(got[i] - want[i]) > worst) worst = fabs(got[i] - want[i]);
    free(got);
    return worst;
}

static int ascending(const void *a, const void *b)
{
    nn_real x = *(const nn_real *)a, y = *(const nn_real *)b;
    return (x > y) - (x < y);
}

/* ---- 2. The construction ------------------------------------------------------------- */

/* What the text checks of one built network: its values at the knots, at the quarter
 * points of every piece (against the chord), and against the lecture's no-bias form. */
typedef struct { nn_real knots, chords, no_bias, sup; } construction_check;

static construction_check check_construction(const target *t, int N, nn_network *net)
{
    construction_check c;
    nn_real *x = malloc((N + 1) * sizeof *x), *y = malloc((N + 1) * sizeof *y);
    uniform_knots(N, x);
    for (int i = 0; i <= N; i++) y[i] = target_value(t, x[i]);
    c.knots = worst_gap(net, nn_matrix_view(x, N + 1, 1), y);

    nn_matrix quarters = nn_matrix_new(3 * N, 1);
    nn_real *chord = malloc(3 * N * sizeof *chord);
    for (int i = 0; i < N; i++)
        for (int q = 1; q <= 3; q++) {
            nn_real s = (nn_real)q / 4;
            quarters.data[3 * i + q - 1] = x[i] + s * (x[i + 1] - x[i]);
            chord[3 * i + q - 1] = (1 - s) * y[i] + s * y[i + 1];
        }
    c.chords = worst_gap(net, quarters, chord);

    nn_network *lecture = build_interpolant_no_bias(x, y, N);
    nn_matrix grid = error_grid(N, t);
    nn_real *theirs = malloc(grid.rows * sizeof *theirs);
    network_outputs(lecture, grid, theirs);
    c.no_bias = worst_gap(net, grid, theirs);
    c.sup = sup_error(net, t, grid, NULL);
    free(theirs); free(chord); free(x); free(y);
    nn_matrix_free(&quarters);
    nn_matrix_free(&grid);
    nn_network_free(lecture);
    return c;
}

/* One block of targets.dat (x, f, network on the sorted grid) and of knots.dat. */
static void write_curves(nn_table *curves, nn_table *knots, const target *t, int N, nn_network *net)
{
    nn_matrix grid = error_grid(N, t);
    qsort(grid.data, grid.rows, sizeof *grid.data, ascending);
    nn_real *g = malloc(grid.rows * sizeof *g);
    network_outputs(net, grid, g);
    for (int i = 0; i < grid.rows; i++) nn_table_row(curves, grid.data[i], target_value(t, grid.data[i]), g[i]);
    nn_table_block(curves);
    nn_table_block(curves);
    for (int i = 0; i <= N; i++) {
        nn_real x = (nn_real)i / (nn_real)N;
        nn_table_row(knots, x, target_value(t, x));
    }
    nn_table_block(knots);
    nn_table_block(knots);
    free(g);
    nn_matrix_free(&grid);
}

static void plot_targets(chapter *ch, const target *t, int n)
{
    FILE *gp = nn_figure(ch->run, "targets", NULL, NULL, NULL);
    fprintf(gp, "eval size(1000, 720)\n"
                "set multiplot layout 2,2 title 'Targets f (grey) and the networks built from %d knots (blue), knots marked'\n"
                "set xlabel 'x'\nset key bottom right\n", ch->neurons);
    for (int k = 0; k < n; k++)
        fprintf(gp, "set title '%s'\nset ylabel 'f(x), network(x)'\n"
                    "plot 'targets.dat' index %d using 1:2 with lines lw 4 lc rgb '#BBBBBB' title 'f = %s', \\\n"
                    "     '' index %d using 1:3 with lines ls 1 title 'network', \\\n"
                    "     'knots.dat' index %d using 1:2 with points ls 2 pt 7 ps 0.9 title 'knots'\n",
                t[k].name, k, t[k].formula, k, k);
    fprintf(gp, "unset multiplot\n");
}

void part_construction(chapter *ch)
{
    target t[TARGETS_MAX];
    int n = target_table(t, ch->kink, ch->step), N = ch->neurons;
    nn_say(&ch->common, "\n== 2. The construction: the interpolant on %d knots as a 1-%d-1 ReLU network\n", N + 1, N);
    nn_table *curves = nn_table_open(ch->run, "targets.dat", "x f network (one block per target)");
    nn_table *knots = nn_table_open(ch->run, "knots.dat", "x f (the knots, one block per target)");
    nn_result_int(ch->run, N, "construction.neurons");
    for (int k = 0; k < n; k++) {
        nn_network *net = build_for_target(&t[k], N);
        construction_check c = check_construction(&t[k], N, net);
        write_curves(curves, knots, &t[k], N, net);
        nn_result(ch->run, c.knots, "construction.%s.knot_error", t[k].name);
        nn_result(ch->run, c.chords, "construction.%s.chord_error", t[k].name);
        nn_result(ch->run, c.no_bias, "construction.%s.no_bias_difference", t[k].name);
        nn_result(ch->run, c.sup, "construction.%s.sup_error", t[k].name);
        nn_say(&ch->common, "  %-9s at the knots %.1e, off the chords %.1e, lecture's no-bias form %.1e; sup error %.4f\n",
               t[k].name, (double)c.knots, (double)c.chords, (double)c.no_bias, (double)c.sup);
        nn_network_free(net);
    }
    plot_targets(ch, t, n);
}

/* ---- 3 and 4. The error for N = 2, 4, ..., --max-neurons ------------------------------- */

sweep sweep_errors(const chapter *ch)
{
    sweep s = { 0 };
    s.n_targets = target_table(s.t, ch->kink, ch->step);
    for (int N = 2; N <= ch->max_neurons; N *= 2) {
        s.N[s.count] = N;
        for (int k = 0; k < s.n_targets; k++) s.err[k][s.count] = interpolation_error(&s.t[k], N);
        s.count++;
    }
    return s;
}

/* The largest error / bound over the sweep, for one of the three bounds (NAN if the
 * target does not have it). */
static nn_real worst_ratio(const sweep *s, int k, int which)
{
    const target *t = &s->t[k];
    nn_real worst = 0;
    for (int i = 0; i < s->count; i++) {
        nn_real h = 1 / s->N[i], bound;
        if (which == 0) bound = t->modulus(t, h);
        else if (which == 1) bound = t->lipschitz * h / 2;
        else bound = h * h / 8 * t->curvature;
        if (!isfinite(bound)) return NAN;
        if (s->err[k][i] / bound > worst) worst = s->err[k][i] / bound;
    }
    return worst;
}

/* course:begin tight */
/* Where each bound is attained: x² (f″ = 2) has error exactly h²/4 at every midpoint;
 * |x − c| with c at a midpoint has error exactly h/2 there; a jump just past a knot
 * (at x_j + h/1000) leaves the chord 1/1000 of the way up when f is already 1. */
static void tight_cases(int N, nn_real ratio[3])
{
    nn_real h = NN_R(1.0) / (nn_real)N;
    int j = N / 2;
    target quadratic = target_quadratic(), kink = target_kink((j + NN_R(0.5)) * h),
           step = target_step(j * h + h / 1000);
    ratio[0] = interpolation_error(&step, N) / step.modulus(&step, h);
    ratio[1] = interpolation_error(&kink, N) / (kink.lipschitz * h / 2);
    ratio[2] = interpolation_error(&quadratic, N) / (h * h / 8 * quadratic.curvature);
}
/* course:end tight */

void part_bounds(chapter *ch, const sweep *s)
{
    static const char *bound_names[3] = { "modulus", "lipschitz", "curvature" };
    nn_say(&ch->common, "\n== 3. The sup error against the bounds, N = 2 .. %d (largest error/bound; <= 1 holds them)\n",
           ch->max_neurons);
    for (int k = 0; k < s->n_targets; k++) {
        nn_say(&ch->common, "  %-9s", s->t[k].name);
        for (int b = 0; b < 3; b++) {
            nn_real r = worst_ratio(s, k, b);
            if (isnan(r)) { nn_say(&ch->common, "  %-9s   -   ", bound_names[b]); continue; }
            nn_result(ch->run, r, "bounds.%s.%s_worst_ratio", s->t[k].name, bound_names[b]);
            nn_say(&ch->common, "  %-9s %.4f", bound_names[b], (double)r);
        }
        nn_say(&ch->common, "\n");
    }
    nn_real tight[3];
    tight_cases(ch->neurons, tight);
    for (int b = 0; b < 3; b++) nn_result(ch->run, tight[b], "bounds.tight.%s_ratio", bound_names[b]);
    nn_say(&ch->common, "  attained (N = %d): step just past a knot %.6f of omega, kink at a midpoint %.15f of Lh/2, "
           "x^2 %.15f of h^2/8 max|f''|\n", ch->neurons, (double)tight[0], (double)tight[1], (double)tight[2]);
}

/* course:begin fit */
enum { FIT_FROM = 8 };   /* the slopes are fitted on N ≥ 8, where the rates have set in */
/* course:end fit */

enum { KINK_EVERY_N_MAX = 128 };   /* the kink's error for every N, not only powers of two */

static void plot_error(chapter *ch, const sweep *s)
{
    FILE *gp = nn_figure(ch->run, "error", "Sup error of the built network against its number of neurons",
                         "neurons N (= pieces of the interpolant)", "sup |f − network| on [0, 1]");
    fprintf(gp, "eval size(860, 680)\nset logscale x 2\nset logscale y 10\nset format y '10^{%%L}'\n"
                "set key below maxrows 4 width -2 samplen 3\nset xrange [1.5:%d]\n", 2 * ch->max_neurons);
    fprintf(gp, "plot ");
    for (int k = 0; k < s->n_targets; k++) {
        const char *which;
        error_bound(&s->t[k], 2, &which);
        fprintf(gp, "%s'error.dat' using 1:%d with linespoints ls %d title '%s', \\\n"
                    "     '' using 1:%d with lines ls %d dt 2 lw 1.5 title '  bound %s, slope %g'",
                k ? ", \\\n     " : "", k + 2, k + 1, s->t[k].formula, s->n_targets + k + 2, k + 1,
                which, (double)s->t[k].slope);
    }
    fprintf(gp, ", \\\n     'kink-every-n.dat' using 1:2 with points ls 2 pt 6 ps 0.7 title '|x − c|, every N ≤ %d whose knots miss c'"
                ", \\\n     'error.dat' using 1:(0.5) with lines ls 7 dt 3 lw 1 title 'half the jump'\n",
            KINK_EVERY_N_MAX);
}

void part_error_vs_neurons(chapter *ch, const sweep *s)
{
    nn_say(&ch->common, "\n== 4. Error against neurons: slopes of log(error) against log(N), N = %d .. %d\n",
           FIT_FROM, ch->max_neurons);
    char columns[512] = "N";
    for (int b = 0; b < 2; b++)
        for (int k = 0; k < s->n_targets; k++) {
            size_t used = strlen(columns);
            snprintf(columns + used, sizeof columns - used, " %s_%s", b ? "bound" : "error", s->t[k].name);
        }
    nn_table *t = nn_table_open(ch->run, "error.dat", columns);
    int first = 0;
    while (s->N[first] < FIT_FROM) first++;
    for (int i = 0; i < s->count; i++) {
        double row[2 * TARGETS_MAX + 1];
        row[0] = s->N[i];
        for (int k = 0; k < s->n_targets; k++) {
            row[1 + k] = s->err[k][i];
            row[1 + s->n_targets + k] = error_bound(&s->t[k], (int)s->N[i], NULL);
        }
        nn_table_add(t, row, 1 + 2 * s->n_targets);
    }
    for (int k = 0; k < s->n_targets; k++) {
        nn_real slope = loglog_slope(s->N + first, s->err[k] + first, s->count - first);
        nn_real least = s->err[k][0];
        for (int i = 1; i < s->count; i++) if (s->err[k][i] < least) least = s->err[k][i];
        nn_result(ch->run, slope, "sweep.%s.slope", s->t[k].name);
        nn_result(ch->run, least, "sweep.%s.smallest_error", s->t[k].name);
        nn_result(ch->run, s->err[k][s->count - 1], "sweep.%s.error_at_max", s->t[k].name);
        nn_say(&ch->common, "  %-9s slope %+.4f (theory %+.1f); error %.3e at N = %d, never below %.3e\n",
               s->t[k].name, (double)slope, (double)s->t[k].slope, (double)s->err[k][s->count - 1],
               ch->max_neurons, (double)least);
    }
    nn_result_int(ch->run, FIT_FROM, "sweep.fit_from");
    nn_result_int(ch->run, ch->max_neurons, "sweep.max_neurons");

    target kink = target_kink(ch->kink);
    nn_table *every = nn_table_open(ch->run, "kink-every-n.dat", "N error (|x - c|, every N whose knots miss c)");
    for (int N = 2; N <= KINK_EVERY_N_MAX; N++)
        if (knot_at(ch->kink, N) < 0) nn_table_row(every, N, interpolation_error(&kink, N));
    plot_error(ch, s);
}

/* ---- 4. Neurons for a tolerance ----------------------------------------------------- */

/* course:begin tolerance */
/* N from the bound the target has (C²: h²/8·max|f″| ≤ ε; else Lipschitz: Lh/2 ≤ ε). */
static int neurons_for(const target *t, nn_real epsilon)
{
    return isfinite(t->curvature) ? neurons_for_curvature(t->curvature, epsilon)
                                  : neurons_for_lipschitz(t->lipschitz, epsilon);
}
/* course:end tolerance */

static void tolerance_row(chapter *ch, const target *t, const char *name, int row, nn_real epsilon, int N)
{
    nn_real at = interpolation_error(t, N), below = interpolation_error(t, N - 1);
    nn_result_int(ch->run, N, "tolerance.%d.%s.neurons", row, name);
    nn_result(ch->run, at, "tolerance.%d.%s.error", row, name);
    nn_result(ch->run, below, "tolerance.%d.%s.error_one_fewer", row, name);
    nn_say(&ch->common, "  eps %.0e  %-15s N = %5d: error %.3e (%s eps);  N - 1: %.3e (%s eps)\n",
           (double)epsilon, name, N, (double)at, at <= epsilon ? "meets" : "MISSES", (double)below,
           below <= epsilon ? "meets" : "misses");
}

void part_tolerance(chapter *ch)
{
    nn_say(&ch->common, "\n== 5. Neurons for a tolerance: N from the bound, and what N and N - 1 achieve\n");
    target t[TARGETS_MAX];
    int n = target_table(t, ch->kink, ch->step);
    nn_real epsilon = ch->epsilon;
    for (int row = 1; row <= 3; row++, epsilon /= 10) {
        nn_result(ch->run, epsilon, "tolerance.%d.epsilon", row);
        for (int k = 0; k < n; k++)
            if (isfinite(t[k].curvature) || isfinite(t[k].lipschitz))
                tolerance_row(ch, &t[k], t[k].name, row, epsilon, neurons_for(&t[k], epsilon));
        /* Where the bound is tight: x², and |x − c| with c the midpoint of a piece of the
         * grid of N − 1 knots, so that N − 1 neurons leave exactly h/2. */
        target quadratic = target_quadratic();
        tolerance_row(ch, &quadratic, "quadratic", row, epsilon, neurons_for(&quadratic, epsilon));
        int N = neurons_for_lipschitz(1, epsilon);
        target kink = target_kink(((N - 1) / 3 + NN_R(0.5)) / (nn_real)(N - 1));
        tolerance_row(ch, &kink, "kink_midpoint", row, epsilon, N);
    }
}
