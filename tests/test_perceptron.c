/* Chapter 1's claims about Rosenblatt's perceptron, tested on the chapter's own code
 * (chapters/01-perceptron/rosenblatt.c is compiled into this test).
 *
 * The separable data sets come from two sources: a generator written here (a random line
 * w*·x + b* = 0 with an offset, points uniform on [−3, 3]², those closer than the margin
 * dropped), independent of the library; and the library's nn_data_blobs, which the chapter
 * uses. Their margin γ̃ is measured, not assumed. */
#include "nn.h"
#include "tap.h"
#include "../chapters/01-perceptron/rosenblatt.c"

enum { SEEDS = 10, N_MARGINS = 4, POINTS = 200 };
static const double margins[N_MARGINS] = { 0.02, 0.05, 0.1, 0.3 };

typedef struct { nn_real w[2], b; } line;

/* Points uniform on [−3, 3]², labelled by the side of a random line, none within `margin`. */
static nn_dataset separable_set(nn_rng *rng, double margin, line *truth)
{
    double angle = 6.283185307179586 * nn_rng_uniform01(rng);
    truth->w[0] = (nn_real)cos(angle);
    truth->w[1] = (nn_real)sin(angle);
    truth->b = nn_rng_uniform(rng, -1, 1);
    nn_dataset d = nn_dataset_new(POINTS, 2, 1, 2);
    for (int i = 0; i < POINTS;) {
        nn_real x1 = nn_rng_uniform(rng, -3, 3), x2 = nn_rng_uniform(rng, -3, 3);
        nn_real z = truth->w[0] * x1 + truth->w[1] * x2 + truth->b;
        if (fabs(z) < margin) continue;
        NN_AT(d.X, i, 0) = x1;
        NN_AT(d.X, i, 1) = x2;
        d.labels[i] = z > 0;
        NN_AT(d.Y, i, 0) = (nn_real)d.labels[i];
        i++;
    }
    return d;
}

/* Trains to convergence, allowing bound + 2 epochs: an epoch that is not the last makes at
 * least one update, so a run that needs more epochs has already broken the bound. */
typedef struct { long updates; int converged, misclassified; nn_real bound, ratio, w[3]; } run;

static run train_and_bound(nn_dataset d, line t, nn_real lr, nn_rng *random_start)
{
    perceptron p = perceptron_new(2, lr);
    if (random_start) perceptron_init_random(&p, random_start);
    nn_real w0[3] = { NN_AT(p.W, 0, 0), NN_AT(p.W, 0, 1), p.b };
    nn_real radius = augmented_radius(d.X), gamma = augmented_margin(d.X, d.Y, t.w, t.b);
    nn_real norm = sqrt(t.w[0] * t.w[0] + t.w[1] * t.w[1] + t.b * t.b);
    nn_real u[3] = { t.w[0] / norm, t.w[1] / norm, t.b / norm };
    run r;
    r.bound = random_start ? novikoff_bound_from(radius, gamma, w0, 3, u, lr) : novikoff_bound(radius, gamma);
    nn_matrix none = { 0, 0, NULL };
    perceptron_train(&p, d.X, d.Y, (int)r.bound + 2, NULL, none, &r.updates, &r.converged);
    r.misclassified = perceptron_count_errors(&p, d.X, d.Y);
    r.w[0] = NN_AT(p.W, 0, 0); r.w[1] = NN_AT(p.W, 0, 1); r.w[2] = p.b;
    r.ratio = r.updates / r.bound;
    perceptron_free(&p);
    return r;
}

