/* 5.4 Paths on contour plots: every optimiser from the same start on three functions of
 * two variables, where a narrow valley, a curved valley and several minima each show a
 * different failure of the plain step.
 *
 *   valley      ½ (μ u² + κμ w²), (u, w) the axes turned by 30°: an ill-conditioned quadratic
 *   rosenbrock  (1 − x)² + 100 (y − x²)²: a curved valley, one minimum at (1, 1)
 *   himmelblau  (x² + y − 11)² + (x + y² − 7)²: four minima, all with value 0
 *
 * As in 5.1, one learning rate for the gradient-descent family and one for the adaptive
 * methods (whose steps are about λ per coordinate), per function; adadelta keeps λ = 1. */
#include "optimisation.h"

#include <stdlib.h>
#include <string.h>

static const double turn = 0.52359877559829887;     /* 30° in radians */

/* u along the valley's floor, w across it. */
static void valley_axes(double x, double y, double *u, double *w)
{
    *u = cos(turn) * x + sin(turn) * y;
    *w = -sin(turn) * x + cos(turn) * y;
}

nn_real surface_value(const surface *s, nn_real x, nn_real y)
{
    switch (s->kind) {
    case SURFACE_VALLEY: {
        double u, w;
        valley_axes(x, y, &u, &w);
        return (nn_real)(0.5 * (u * u + s->kappa * w * w));
    }
    case SURFACE_ROSENBROCK: return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    default: {
        nn_real a = x * x + y - 11, b = x + y * y - 7;
        return a * a + b * b;
    }
    }
}

/* course:begin surface_gradient */
void surface_gradient(const surface *s, const nn_real *p, nn_real *g)
{
    nn_real x = p[0], y = p[1];
    switch (s->kind) {
    case SURFACE_VALLEY: {                       /* ∇ = (u ∂u/∂x + κ w ∂w/∂x, ...) */
        double u, w;
        valley_axes(x, y, &u, &w);
        g[0] = (nn_real)(u * cos(turn) - s->kappa * w * sin(turn));
        g[1] = (nn_real)(u * sin(turn) + s->kappa * w * cos(turn));
        break;
    }
    case SURFACE_ROSENBROCK:                     /* (−2(1 − x) − 400x(y − x²), 200(y − x²)) */
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        break;
    default: {                                   /* a = x² + y − 11, b = x + y² − 7 */
        nn_real a = x * x + y - 11, b = x + y * y - 7;
        g[0] = 4 * x * a + 2 * b;
        g[1] = 2 * a + 4 * y * b;
        break;
    }
    }
}
/* course:end surface_gradient */

/* Himmelblau's four minima (roots of the gradient, to 1e-6). */
static const nn_real himmelblau_minima[4][2] = {
    { 3, 2 }, { NN_R(-2.805118), NN_R(3.131312) }, { NN_R(-3.779310), NN_R(-3.283186) },
    { NN_R(3.584428), NN_R(-1.848126) }
};

surface surface_make(surface_kind kind, nn_real kappa)
{
    surface s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.kappa = kappa;
    switch (kind) {
    case SURFACE_VALLEY:
        s.name = "valley";
        s.start[0] = NN_R(-4.5); s.start[1] = -2;
        s.box[0] = -5; s.box[1] = 2; s.box[2] = -3; s.box[3] = 4;
        s.steps = 200;
        s.lr_gd = NN_R(1.3) / kappa;            /* L = κ: above 1/L the plain step zigzags; Nesterov
                                                 * with β = 0.9 is stable only below 1.36/L */
        s.lr_adaptive = NN_R(0.1);
        s.n_minima = 1;
        break;
    case SURFACE_ROSENBROCK:
        s.name = "rosenbrock";
        s.start[0] = NN_R(-1.2); s.start[1] = 1;
        s.box[0] = -2; s.box[1] = 2; s.box[2] = -1; s.box[3] = 3;
        s.steps = 2000;
        s.lr_gd = NN_R(0.001);
        s.lr_adaptive = NN_R(0.02);
        s.n_minima = 1;
        s.minima[0][0] = 1; s.minima[0][1] = 1;
        break;
    default:
        s.name = "himmelblau";
        s.start[0] = NN_R(-0.3); s.start[1] = NN_R(-0.9);
        s.box[0] = -5; s.box[1] = 5; s.box[2] = -5; s.box[3] = 5;
        s.steps = 500;
        s.lr_gd = NN_R(0.01);
        s.lr_adaptive = NN_R(0.05);
        s.n_minima = 4;
        memcpy(s.minima, himmelblau_minima, sizeof himmelblau_minima);
        break;
    }
    return s;
}

