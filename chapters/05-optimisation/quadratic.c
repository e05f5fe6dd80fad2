/* Gradient descent on a quadratic, where everything can be computed exactly.
 *
 *     L(θ) = ½ θᵀAθ − bᵀθ,   ∇L(θ) = Aθ − b,   θ* = A⁻¹b,
 *
 * A = Q diag(μ₁, ..., μ_d) Qᵀ symmetric positive definite, Q orthogonal (a Householder
 * reflection, so that no eigenvector lies along an axis). The error e = θ − θ* obeys
 * e ← (I − λA) e under gradient descent, so its coordinate along the eigenvector q_i is
 * multiplied by exactly 1 − λμ_i at every step. This file measures that ratio, the
 * threshold λ = 2/L (L = μ_max), and the rates of the best plain step and of heavy-ball
 * momentum, (κ − 1)/(κ + 1) against (√κ − 1)/(√κ + 1) with κ = L/μ_min. */
#include "optimisation.h"

#include <stdlib.h>
#include <string.h>

/* Q = I − 2 w wᵀ/‖w‖² with w_j = 1 + j: symmetric, orthogonal, no zero entry. */
static void householder(nn_matrix Q)
{
    int d = Q.rows;
    double norm2 = 0;
    for (int j = 0; j < d; j++) norm2 += (1.0 + j) * (1.0 + j);
    for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++)
            NN_AT(Q, i, j) = (nn_real)((i == j) - 2 * (1.0 + i) * (1.0 + j) / norm2);
}

quadratic quadratic_new(int d, const nn_real *mu, const nn_real *theta_star)
{
    quadratic q = { d, nn_matrix_new(d, d), nn_matrix_new(d, d), calloc((size_t)d, sizeof(nn_real)),
                    calloc((size_t)d, sizeof(nn_real)), calloc((size_t)d, sizeof(nn_real)) };
    householder(q.Q);
    for (int i = 0; i < d; i++) {
        q.mu[i] = mu[i];
        q.theta_star[i] = theta_star[i];
    }
    /* A_ij = Σ_k Q_ik μ_k Q_jk */
    for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++) {
            double a = 0;
            for (int k = 0; k < d; k++) a += (double)NN_AT(q.Q, i, k) * mu[k] * NN_AT(q.Q, j, k);
            NN_AT(q.A, i, j) = (nn_real)a;
        }
    for (int i = 0; i < d; i++) {           /* b = A θ* */
        double s = 0;
        for (int j = 0; j < d; j++) s += (double)NN_AT(q.A, i, j) * theta_star[j];
        q.b[i] = (nn_real)s;
    }
    return q;
}

void quadratic_free(quadratic *q)
{
    nn_matrix_free(&q->A);
    nn_matrix_free(&q->Q);
    free(q->mu);
    free(q->theta_star);
    free(q->b);
}

/* course:begin quadratic_gradient */
/* g = ∇L(θ) = Aθ − b */
void quadratic_gradient(const quadratic *q, const nn_real *theta, nn_real *g)
{
    for (int i = 0; i < q->d; i++) {
        nn_real s = -q->b[i];
        for (int j = 0; j < q->d; j++) s += NN_AT(q->A, i, j) * theta[j];
        g[i] = s;
    }
}
/* course:end quadratic_gradient */

/* c_i = q_iᵀ(θ − θ*): the error along each eigenvector. */
void quadratic_error_coordinates(const quadratic *q, const nn_real *theta, nn_real *c)
{
    for (int i = 0; i < q->d; i++) {
        nn_real s = 0;
        for (int j = 0; j < q->d; j++) s += NN_AT(q->Q, j, i) * (theta[j] - q->theta_star[j]);
        c[i] = s;
    }
}

/* L(θ) − L(θ*) = ½ Σ_i μ_i c_i², written from the coordinates so that it does not lose
 * its digits to the cancellation of L(θ) − L*. */
nn_real quadratic_gap(const quadratic *q, const nn_real *theta)
{
    nn_real c[QUADRATIC_MAX_DIM], gap = 0;
    quadratic_error_coordinates(q, theta, c);
    for (int i = 0; i < q->d; i++) gap += q->mu[i] * c[i] * c[i] / 2;
    return gap;
}

