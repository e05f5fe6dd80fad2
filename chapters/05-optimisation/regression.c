/* 5.6, 5.7 Batch, mini-batch and stochastic gradient descent, and learning-rate schedules,
 * on the source's linear regression (and its exercise, logistic regression).
 *
 * Linear regression: ŷ_i = β₀ + Σ_j β_j x_ij, L(β) = (1/n) Σ_i (y_i − ŷ_i)² (the library's
 * mean squared error; the source's ½ Σ only rescales λ), so
 *     ∂L/∂β₀ = −(2/n) Σ_i (y_i − ŷ_i),    ∂L/∂β_j = −(2/n) Σ_i (y_i − ŷ_i) x_ij,
 * which is what the library's backward computes for a 3-1 network with the identity
 * (db = 1ᵀdZ, dW = dZᵀX with dZ = (2/n)(ŷ − y)). The minimiser solves the normal equations
 * X̃ᵀX̃ β* = X̃ᵀy (X̃ = [1 X]); since the residual at β* is orthogonal to X̃'s columns,
 *     L(β) − L(β*) = (1/n) ‖X̃ (β − β*)‖²,
 * which the figures plot without the cancellation of subtracting two losses.
 * Logistic regression: y_i ∈ {−1, +1}, L(β) = (1/n) Σ_i log(1 + e^{−y_i β·x̃_i}), whose
 * minimiser has no closed form: Newton's method finds it, and the figures plot ‖β − β*‖. */
#include "optimisation.h"

#include <stdlib.h>
#include <string.h>

enum { REG_N = 200, REG_D = 3 };
static const nn_real true_beta[REG_D + 1] = { 2, 1, -3, NN_R(0.5) };     /* β₀, β₁, β₂, β₃ */
static const nn_real reg_noise = NN_R(0.5);

/* x ~ N(0, I) with x₂ += 0.8 x₁ (correlated features: κ of X̃ᵀX̃ about 7), y = β·x̃ + N(0, 0.5²). */
nn_dataset linear_data(uint64_t seed)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_dataset s = nn_dataset_new(REG_N, REG_D, 1, 0);
    for (int i = 0; i < REG_N; i++) {
        for (int j = 0; j < REG_D; j++) NN_AT(s.X, i, j) = nn_rng_normal(&rng, 0, 1);
        NN_AT(s.X, i, 1) += NN_R(0.8) * NN_AT(s.X, i, 0);
        nn_real y = true_beta[0];
        for (int j = 0; j < REG_D; j++) y += true_beta[j + 1] * NN_AT(s.X, i, j);
        NN_AT(s.Y, i, 0) = y + nn_rng_normal(&rng, 0, reg_noise);
        s.labels[i] = -1;
    }
    return s;
}

/* Two overlapping Gaussian clouds: y = ±1 in turn, x ~ N(y (1, 0.5), I). Not separable, so
 * the logistic loss has a finite minimiser. */
nn_dataset logistic_data(uint64_t seed)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_dataset s = nn_dataset_new(REG_N, 2, 1, 2);
    for (int i = 0; i < REG_N; i++) {
        nn_real y = i % 2 ? 1 : -1;
        NN_AT(s.X, i, 0) = y + nn_rng_normal(&rng, 0, 1);
        NN_AT(s.X, i, 1) = y / 2 + nn_rng_normal(&rng, 0, 1);
        NN_AT(s.Y, i, 0) = y;
        s.labels[i] = y > 0;
    }
    return s;
}

/* Solves the k×k system M x = r by Gaussian elimination with partial pivoting (M and r are
 * overwritten). Returns -1 if M is singular to working precision. */
static int solve_in_place(nn_real *M, nn_real *r, nn_real *x, int k)
{
    for (int c = 0; c < k; c++) {
        int p = c;
        for (int i = c + 1; i < k; i++) if (fabs(M[i * k + c]) > fabs(M[p * k + c])) p = i;
        if (M[p * k + c] == 0) return -1;
        for (int j = 0; j < k; j++) { nn_real tmp = M[c * k + j]; M[c * k + j] = M[p * k + j]; M[p * k + j] = tmp; }
        nn_real tmp = r[c]; r[c] = r[p]; r[p] = tmp;
        for (int i = c + 1; i < k; i++) {
            nn_real f = M[i * k + c] / M[c * k + c];
            for (int j = c; j < k; j++) M[i * k + j] -= f * M[c * k + j];
            r[i] -= f * r[c];
        }
    }
    for (int i = k - 1; i >= 0; i--) {
        nn_real s = r[i];
        for (int j = i + 1; j < k; j++) s -= M[i * k + j] * x[j];
        x[i] = s / M[i * k + i];
    }
    return 0;
}