nn_real surface_lr(const surface *s, nn_optimizer_kind kind)
{
    switch (kind) {
    case NN_OPT_SGD: case NN_OPT_MOMENTUM: case NN_OPT_NESTEROV: return s->lr_gd;
    case NN_OPT_ADADELTA: return 1;
    default: return s->lr_adaptive;
    }
}

/* The path of one optimiser: path[2t], path[2t+1] for t = 0..steps. */
void surface_path(const surface *s, nn_optimizer_kind kind, nn_real *path)
{
    nn_real p[2] = { s->start[0], s->start[1] }, g[2];
    nn_optimizer *opt = nn_optimizer_new(nn_optimizer_defaults(kind), 2);
    nn_real lr = surface_lr(s, kind);
    path[0] = p[0];
    path[1] = p[1];
    for (int t = 1; t <= s->steps; t++) {
        surface_gradient(s, p, g);
        nn_optimizer_step(opt, p, g, lr);
        path[2 * t] = p[0];
        path[2 * t + 1] = p[1];
    }
    nn_optimizer_free(opt);
}

/* The minimum nearest to (x, y), and its distance. */
int nearest_minimum(const surface *s, nn_real x, nn_real y, nn_real *distance)
{
    int best = 0;
    *distance = INFINITY;
    for (int k = 0; k < s->n_minima; k++) {
        nn_real d = hypot(x - s->minima[k][0], y - s->minima[k][1]);
        if (d < *distance) { *distance = d; best = k; }
    }
    return best;
}

/* ---- What the chapter prints and draws ---------------------------------------------- */

enum { GRID = 61 };
/* The seven optimisers drawn (the table of results has all ten), with their line style. */
static const nn_optimizer_kind drawn[] = { NN_OPT_SGD, NN_OPT_MOMENTUM, NN_OPT_NESTEROV, NN_OPT_ADAGRAD,
                                           NN_OPT_RMSPROP, NN_OPT_ADAM, NN_OPT_NADAM };
static const int drawn_style[] = { 7, 1, 6, 3, 4, 2, 5 };
enum { DRAWN = sizeof drawn / sizeof drawn[0] };

/* log10 of the value on a grid over the box, for gnuplot's contours. */
static void write_grid(chapter *ch, const surface *s)
{
    char name[64];
    snprintf(name, sizeof name, "paths_%s_grid.dat", s->name);
    nn_table *t = nn_table_open(ch->run, name, "x y log10_value");
    nn_table_digits(t, 5);
    for (int i = 0; i < GRID; i++) {
        for (int j = 0; j < GRID; j++) {
            nn_real x = s->box[0] + (s->box[1] - s->box[0]) * i / (GRID - 1);
            nn_real y = s->box[2] + (s->box[3] - s->box[2]) * j / (GRID - 1);
            nn_table_row(t, x, y, log10(surface_value(s, x, y) + NN_R(1e-3)));
        }
        nn_table_block(t);
    }
}