/* Novikoff from w̃ = 0 and from the random start, over margins, seeds and learning rates. */
static void novikoff_claims(void)
{
    const nn_real rates[2] = { 1, NN_R(0.1) };
    double worst0 = 0, worst_init = 0;
    int runs = 0, broken0 = 0, broken_init = 0, not_separated = 0, lr_changed = 0;
    double worst_scale = 0;   /* max over data sets of |w̃(λ=1) − 10 w̃(λ=0.1)| / |w̃(λ=1)| */
    for (int m = 0; m < N_MARGINS; m++)
        for (int s = 1; s <= SEEDS; s++) {
            nn_rng rng;
            nn_rng_seed(&rng, 1000 * (uint64_t)m + s);
            line t;
            nn_dataset d = separable_set(&rng, margins[m], &t);
            long updates_at_first_rate = -1;
            nn_real w_first[3] = { 0, 0, 0 };
            for (int k = 0; k < 2; k++) {
                run z = train_and_bound(d, t, rates[k], NULL);
                run r = train_and_bound(d, t, rates[k], &rng);
                runs++;
                if (!z.converged || z.ratio > 1) { broken0++; tap_diag("from 0: margin %g seed %d lr %g: %ld updates, bound %.1f",
                                                                         margins[m], s, (double)rates[k], z.updates, (double)z.bound); }
                if (!r.converged || r.ratio > 1) { broken_init++; tap_diag("random start: margin %g seed %d lr %g: %ld updates, bound %.1f",
                                                                            margins[m], s, (double)rates[k], r.updates, (double)r.bound); }
                not_separated += (z.misclassified > 0) + (r.misclassified > 0);
                if (z.ratio > worst0) worst0 = z.ratio;
                if (r.ratio > worst_init) worst_init = r.ratio;
                if (updates_at_first_rate < 0) {
                    updates_at_first_rate = z.updates;
                    for (int j = 0; j < 3; j++) w_first[j] = z.w[j];
                } else {
                    lr_changed += z.updates != updates_at_first_rate;
                    double norm = 0, gap = 0;
                    for (int j = 0; j < 3; j++) {
                        norm = fmax(norm, fabs(w_first[j]));
                        gap = fmax(gap, fabs(w_first[j] - rates[0] / rates[1] * z.w[j]));
                    }
                    worst_scale = fmax(worst_scale, gap / norm);
                }
            }
            nn_dataset_free(&d);
        }
    tap_ok(broken0 == 0, "[C1.3] from w = 0, updates <= (R/gamma)^2 (augmented x = (x,1)) on %d runs "
           "(margins 0.02..0.3, 10 seeds, lr 1 and 0.1): worst updates/bound %.3f", runs, worst0);
    tap_ok(broken_init == 0, "[C1.3] from the source's random start, updates <= the bound with w0 on %d runs: "
           "worst updates/bound %.3f", runs, worst_init);
    double scale_tol = 1e3 * NN_REAL_EPSILON;
    tap_ok(lr_changed == 0 && worst_scale <= scale_tol,
           "[C1.5] from w = 0 the learning rate only scales w: same number of updates with lr 1 and 0.1 on "
           "%d data sets (%d differ), final w(lr 1) = 10 w(lr 0.1) to %.1e relative (tol %.1e)", runs / 2,
           lr_changed, worst_scale, scale_tol);
    tap_ok(not_separated == 0, "stopping rule: after the error-free epoch the weights classify every "
           "training point, in all %d runs (%d runs left points misclassified)", 2 * runs, not_separated);
}

/* The same bound on the blobs the chapter draws (nn_data_blobs and its known line). */
static void novikoff_on_blobs(void)
{
    double worst = 0;
    int runs = 0, broken = 0;
    nn_rng rng;
    nn_rng_seed(&rng, 7);
    line t;
    nn_data_blobs_truth(t.w, &t.b);
    const double blob_margins[3] = { 0.1, 0.25, 0.5 };
    for (int m = 0; m < 3; m++)
        for (int s = 0; s < SEEDS; s++) {
            nn_dataset d = nn_data_blobs(100, (nn_real)blob_margins[m], NN_R(0.5), &rng);
            run z = train_and_bound(d, t, NN_R(0.1), NULL);
            runs++;
            broken += !z.converged || z.ratio > 1 || z.misclassified > 0;
            if (z.ratio > worst) worst = z.ratio;
            nn_dataset_free(&d);
        }
    tap_ok(broken == 0, "[C1.3] on nn_data_blobs (margins 0.1, 0.25, 0.5, 10 sets each): converged within "
           "(R/gamma)^2 updates in %d of %d runs, worst updates/bound %.3f", runs - broken, runs, worst);
}