/* course:begin normal_equations */
/* β* from X̃ᵀX̃ β = X̃ᵀy, x̃_i = (1, x_i): the direct solve gradient descent is compared with. */
void normal_equations(const nn_dataset *s, nn_real *beta)
{
    int k = s->X.cols + 1;
    nn_real M[(REG_D + 1) * (REG_D + 1)] = { 0 }, r[REG_D + 1] = { 0 };
    for (int i = 0; i < s->X.rows; i++) {
        nn_real xt[REG_D + 1] = { 1 };
        for (int j = 1; j < k; j++) xt[j] = NN_AT(s->X, i, j - 1);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) M[a * k + b] += xt[a] * xt[b];
            r[a] += xt[a] * NN_AT(s->Y, i, 0);
        }
    }
    if (solve_in_place(M, r, beta, k) != 0) {
        fprintf(stderr, "normal_equations: X~ᵀX~ is singular\n");
        abort();
    }
}
/* course:end normal_equations */

/* Newton's method for the logistic loss: β ← β − H⁻¹∇, with
 * ∇ = −(1/n) Σ y_i x̃_i σ(−m_i), H = (1/n) Σ σ(m_i) σ(−m_i) x̃_i x̃_iᵀ, m_i = y_i β·x̃_i.
 * Quadratic convergence: 30 iterations are many more than enough. */
void logistic_newton(const nn_dataset *s, nn_real *beta)
{
    int k = s->X.cols + 1, n = s->X.rows;
    for (int j = 0; j < k; j++) beta[j] = 0;
    for (int it = 0; it < 30; it++) {
        nn_real H[(REG_D + 1) * (REG_D + 1)] = { 0 }, g[REG_D + 1] = { 0 }, step[REG_D + 1];
        for (int i = 0; i < n; i++) {
            nn_real xt[REG_D + 1] = { 1 }, y = NN_AT(s->Y, i, 0), m = 0;
            for (int j = 1; j < k; j++) xt[j] = NN_AT(s->X, i, j - 1);
            for (int j = 0; j < k; j++) m += beta[j] * xt[j];
            m *= y;
            nn_real p = nn_sigmoid(-m), w = nn_sigmoid(m) * p;
            for (int a = 0; a < k; a++) {
                g[a] -= y * xt[a] * p / n;
                for (int b = 0; b < k; b++) H[a * k + b] += w * xt[a] * xt[b] / n;
            }
        }
        if (solve_in_place(H, g, step, k) != 0) break;
        for (int j = 0; j < k; j++) beta[j] -= step[j];
    }
}

/* β = (b, W) of a d-1 network with the identity: (β₀, β₁, ..., β_d). */
static void network_beta(const nn_network *net, nn_real *beta)
{
    beta[0] = net->layers[0].b.data[0];
    for (int j = 0; j < net->n_inputs; j++) beta[j + 1] = net->layers[0].W.data[j];
}

/* L(β) − L(β*) for least squares, ‖β − β*‖ for the logistic loss (see the top comment). */
nn_real regression_error(const nn_dataset *s, int logistic, const nn_real *beta, const nn_real *beta_star)
{
    int k = s->X.cols + 1;
    if (k > REG_D + 1) {
        fprintf(stderr, "regression_error: %d features, at most %d\n", s->X.cols, REG_D);
        abort();
    }
    if (logistic) {
        nn_real d[REG_D + 1];
        for (int j = 0; j < k; j++) d[j] = beta[j] - beta_star[j];
        return scaled_norm(d, k);
    }
    nn_real sum = 0;
    for (int i = 0; i < s->X.rows; i++) {
        nn_real r = beta[0] - beta_star[0];
        for (int j = 1; j < k; j++) r += (beta[j] - beta_star[j]) * NN_AT(s->X, i, j - 1);
        sum += r * r;
    }
    return sum / s->X.rows;
}