static void section_one_surface(chapter *ch, const surface *s, int panel, FILE *gp)
{
    char name[64];
    snprintf(name, sizeof name, "paths_%s.dat", s->name);
    nn_table *t = nn_table_open(ch->run, name, "x y (one block per optimiser, in the order of nn_optim.h; every "
                                               "stride-th step, stride = steps/500 at least 1)");
    nn_table_digits(t, 7);
    int stride = s->steps > 500 ? s->steps / 500 : 1;
    nn_real *path = malloc(sizeof(nn_real) * 2 * (size_t)(s->steps + 1));
    nn_say(&ch->common, "  %s from (%g, %g), %d steps, lr %g (gd family) / %g (adaptive):\n", s->name,
           (double)s->start[0], (double)s->start[1], s->steps, (double)s->lr_gd, (double)s->lr_adaptive);
    nn_result(ch->run, s->lr_gd, "paths.%s.lr_gd", s->name);
    nn_result(ch->run, s->lr_adaptive, "paths.%s.lr_adaptive", s->name);
    nn_result_int(ch->run, s->steps, "paths.%s.steps", s->name);
    for (int k = 0; k < NN_OPTIMIZER_COUNT; k++) {
        const char *opt = nn_optimizer_name((nn_optimizer_kind)k);
        surface_path(s, (nn_optimizer_kind)k, path);
        for (int i = 0; i <= s->steps; i += stride) nn_table_row(t, path[2 * i], path[2 * i + 1]);
        nn_table_block(t);
        nn_real x = path[2 * s->steps], y = path[2 * s->steps + 1], value = surface_value(s, x, y);
        if (!isfinite(value)) nn_run_fail(ch->run, 1, "5.4: %s left the plane on %s; lower its learning rate", opt, s->name);
        nn_real distance;
        int m = nearest_minimum(s, x, y, &distance);
        nn_result(ch->run, x, "paths.%s.%s.x", s->name, opt);
        nn_result(ch->run, y, "paths.%s.%s.y", s->name, opt);
        nn_result(ch->run, value, "paths.%s.%s.loss", s->name, opt);
        if (s->n_minima > 1) nn_result_int(ch->run, m + 1, "paths.%s.%s.minimum", s->name, opt);
        nn_say(&ch->common, "    %-9s ends at (%9.5f, %9.5f), value %.3e, %.1e from minimum %d\n", opt, (double)x,
               (double)y, (double)value, (double)distance, m + 1);
    }
    free(path);
    write_grid(ch, s);
    /* The contours: gnuplot computes them from the grid into a datablock, then draws them
     * under the paths. The ranges are set first: the contours are traced only inside them. */
    fprintf(gp, "set title '(%c) %s'\nset xrange [%g:%g]\nset yrange [%g:%g]\n"
                "set contour base\nset cntrparam levels incremental -3, 0.5, 6\nunset surface\nset view map\n"
                "set table $contours%d\nsplot 'paths_%s_grid.dat' using 1:2:3 with lines\nunset table\n"
                "unset contour\nset surface\nset size ratio -1\n",
            'a' + panel, s->name, (double)s->box[0], (double)s->box[1], (double)s->box[2], (double)s->box[3],
            panel, s->name);
    if (panel == 0)     /* one key for the three panels, in the valley's empty corner */
        fprintf(gp, "set key top left font ',10' samplen 1.5 spacing 0.9 opaque\n");
    else
        fprintf(gp, "unset key\n");
    fprintf(gp, "plot $contours%d using 1:2 with lines lc rgb '#cccccc' lw 0.8 notitle", panel);
    for (int k = 0; k < DRAWN; k++) {
        int style = drawn_style[k], every = s->steps / 15 / (s->steps > 500 ? s->steps / 500 : 1);
        /* block k of the file is optimiser k: every :::k::k selects it, every n::0:k::k its markers */
        fprintf(gp, ", \\\n     'paths_%s.dat' every :::%d::%d using 1:2 with lines ls %d lw 1.5 notitle, \\\n"
                    "     '' every %d::0:%d::%d using 1:2 with points ls %d ps 0.6 notitle, \\\n"
                    "     keyentry with linespoints ls %d title '%s'",
                s->name, (int)drawn[k], (int)drawn[k], style, every, (int)drawn[k], (int)drawn[k], style, style,
                nn_optimizer_name(drawn[k]));
    }
    fprintf(gp, ", \\\n     'paths_%s_minima.dat' using 1:2 with points pt 3 ps 2 lc rgb '#000000' title 'minimum', \\\n"
                "     'paths_%s_minima.dat' using 3:4 with points pt 65 ps 1.5 lc rgb '#000000' title 'start'\n",
            s->name, s->name);
    char minima[64];
    snprintf(minima, sizeof minima, "paths_%s_minima.dat", s->name);
    nn_table *mt = nn_table_open(ch->run, minima, "x y start_x start_y");
    for (int k = 0; k < (s->n_minima ? s->n_minima : 1); k++)
        nn_table_row(mt, s->n_minima ? s->minima[k][0] : 0, s->n_minima ? s->minima[k][1] : 0, s->start[0], s->start[1]);
}

void section_paths(chapter *ch)
{
    nn_say(&ch->common, "\n5.4 Paths of every optimiser on three surfaces\n");
    FILE *gp = nn_figure(ch->run, "paths", NULL, "x", "y");
    fprintf(gp, "eval size(1200, 440)\nset multiplot layout 1,3 title 'Every optimiser from the same start "
                "(markers every steps/15 steps; grey contours of log_{10} of the value, 2 per decade)' "
                "margins 0.05, 0.99, 0.12, 0.86 spacing 0.08, 0\n");
    for (int k = 0; k < 3; k++) {
        surface s = surface_make((surface_kind)k, ch->kappa);
        section_one_surface(ch, &s, k, gp);
    }
    fprintf(gp, "unset multiplot\n");
}