/* ‖x‖ without overflow or underflow of the squares (the heavy-ball errors reach 1e-150). */
nn_real scaled_norm(const nn_real *x, int d)
{
    nn_real big = 0, s = 0;
    for (int i = 0; i < d; i++) big = fmax(big, fabs(x[i]));
    if (big == 0) return 0;
    for (int i = 0; i < d; i++) s += (x[i] / big) * (x[i] / big);
    return big * sqrt(s);
}

/* θ₀ = θ* + Q c₀: a start whose error has the given coordinates along the eigenvectors. */
void quadratic_start(const quadratic *q, const nn_real *c0, nn_real *theta)
{
    for (int j = 0; j < q->d; j++) {
        nn_real s = q->theta_star[j];
        for (int i = 0; i < q->d; i++) s += NN_AT(q->Q, j, i) * c0[i];
        theta[j] = s;
    }
}

/* course:begin quadratic_descent */
/* `steps` steps of an optimiser on the quadratic from θ₀; c[t·d + i] receives the error
 * coordinate q_iᵀ(θ_t − θ*) for t = 0..steps. The optimiser is the library's, on the
 * flat vector θ, exactly as a network's training loop calls it. */
void quadratic_descent(const quadratic *q, nn_optimizer_config config, nn_real lr,
                       const nn_real *theta0, int steps, nn_real *c)
{
    nn_real theta[QUADRATIC_MAX_DIM], g[QUADRATIC_MAX_DIM];
    memcpy(theta, theta0, sizeof(nn_real) * (size_t)q->d);
    nn_optimizer *opt = nn_optimizer_new(config, (size_t)q->d);
    quadratic_error_coordinates(q, theta, c);
    for (int t = 1; t <= steps; t++) {
        quadratic_gradient(q, theta, g);            /* g = Aθ − b */
        nn_optimizer_step(opt, theta, g, lr);       /* plain GD: θ ← θ − λ g */
        quadratic_error_coordinates(q, theta, c + (size_t)t * q->d);
    }
    nn_optimizer_free(opt);
}
/* course:end quadratic_descent */

/* ---- 5.2: the ratio per eigen-direction, and the threshold 2/L ------------------------- */

/* The measured ratios c_i(t+1)/c_i(t), for the steps where |c_i(t)| is still above 1e-3 of
 * its start (below it, the rounding of θ* would show): ratio[t·d + i], NAN where not
 * measured. Returns the number of ratios measured. */
int quadratic_ratios(const quadratic *q, nn_real lr, const nn_real *c0, int steps, nn_real *ratio)
{
    nn_real theta0[QUADRATIC_MAX_DIM];
    quadratic_start(q, c0, theta0);
    nn_real *c = malloc(sizeof(nn_real) * (size_t)(steps + 1) * (size_t)q->d);
    quadratic_descent(q, nn_optimizer_defaults(NN_OPT_SGD), lr, theta0, steps, c);
    int measured = 0;
    for (int t = 0; t < steps; t++)
        for (int i = 0; i < q->d; i++) {
            nn_real now = c[(size_t)t * q->d + i], next = c[(size_t)(t + 1) * q->d + i];
            int keep = fabs(now) > NN_R(1e-3) * fabs(c0[i]);
            ratio[(size_t)t * q->d + i] = keep ? next / now : NAN;
            measured += keep;
        }
    free(c);
    return measured;
}

/* ‖θ_T − θ*‖ / ‖θ_0 − θ*‖ after T steps of plain GD with step lr. */
nn_real quadratic_error_factor(const quadratic *q, nn_real lr, const nn_real *c0, int steps)
{
    nn_real theta0[QUADRATIC_MAX_DIM];
    quadratic_start(q, c0, theta0);
    nn_real *c = malloc(sizeof(nn_real) * (size_t)(steps + 1) * (size_t)q->d);
    quadratic_descent(q, nn_optimizer_defaults(NN_OPT_SGD), lr, theta0, steps, c);
    nn_real factor = scaled_norm(c + (size_t)steps * q->d, q->d) / scaled_norm(c, q->d);
    free(c);
    return factor;
}

/* ---- 5.3: the best plain step against heavy-ball momentum --------------------------- */