/* course:begin minibatch_sgd */
/* Epochs of mini-batch SGD on a d-1 linear model (identity output): each epoch visits the
 * n examples once in a fresh order, batch by batch, one step per batch, the step λ_t of the
 * schedule at update t. batch = n is full-batch gradient descent, batch = 1 stochastic. After
 * every epoch (and after updates 1, 2, 4, 8, ... when at_update is not NULL) the error
 * against β* is recorded. Returns the number of updates. */
long train_regression(const nn_dataset *s, int logistic, const nn_real *beta_star, int batch,
                      nn_schedule schedule, int epochs, uint64_t seed, nn_real *per_epoch,
                      nn_real *at_update, nn_real *beta_out)
{
    nn_layer_spec spec = { 1, nn_activation_make(NN_IDENTITY), 0 };
    nn_network *net = nn_network_new(s->X.cols, 1, &spec);          /* β = 0 to start */
    nn_loss loss = nn_loss_make(logistic ? NN_LOSS_LOGISTIC : NN_LOSS_MSE);
    nn_optimizer *opt = nn_optimizer_new(nn_optimizer_defaults(NN_OPT_SGD), net->n_params);
    nn_batcher *batches = nn_batcher_new(s->X.rows, batch);
    nn_matrix Xb = nn_matrix_new(batch, s->X.cols), Yb = nn_matrix_new(batch, 1);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_real beta[REG_D + 1] = { 0 };
    long t = 0;
    int recorded = 0;
    network_beta(net, beta);
    per_epoch[0] = regression_error(s, logistic, beta, beta_star);
    for (int e = 1; e <= epochs; e++) {
        nn_batcher_shuffle(batches, &rng);
        const int *idx;
        int count;
        while ((count = nn_batcher_next(batches, &idx)) > 0) {
            nn_matrix x = nn_matrix_row_range(Xb, 0, count), y = nn_matrix_row_range(Yb, 0, count);
            nn_gather_rows(s->X, idx, count, x);
            nn_gather_rows(s->Y, idx, count, y);
            nn_network_loss_grad(net, x, y, loss, NULL);               /* ∇ of the batch's mean loss */
            nn_optimizer_step(opt, net->params, net->grads, nn_schedule_lr(schedule, t));
            t++;
            if (at_update && (t & (t - 1)) == 0) {                     /* t a power of 2 */
                network_beta(net, beta);
                at_update[recorded++] = regression_error(s, logistic, beta, beta_star);
            }
        }
        network_beta(net, beta);
        per_epoch[e] = regression_error(s, logistic, beta, beta_star);
    }
    if (beta_out) memcpy(beta_out, beta, sizeof(nn_real) * (size_t)(s->X.cols + 1));
    nn_matrix_free(&Xb);
    nn_matrix_free(&Yb);
    nn_batcher_free(batches);
    nn_optimizer_free(opt);
    nn_network_free(net);
    return t;
}
/* course:end minibatch_sgd */

/* The extreme eigenvalues of the least-squares Hessian H = (2/n) X̃ᵀX̃, by power iteration
 * on H and on L·I − H: what λ must stay below (2/L) and the slowest rate, max |1 − λμ|. */
void least_squares_curvature(const nn_dataset *s, nn_real *mu_min, nn_real *L)
{
    int k = s->X.cols + 1, n = s->X.rows;
    nn_real H[(REG_D + 1) * (REG_D + 1)] = { 0 };
    for (int i = 0; i < n; i++) {
        nn_real xt[REG_D + 1] = { 1 };
        for (int j = 1; j < k; j++) xt[j] = NN_AT(s->X, i, j - 1);
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) H[a * k + b] += 2 * xt[a] * xt[b] / n;
    }
    for (int pass = 0; pass < 2; pass++) {
        nn_real v[REG_D + 1], w[REG_D + 1], value = 0;
        for (int j = 0; j < k; j++) v[j] = 1 + NN_R(0.1) * j;
        for (int it = 0; it < 2000; it++) {
            for (int a = 0; a < k; a++) {
                w[a] = pass ? *L * v[a] : 0;
                for (int b = 0; b < k; b++) w[a] += (pass ? -1 : 1) * H[a * k + b] * v[b];
            }
            nn_real norm = scaled_norm(w, k), dot = 0;
            for (int j = 0; j < k; j++) dot += v[j] * w[j];
            value = dot / scaled_norm(v, k) / scaled_norm(v, k);
            for (int j = 0; j < k; j++) v[j] = w[j] / norm;
        }
        if (pass) *mu_min = *L - value;
        else *L = value;
    }
}