/* Segments ab and cd cross (strictly) iff each separates the other's end points. */
static nn_real orient(const nn_real *a, const nn_real *b, const nn_real *c)
{
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

static int segments_cross(const nn_real *a, const nn_real *b, const nn_real *c, const nn_real *d)
{
    return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/* A certificate that no line separates the set: a segment between two class-1 points that
 * crosses a segment between two class-0 points (the crossing lies in both convex hulls). */
static int find_crossing(nn_dataset d)
{
    int n = d.X.rows;
    for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) {
        if (!d.labels[a] || !d.labels[b]) continue;
        for (int c = 0; c < n; c++) for (int e = c + 1; e < n; e++) {
            if (d.labels[c] || d.labels[e]) continue;
            if (segments_cross(&NN_AT(d.X, a, 0), &NN_AT(d.X, b, 0), &NN_AT(d.X, c, 0), &NN_AT(d.X, e, 0)))
                return 1;
        }
    }
    return 0;
}

/* Fewest mistakes in any of `epochs` epochs, from a start drawn from rng (or w = 0). */
static int fewest_mistakes(nn_dataset d, int epochs, nn_rng *random_start, int *converged)
{
    perceptron p = perceptron_new(2, NN_R(0.1));
    if (random_start) perceptron_init_random(&p, random_start);
    int *errors = calloc(epochs, sizeof *errors);
    nn_matrix none = { 0, 0, NULL };
    int ran = perceptron_train(&p, d.X, d.Y, epochs, errors, none, NULL, converged);
    int fewest = errors[0];
    for (int e = 1; e < ran; e++) if (errors[e] < fewest) fewest = errors[e];
    free(errors);
    perceptron_free(&p);
    return fewest;
}

static void xor_claims(void)
{
    /* The four corners (±1, ±1), class 1 where the signs differ. */
    nn_dataset c = nn_dataset_new(4, 2, 1, 2);
    const nn_real x[4][2] = { { -1, -1 }, { -1, 1 }, { 1, -1 }, { 1, 1 } };
    for (int i = 0; i < 4; i++) {
        NN_AT(c.X, i, 0) = x[i][0]; NN_AT(c.X, i, 1) = x[i][1];
        c.labels[i] = x[i][0] * x[i][1] < 0;
        NN_AT(c.Y, i, 0) = (nn_real)c.labels[i];
    }
    int certificate = find_crossing(c), fewest = 4, converged_any = 0;
    nn_rng rng;
    nn_rng_seed(&rng, 11);
    for (int s = 0; s <= SEEDS; s++) {
        int converged;
        int f = fewest_mistakes(c, 100, s ? &rng : NULL, &converged);
        if (f < fewest) fewest = f;
        converged_any |= converged;
    }
    tap_ok(certificate && fewest >= 1 && !converged_any,
           "[C1.4] XOR corners: diagonals cross (no separating line); in 100 epochs from w = 0 and 10 random "
           "starts every epoch makes >= 1 mistake (fewest %d)", fewest);

    int certified = 0, never_converged = 1, fewest_noisy = POINTS;
    for (int s = 1; s <= 5; s++) {
        nn_dataset d = nn_data_xor(100, NN_R(0.2), &rng);
        certified += find_crossing(d);
        int converged;
        int f = fewest_mistakes(d, 100, &rng, &converged);
        if (f < fewest_noisy) fewest_noisy = f;
        never_converged &= !converged;
        nn_dataset_free(&d);
    }
    tap_ok(certified == 5 && never_converged && fewest_noisy >= 1,
           "[C1.4] noisy XOR (nn_data_xor, 5 sets of 100): %d of 5 certified non-separable; every one of 100 "
           "epochs makes >= 1 mistake (fewest %d)", certified, fewest_noisy);
    nn_dataset_free(&c);
}

/* Why a run did not separate separable data: each of the three causes named, and not
 * the others. The message is the chapter's refusal, so it names --lr. */
static int says(const char *msg, const char *want, const char *not1, const char *not2)
{
    int good = strstr(msg, want) && !strstr(msg, not1) && !strstr(msg, not2) && strstr(msg, "--lr");
    if (!good) tap_diag("%s", msg);
    return good;
}

static void why_not_separated(void)
{
    const char *overflow = "overflowed", *underflow = "rounded back to w", *budget = "Novikoff's bound allows";
    char msg[512];
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    nn_dataset blobs = nn_data_blobs(100, NN_R(0.1), NN_R(0.5), &rng);
    line truth = { { NN_R(0.6), NN_R(0.8) }, NN_R(-0.5) };
    nn_real norm = sqrt(NN_R(1.25)), u[3] = { NN_R(0.6) / norm, NN_R(0.8) / norm, NN_R(-0.5) / norm };
    nn_real radius = augmented_radius(blobs.X), gamma = augmented_margin(blobs.X, blobs.Y, truth.w, truth.b);

    /* λ = 1e-300: each step is far below the spacing of the numbers near |w| ~ 1 */
    const nn_real tiny = (nn_real)(sizeof(nn_real) == sizeof(double) ? 1e-300 : 1e-40);
    perceptron p = perceptron_new(2, tiny);
    perceptron_init_random(&p, &rng);
    nn_real w0[3] = { NN_AT(p.W, 0, 0), NN_AT(p.W, 0, 1), p.b };
    long updates;
    int converged;
    perceptron_train(&p, blobs.X, blobs.Y, 20, NULL, (nn_matrix){ 0, 0, NULL }, &updates, &converged);
    perceptron_why_not_separated(&p, w0, updates, 20, novikoff_bound(radius, gamma),
                                 novikoff_bound_from(radius, gamma, w0, 3, u, p.lr), msg, sizeof msg);
    tap_ok(!converged && updates > 0 && says(msg, underflow, overflow, budget),
           "lr %g: %ld updates, none moved w: the message says they rounded back to w", (double)tiny, updates);
    perceptron_free(&p);

    /* λ = 1e-5 from the same kind of start: the line moves, too slowly for 20 epochs */
    p = perceptron_new(2, NN_R(1e-5));
    perceptron_init_random(&p, &rng);
    nn_real w1[3] = { NN_AT(p.W, 0, 0), NN_AT(p.W, 0, 1), p.b };
    perceptron_train(&p, blobs.X, blobs.Y, 20, NULL, (nn_matrix){ 0, 0, NULL }, &updates, &converged);
    nn_real bound = novikoff_bound_from(radius, gamma, w1, 3, u, p.lr);
    perceptron_why_not_separated(&p, w1, updates, 20, novikoff_bound(radius, gamma), bound, msg, sizeof msg);
    tap_ok(!converged && bound > updates && novikoff_bound(radius, gamma) <= updates &&
           says(msg, budget, overflow, underflow),
           "lr 1e-5, 20 epochs: %ld updates against a bound of %.3g from the start: the message names the bound",
           updates, (double)bound);
    perceptron_free(&p);

    /* λ = the largest number: the first update from w = 0, on (3, 3) of class 0, makes w
     * (−inf, −inf); then (1, −1) of class 1 has z = −inf + inf = NaN, a mistake forever */
    nn_real big_x[4] = { 3, 3, 1, -1 }, big_y[2] = { 0, 1 }, zero[3] = { 0, 0, 0 };
    p = perceptron_new(2, NN_REAL_MAX);
    perceptron_train(&p, nn_matrix_view(big_x, 2, 2), nn_matrix_view(big_y, 2, 1), 5, NULL,
                     (nn_matrix){ 0, 0, NULL }, &updates, &converged);
    perceptron_why_not_separated(&p, zero, updates, 5, 1, 1, msg, sizeof msg);
    tap_ok(!converged && says(msg, overflow, underflow, budget),
           "lr = the largest number: w overflows, and the message says so");
    perceptron_free(&p);

    /* blobs whose own bound (R/γ)² is more than a 1-epoch run can make, from w = 0 */
    p = perceptron_new(2, 1);
    perceptron_train(&p, blobs.X, blobs.Y, 1, NULL, (nn_matrix){ 0, 0, NULL }, &updates, &converged);
    bound = novikoff_bound(radius, gamma);
    perceptron_why_not_separated(&p, zero, updates, 1, bound, bound, msg, sizeof msg);
    int names_data = strstr(msg, "Novikoff's bound for these blobs") && strstr(msg, "--margin") &&
                     strstr(msg, "--spread") && !strstr(msg, overflow) && !strstr(msg, underflow);
    tap_ok(!converged && bound > updates && names_data,
           "1 epoch, %ld updates, under the blobs' bound %.3g: the message names --margin and --spread", updates,
           (double)bound);
    if (!names_data) tap_diag("%s", msg);
    perceptron_free(&p);
    nn_dataset_free(&blobs);
}

int main(void)
{
    tap_plan(11);
    novikoff_claims();
    novikoff_on_blobs();
    xor_claims();
    why_not_separated();
    return tap_done();
}