/* d eigenvalues spaced geometrically from 1 to κ, θ* = 0 (b = 0: nothing to round, so the
 * error can fall to 1e-150 and keep its digits), and a start with error 1 along each
 * eigenvector. Plain GD with λ = 2/(μ+L); heavy ball with λ = 4/(√L + √μ)² and
 * β = ((√κ − 1)/(√κ + 1))². The rate is measured as (‖e_T‖/‖e_T0‖)^{1/(T − T0)} over a
 * window that starts at T0 = 300, once the faster components are gone, and ends when the
 * predicted error reaches 1e-150. (In a float build, whose numbers stop at 1e-38, the
 * window is steps 20 to 1e-25: the rates come out rougher, and [C5.4] is tested in double.) */
rate_result momentum_rates(nn_real kappa, int d, nn_real *curve_gd, nn_real *curve_hb, int curve_len)
{
    nn_real mu[QUADRATIC_MAX_DIM], zero[QUADRATIC_MAX_DIM] = { 0 }, ones[QUADRATIC_MAX_DIM];
    for (int i = 0; i < d; i++) {
        mu[i] = (nn_real)pow((double)kappa, (double)i / (d - 1));
        ones[i] = 1;
    }
    quadratic q = quadratic_new(d, mu, zero);
    rate_result r;
    r.kappa = kappa;
    r.sqrt_kappa = sqrt(kappa);
    r.lr_gd = 2 / (1 + kappa);
    r.lr_hb = 4 / ((sqrt(kappa) + 1) * (sqrt(kappa) + 1));
    r.beta = ((r.sqrt_kappa - 1) / (r.sqrt_kappa + 1)) * ((r.sqrt_kappa - 1) / (r.sqrt_kappa + 1));
    r.theory_gd = (kappa - 1) / (kappa + 1);
    r.theory_hb = (r.sqrt_kappa - 1) / (r.sqrt_kappa + 1);
    nn_real theta0[QUADRATIC_MAX_DIM];
    quadratic_start(&q, ones, theta0);
    const int in_double = NN_REAL_EPSILON < 1e-10;
    r.t0 = in_double ? 300 : 20;
    for (int k = 0; k < 2; k++) {
        nn_real theory = k ? r.theory_hb : r.theory_gd;
        int steps = r.t0 + (int)ceil(log(in_double ? 1e-150 : 1e-25) / log((double)theory));
        nn_optimizer_config config = nn_optimizer_defaults(k ? NN_OPT_MOMENTUM : NN_OPT_SGD);
        config.momentum = r.beta;
        nn_real *c = malloc(sizeof(nn_real) * (size_t)(steps + 1) * (size_t)d);
        quadratic_descent(&q, config, k ? r.lr_hb : r.lr_gd, theta0, steps, c);
        nn_real start = scaled_norm(c + (size_t)r.t0 * d, d), end = scaled_norm(c + (size_t)steps * d, d);
        nn_real measured = (nn_real)pow((double)(end / start), 1.0 / (steps - r.t0));
        nn_real *curve = k ? curve_hb : curve_gd;
        for (int t = 0; curve && t < curve_len && t <= steps; t++)
            curve[t] = scaled_norm(c + (size_t)t * d, d) / scaled_norm(c, d);
        if (k) { r.measured_hb = measured; r.t1_hb = steps; }
        else { r.measured_gd = measured; r.t1_gd = steps; }
        free(c);
    }
    quadratic_free(&q);
    return r;
}

/* ---- What the chapter prints and draws -------------------------------------------------- */

/* The quadratic of 5.2: six eigenvalues from 1 to L = 10 (κ = 10), θ* away from 0, and a
 * start 3 away from θ* along every eigenvector. */
static const nn_real demo_mu[6] = { 1, NN_R(1.5), NN_R(2.5), 4, NN_R(6.5), 10 };
static const nn_real demo_theta_star[6] = { 1, -2, NN_R(0.5), 3, -1, 2 };
static const nn_real demo_c0[6] = { 3, 3, 3, 3, 3, 3 };

quadratic quadratic_demo(nn_real *c0)
{
    memcpy(c0, demo_c0, sizeof demo_c0);
    return quadratic_new(6, demo_mu, demo_theta_star);
}

/* λ as multiples of 1/L, for the figure and the ratio check. */
static const nn_real lr_times_L[4] = { NN_R(0.1), 1, NN_R(1.9), NN_R(2.1) };