enum { SEEDS = 5, MODE_EPOCHS = 30, UPDATES_LOG = 13 };     /* 2^12 = 4096 < 6000 updates */

/* Geometric mean, min and max of seeds' values (the errors span decades). */
static void spread(const nn_real *v, int count, nn_real *mean, nn_real *lo, nn_real *hi)
{
    double log_sum = 0;
    *lo = *hi = v[0];
    for (int i = 0; i < count; i++) {
        log_sum += log(v[i]);
        *lo = fmin(*lo, v[i]);
        *hi = fmax(*hi, v[i]);
    }
    *mean = (nn_real)exp(log_sum / count);
}

/* Full-batch, mini-batch (10) and one-example SGD, at the same λ, on one problem; one
 * table per problem: epoch, then mean/min/max over the seeds for each mode. */
static void compare_modes(chapter *ch, const nn_dataset *s, int logistic, const nn_real *beta_star, nn_real lr,
                          const char *tag)
{
    static const int batches[3] = { REG_N, 10, 1 };
    static const char *const names[3] = { "full_batch", "minibatch10", "sgd" };
    nn_real per_epoch[3][SEEDS][MODE_EPOCHS + 1], at_update[3][SEEDS][UPDATES_LOG];
    for (int m = 0; m < 3; m++)
        for (int seed = 0; seed < SEEDS; seed++) {
            for (int u = 0; u < UPDATES_LOG; u++) at_update[m][seed][u] = NAN;
            train_regression(s, logistic, beta_star, batches[m], nn_schedule_constant(lr), MODE_EPOCHS,
                             ch->common.seed + 100 + (uint64_t)seed, per_epoch[m][seed], at_update[m][seed], NULL);
        }
    char name[64];
    snprintf(name, sizeof name, "modes_%s.dat", tag);
    nn_table *t = nn_table_open(ch->run, name, "epoch full full_min full_max mini mini_min mini_max sgd sgd_min sgd_max "
                                               "(error after each epoch: geometric mean, min, max over 5 shuffles)");
    for (int e = 0; e <= MODE_EPOCHS; e++) {
        double row[10] = { e };
        for (int m = 0; m < 3; m++) {
            nn_real v[SEEDS], mean, lo, hi;
            for (int seed = 0; seed < SEEDS; seed++) v[seed] = per_epoch[m][seed][e];
            spread(v, SEEDS, &mean, &lo, &hi);
            row[1 + 3 * m] = mean; row[2 + 3 * m] = lo; row[3 + 3 * m] = hi;
            if (e == MODE_EPOCHS) {
                nn_result(ch->run, mean, "modes.%s.%s.final_error_geomean", tag, names[m]);
                nn_result(ch->run, lo, "modes.%s.%s.final_error_min", tag, names[m]);
                nn_result(ch->run, hi, "modes.%s.%s.final_error_max", tag, names[m]);
                nn_say(&ch->common, "  %-10s %-12s after %d epochs: error %.3g (%.3g to %.3g over %d shuffles)\n", tag,
                       names[m], MODE_EPOCHS, (double)mean, (double)lo, (double)hi, SEEDS);
            }
        }
        nn_table_add(t, row, 10);
    }
    snprintf(name, sizeof name, "modes_%s_updates.dat", tag);
    nn_table *u = nn_table_open(ch->run, name, "update full mini mini_min mini_max sgd sgd_min sgd_max "
                                               "(error after update 2^k; full batch: one update per epoch)");
    for (int k = 0; k < UPDATES_LOG; k++) {
        long update = 1L << k;
        double row[8] = { (double)update };
        for (int m = 0; m < 3; m++) {
            nn_real v[SEEDS], mean, lo, hi;
            int have = 1;
            for (int seed = 0; seed < SEEDS; seed++) {
                v[seed] = m == 0 ? per_epoch[0][seed][update <= MODE_EPOCHS ? update : 0] : at_update[m][seed][k];
                have &= !isnan(v[seed]);
            }
            if (m == 0 && update > MODE_EPOCHS) have = 0;
            spread(v, SEEDS, &mean, &lo, &hi);
            if (m == 0) row[1] = have ? mean : -1;
            else { row[2 + 3 * (m - 1)] = have ? mean : -1; row[3 + 3 * (m - 1)] = have ? lo : -1; row[4 + 3 * (m - 1)] = have ? hi : -1; }
        }
        nn_table_add(u, row, 8);
    }
}