void section_quadratic(chapter *ch)
{
    nn_real c0[6];
    quadratic q = quadratic_demo(c0);
    int d = q.d, steps = 100;
    nn_real L = q.mu[d - 1];
    nn_say(&ch->common, "\n5.2 Gradient descent on a quadratic: d = %d, eigenvalues %g..%g (kappa = %g)\n",
           d, (double)q.mu[0], (double)L, (double)(L / q.mu[0]));
    nn_result_int(ch->run, d, "quad.d");
    nn_result(ch->run, q.mu[0], "quad.mu_min");
    nn_result(ch->run, L, "quad.L");

    nn_table *gaps = nn_table_open(ch->run, "quad_lr.dat", "step gap_0.1/L gap_1/L gap_1.9/L gap_2.1/L (L(theta) - L* for each lambda)");
    nn_real theta0[6];
    quadratic_start(&q, c0, theta0);
    nn_real curve[4][101], worst_all = 0;
    for (int k = 0; k < 4; k++) {
        nn_real lr = lr_times_L[k] / L;
        nn_real *c = malloc(sizeof(nn_real) * (size_t)(steps + 1) * d);
        quadratic_descent(&q, nn_optimizer_defaults(NN_OPT_SGD), lr, theta0, steps, c);
        for (int t = 0; t <= steps; t++) {
            nn_real gap = 0;
            for (int i = 0; i < d; i++) gap += q.mu[i] * c[t * d + i] * c[t * d + i] / 2;
            curve[k][t] = gap;
        }
        free(c);
        /* the measured ratio along each eigenvector against 1 − λμ_i */
        nn_real *ratio = malloc(sizeof(nn_real) * (size_t)steps * d), worst = 0;
        int measured = quadratic_ratios(&q, lr, c0, steps, ratio);
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < d; i++) {
                nn_real r = ratio[t * d + i];
                if (!isnan(r)) worst = fmax(worst, fabs(r - (1 - lr * q.mu[i])));
            }
        nn_result(ch->run, lr_times_L[k], "quad.run%d.lr_times_L", k + 1);
        nn_result_int(ch->run, measured, "quad.run%d.ratios_measured", k + 1);
        nn_result(ch->run, worst, "quad.run%d.worst_ratio_error", k + 1);
        worst_all = fmax(worst_all, worst);
        nn_result(ch->run, ratio[0], "quad.run%d.ratio_mu_min", k + 1);
        nn_result(ch->run, ratio[d - 1], "quad.run%d.ratio_L", k + 1);
        nn_result(ch->run, curve[k][steps] / curve[k][0], "quad.run%d.gap_factor_100", k + 1);
        nn_say(&ch->common, "  lambda = %.1f/L: %d ratios c_i(t+1)/c_i(t) measured, worst gap to 1 - lambda mu_i "
               "%.1e; gap after %d steps x %.3g\n", (double)lr_times_L[k], measured, (double)worst, steps,
               (double)(curve[k][steps] / curve[k][0]));
        free(ratio);
    }
    for (int t = 0; t <= steps; t++) nn_table_row(gaps, t, curve[0][t], curve[1][t], curve[2][t], curve[3][t]);
    nn_result(ch->run, worst_all, "quad.worst_ratio_error");

    /* the threshold: just below and just above 2/L, 400 steps */
    static const nn_real around[4] = { NN_R(1.9), NN_R(1.99), NN_R(2.01), NN_R(2.1) };
    for (int k = 0; k < 4; k++) {
        nn_real factor = quadratic_error_factor(&q, around[k] / L, c0, 400);
        nn_result(ch->run, factor, "quad.threshold.lr%.2f_over_L.error_factor_400", (double)around[k]);
        nn_say(&ch->common, "  lambda = %.2f/L: |theta - theta*| multiplied by %.3g in 400 steps (|1 - lambda L|^400 = %.3g)\n",
               (double)around[k], (double)factor, pow(fabs(1 - (double)around[k]), 400));
    }

    FILE *gp = nn_figure(ch->run, "quad_lr", "Gradient descent on a quadratic (κ = 10): the step λ against 2/L",
                         "step t", "L(θ_t) − L(θ*)  (log scale)");
    fprintf(gp, "set logscale y\nset format y '10^{%%L}'\nset key bottom left\n"
                "plot 'quad_lr.dat' using 1:2 with linespoints ls 1 pi 10 title 'λ = 0.1/L', \\\n"
                "     '' using 1:3 with linespoints ls 2 pi 10 title 'λ = 1/L', \\\n"
                "     '' using 1:4 with linespoints ls 3 pi 10 title 'λ = 1.9/L', \\\n"
                "     '' using 1:5 with linespoints ls 4 pi 10 title 'λ = 2.1/L  (> 2/L)'\n");
    quadratic_free(&q);
}