void section_regression(chapter *ch)
{
    nn_say(&ch->common, "\n5.6 Batch, mini-batch and stochastic gradient descent: linear and logistic regression\n");
    nn_dataset lin = linear_data(ch->common.seed), logi = logistic_data(ch->common.seed + 1);
    nn_real beta_star[REG_D + 1], logit_star[3], mu_min, L;
    normal_equations(&lin, beta_star);
    logistic_newton(&logi, logit_star);
    least_squares_curvature(&lin, &mu_min, &L);
    nn_result_int(ch->run, REG_N, "regression.n");
    for (int j = 0; j <= REG_D; j++) {
        nn_result(ch->run, true_beta[j], "regression.true_beta%d", j);
        nn_result(ch->run, beta_star[j], "regression.normal_beta%d", j);
    }
    nn_result(ch->run, mu_min, "regression.hessian_mu_min");
    nn_result(ch->run, L, "regression.hessian_L");

    /* [C5.6] full-batch gradient descent against the direct solve */
    const nn_real lr_full = NN_R(0.25);
    const int full_steps = 500;
    nn_real *curve = malloc(sizeof(nn_real) * (full_steps + 1)), beta[REG_D + 1];
    train_regression(&lin, 0, beta_star, REG_N, nn_schedule_constant(lr_full), full_steps, ch->common.seed, curve,
                     NULL, beta);
    nn_real gap = 0;
    for (int j = 0; j <= REG_D; j++) gap = fmax(gap, fabs(beta[j] - beta_star[j]));
    nn_real rate = fmax(fabs(1 - lr_full * mu_min), fabs(1 - lr_full * L));
    nn_result(ch->run, lr_full, "regression.full.lr");
    nn_result_int(ch->run, full_steps, "regression.full.steps");
    nn_result(ch->run, rate, "regression.full.predicted_rate");
    nn_result(ch->run, gap, "regression.full.max_abs_diff_normal_equations");
    nn_say(&ch->common, "  least squares: H's eigenvalues %.4f..%.4f (2/L = %.4f); %d full-batch steps of %.2f: "
           "max |beta - beta*| = %.1e\n", (double)mu_min, (double)L, (double)(2 / L), full_steps, (double)lr_full, (double)gap);
    nn_say(&ch->common, "  beta* = (%.4f, %.4f, %.4f, %.4f), drawn from (2, 1, -3, 0.5)\n", (double)beta_star[0],
           (double)beta_star[1], (double)beta_star[2], (double)beta_star[3]);

    nn_real logit_beta[3];
    const int logit_steps = 2000;
    nn_real *lcurve = malloc(sizeof(nn_real) * (logit_steps + 1));
    train_regression(&logi, 1, logit_star, REG_N, nn_schedule_constant(1), logit_steps, ch->common.seed, lcurve, NULL,
                     logit_beta);
    nn_real logit_gap = 0;
    for (int j = 0; j < 3; j++) {
        logit_gap = fmax(logit_gap, fabs(logit_beta[j] - logit_star[j]));
        nn_result(ch->run, logit_star[j], "regression.logistic.newton_beta%d", j);
    }
    nn_result_int(ch->run, logit_steps, "regression.logistic.full_steps");
    nn_result(ch->run, logit_gap, "regression.logistic.full.max_abs_diff_newton");
    nn_say(&ch->common, "  logistic: %d full-batch steps of 1: max |beta - beta_newton| = %.1e\n", logit_steps, (double)logit_gap);
    free(curve);
    free(lcurve);

    compare_modes(ch, &lin, 0, beta_star, NN_R(0.05), "linear");
    compare_modes(ch, &logi, 1, logit_star, NN_R(0.5), "logistic");
    FILE *gp = nn_figure(ch->run, "modes", NULL, NULL, NULL);
    fprintf(gp, "eval size(1200, 440)\nset multiplot layout 1,3 title 'Full batch (200), mini-batches of 10 and one "
                "example at a time, same λ, same start β = 0 (bands: min to max over 5 shuffles)'\n"
                "set logscale y\nset format y '10^{%%L}'\nset key bottom right font ',10'\n"
                "set style fill transparent solid 0.25 noborder\nset yrange [1e-5:1e2]\n"
                "set title '(a) least squares, λ = 0.05, per epoch'\nset xlabel 'epoch (n = 200 gradients)'\n"
                "set ylabel 'L(β) − L(β*)'\n"
                "plot 'modes_linear.dat' using 1:9:10 with filledcurves ls 2 notitle, \\\n"
                "     '' using 1:6:7 with filledcurves ls 1 notitle, \\\n"
                "     '' using 1:2 with linespoints ls 7 pi 5 title 'full batch', \\\n"
                "     '' using 1:5 with lines ls 1 title 'mini-batch 10', \\\n"
                "     '' using 1:8 with lines ls 2 title 'one example'\n"
                "set title '(b) the same, per update'\nset xlabel 'updates (log scale)'\nset logscale x\nset key top right\n"
                "plot 'modes_linear_updates.dat' using 1:($2 > 0 ? $2 : NaN) with linespoints ls 7 title 'full batch', \\\n"
                "     '' using 1:3 with linespoints ls 1 title 'mini-batch 10', \\\n"
                "     '' using 1:6 with linespoints ls 2 title 'one example'\n"
                "unset logscale x\nset title '(c) logistic regression, λ = 0.5, per epoch'\n"
                "set xlabel 'epoch (n = 200 gradients)'\nset ylabel '‖β − β*‖'\nset yrange [1e-3:10]\nset key bottom right\n"
                "plot 'modes_logistic.dat' using 1:9:10 with filledcurves ls 2 notitle, \\\n"
                "     '' using 1:6:7 with filledcurves ls 1 notitle, \\\n"
                "     '' using 1:2 with linespoints ls 7 pi 5 title 'full batch', \\\n"
                "     '' using 1:5 with lines ls 1 title 'mini-batch 10', \\\n"
                "     '' using 1:8 with lines ls 2 title 'one example'\n"
                "unset multiplot\n");
    nn_dataset_free(&lin);
    nn_dataset_free(&logi);
}

/* 5.7 Learning-rate schedules: one-example SGD on the least-squares problem, λ₀ = 0.05, 30
 * epochs (6000 updates), under five schedules. A constant step leaves SGD bouncing around β*
 * at a distance set by λ (the noise floor); a step that shrinks lets it settle. */
enum { N_SCHEDULES = 5 };

void schedules_for_run(nn_real lr0, long total, nn_schedule *out)
{
    nn_schedule constant = nn_schedule_constant(lr0);
    nn_schedule step = { NN_LR_STEP, lr0, NN_R(0.5), 0, total / 6, total };        /* halve 5 times */
    nn_schedule expo = { NN_LR_EXPONENTIAL, lr0, (nn_real)pow(0.01, 1.0 / (double)total), 0, 1, total }; /* ÷100 */
    nn_schedule inverse = { NN_LR_INVERSE_TIME, lr0, (nn_real)(1.0 / REG_N), 0, 1, total }; /* halve after an epoch */
    nn_schedule cosine = { NN_LR_COSINE, lr0, 1, 0, 1, total };                  /* to 0 */
    out[0] = constant; out[1] = step; out[2] = expo; out[3] = inverse; out[4] = cosine;
}

void section_schedules(chapter *ch)
{
    const nn_real lr0 = NN_R(0.05);
    const long total = (long)MODE_EPOCHS * REG_N;
    nn_schedule sched[N_SCHEDULES];
    schedules_for_run(lr0, total, sched);
    nn_say(&ch->common, "\n5.7 Schedules: one-example SGD on least squares, lambda_0 = %g, %d epochs (%ld updates)\n",
           (double)lr0, MODE_EPOCHS, total);
    nn_table *lr_table = nn_table_open(ch->run, "schedules_lr.dat", "update constant step exponential inverse_time cosine");
    for (long t = 0; t <= total; t += 20) {
        double row[N_SCHEDULES + 1] = { (double)t };
        for (int k = 0; k < N_SCHEDULES; k++) row[k + 1] = nn_schedule_lr(sched[k], t);
        nn_table_add(lr_table, row, N_SCHEDULES + 1);
    }
    nn_dataset lin = linear_data(ch->common.seed);
    nn_real beta_star[REG_D + 1];
    normal_equations(&lin, beta_star);
    nn_real per_epoch[N_SCHEDULES][SEEDS][MODE_EPOCHS + 1];
    for (int k = 0; k < N_SCHEDULES; k++)
        for (int seed = 0; seed < SEEDS; seed++)
            train_regression(&lin, 0, beta_star, 1, sched[k], MODE_EPOCHS, ch->common.seed + 100 + (uint64_t)seed,
                             per_epoch[k][seed], NULL, NULL);
    nn_table *t = nn_table_open(ch->run, "schedules.dat", "epoch constant constant_min constant_max step step_min step_max "
                                "exponential exponential_min exponential_max inverse_time inverse_time_min inverse_time_max "
                                "cosine cosine_min cosine_max (L - L*: geometric mean, min, max over 5 shuffles)");
    for (int e = 0; e <= MODE_EPOCHS; e++) {
        double row[1 + 3 * N_SCHEDULES] = { e };
        for (int k = 0; k < N_SCHEDULES; k++) {
            nn_real v[SEEDS], mean, lo, hi;
            for (int seed = 0; seed < SEEDS; seed++) v[seed] = per_epoch[k][seed][e];
            spread(v, SEEDS, &mean, &lo, &hi);
            row[1 + 3 * k] = mean; row[2 + 3 * k] = lo; row[3 + 3 * k] = hi;
            if (e == MODE_EPOCHS) {
                const char *name = nn_schedule_name(sched[k].kind);
                nn_result(ch->run, mean, "schedules.%s.final_gap_geomean", name);
                nn_result(ch->run, lo, "schedules.%s.final_gap_min", name);
                nn_result(ch->run, hi, "schedules.%s.final_gap_max", name);
                nn_result(ch->run, nn_schedule_lr(sched[k], total - 1), "schedules.%s.last_lr", name);
                nn_say(&ch->common, "  %-12s last lambda %.2e: L - L* after %d epochs %.3g (%.3g to %.3g over %d shuffles)\n",
                       name, (double)nn_schedule_lr(sched[k], total - 1), MODE_EPOCHS, (double)mean, (double)lo,
                       (double)hi, SEEDS);
            }
        }
        nn_table_add(t, row, 1 + 3 * N_SCHEDULES);
    }
    FILE *gp = nn_figure(ch->run, "schedules", NULL, NULL, NULL);
    fprintf(gp, "eval size(1100, 440)\nset multiplot layout 1,2 title 'Learning-rate schedules for one-example SGD on "
                "least squares (λ_0 = 0.05, 30 epochs of 200 updates)'\n"
                "set key top right font ',10'\nset title '(a) λ_t'\nset xlabel 'update t'\nset ylabel 'λ_t'\n"
                "plot for [k=2:6] 'schedules_lr.dat' using 1:k with lines ls (k-1) title word('constant step exponential 1/t cosine', k-1)\n"
                "set title '(b) L(β) − L(β*) after each epoch (bands: min to max over 5 shuffles)'\n"
                "set xlabel 'epoch'\nset ylabel 'L(β) − L(β*)'\nset logscale y\nset format y '10^{%%L}'\n"
                "set style fill transparent solid 0.2 noborder\nset key bottom left\n"
                "plot for [k=0:4] 'schedules.dat' using 1:(column(3+3*k)):(column(4+3*k)) with filledcurves ls (k+1) notitle, \\\n"
                "     for [k=0:4] '' using 1:(column(2+3*k)) with lines ls (k+1) title word('constant step exponential 1/t cosine', k+1)\n"
                "unset multiplot\n");
    nn_dataset_free(&lin);
}