void section_momentum(chapter *ch)
{
    static const nn_real kappas[2] = { 10, 100 };
    enum { SHOWN = 201 };
    nn_real gd[2][SHOWN], hb[2][SHOWN];
    rate_result rates[2];
    nn_say(&ch->common, "\n5.3 Momentum on quadratics of d = 10, eigenvalues 1..kappa\n");
    for (int k = 0; k < 2; k++) {
        rate_result r = rates[k] = momentum_rates(kappas[k], 10, gd[k], hb[k], SHOWN);
        const char *name = k ? "kappa100" : "kappa10";
        nn_result(ch->run, r.lr_gd, "momentum.%s.lr_gd", name);
        nn_result(ch->run, r.lr_hb, "momentum.%s.lr_hb", name);
        nn_result(ch->run, r.beta, "momentum.%s.beta", name);
        nn_result(ch->run, r.theory_gd, "momentum.%s.theory_gd", name);
        nn_result(ch->run, r.measured_gd, "momentum.%s.measured_gd", name);
        nn_result(ch->run, r.theory_hb, "momentum.%s.theory_hb", name);
        nn_result(ch->run, r.measured_hb, "momentum.%s.measured_hb", name);
        nn_result(ch->run, r.measured_gd / r.theory_gd - 1, "momentum.%s.gd_rel_diff", name);
        nn_result(ch->run, r.measured_hb / r.theory_hb - 1, "momentum.%s.hb_rel_diff", name);
        nn_result_int(ch->run, r.t0, "momentum.%s.window_start", name);
        nn_result_int(ch->run, r.t1_gd, "momentum.%s.window_end_gd", name);
        nn_result_int(ch->run, r.t1_hb, "momentum.%s.window_end_hb", name);
        nn_result(ch->run, log(r.theory_hb) / log(r.theory_gd), "momentum.%s.speedup", name);
        nn_say(&ch->common, "  kappa = %3g: best GD rate %.6f (theory %.6f), heavy ball %.6f (theory %.6f): "
               "%.1f times fewer steps per digit\n", (double)kappas[k], (double)r.measured_gd, (double)r.theory_gd,
               (double)r.measured_hb, (double)r.theory_hb, log(r.theory_hb) / log(r.theory_gd));
    }
    nn_table *t = nn_table_open(ch->run, "momentum.dat",
                                "step gd_k10 hb_k10 gd_k100 hb_k100 theory_gd_k10 theory_hb_k10 theory_gd_k100 theory_hb_k100 "
                                "(|e_t|/|e_0|, then the predicted rate^t)");
    for (int s = 0; s < SHOWN; s++)
        nn_table_row(t, s, gd[0][s], hb[0][s], gd[1][s], hb[1][s], pow(rates[0].theory_gd, s),
                     pow(rates[0].theory_hb, s), pow(rates[1].theory_gd, s), pow(rates[1].theory_hb, s));
    FILE *gp = nn_figure(ch->run, "momentum", "Best plain step against heavy-ball momentum (dashed: the predicted rates)",
                         "step t", "‖θ_t − θ*‖ / ‖θ_0 − θ*‖  (log scale)");
    fprintf(gp, "set logscale y\nset format y '10^{%%L}'\nset key bottom left\nset yrange [1e-80:10]\n"
                "plot 'momentum.dat' using 1:2 with lines ls 1 title 'gradient descent, κ = 10', \\\n"
                "     '' using 1:3 with lines ls 2 title 'heavy ball, κ = 10', \\\n"
                "     '' using 1:4 with lines ls 3 title 'gradient descent, κ = 100', \\\n"
                "     '' using 1:5 with lines ls 4 title 'heavy ball, κ = 100', \\\n"
                "     for [k=6:9] '' using 1:k with lines dt 2 lw 1 lc rgb '#555555' notitle\n");
}
