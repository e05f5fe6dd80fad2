/* Chapter 5, optimisation: the pieces main.c runs in order, and that the tests
 * (tests/test_optimisation_claims.c) run directly. Each section file computes with plain
 * functions (declared here) and then reports: results.txt keys, .dat tables, .gp figures. */
#ifndef OPTIMISATION_H
#define OPTIMISATION_H

#include <stdbool.h>
#include "nn.h"

typedef struct {
    nn_common_flags common;
    nn_run *run;
    /* flags */
    int hidden;             /* --hidden: h of the 2-h-1 network of 5.1 and 5.9 */
    int loop_steps;         /* --loop-steps: full-batch steps of 5.1 */
    nn_real kappa;          /* --kappa: condition number of the contour plots' quadratic */
    int sweep_steps;        /* --sweep-steps: steps of each run of the learning-rate sweep */
    int depth;              /* --depth: layers of the initialisation experiment */
    const char *data_dir;   /* --data: Fashion-MNIST */
    bool skip_images;       /* --skip-images */
    bool have_images;       /* Fashion-MNIST read (before the run started) */
    nn_image_set train, test;
    char missing[1200];     /* why not, when the default location has no data set */
    int train_images, val_images, epochs, seeds, batch, fashion_hidden;
} chapter;

/* ---- 5.1 The plain loop, and every optimiser as a change to its last line (loop.c) --- */
/* The source's 2-h-1 sigmoid network, every weight and bias uniform on [−1, 1). */
nn_network *source_network(int hidden, nn_rng *rng);
/* The 2-h-1 sigmoid/BCE network of §3.8 on noisy XOR, trained by full-batch steps of one
 * optimiser from the same initial weights. Returns the final loss; curve (steps + 1
 * numbers, may be NULL) receives the loss before each step and at the end. */
nn_real loop_train(nn_optimizer_kind kind, nn_real lr, int hidden, int steps, uint64_t seed,
                   nn_real *curve);
void section_loop(chapter *ch);

/* ---- 5.2, 5.3 Quadratics (quadratic.c) ---------------------------------------------- */
enum { QUADRATIC_MAX_DIM = 16 };
typedef struct {
    int d;
    nn_matrix A, Q;         /* A = Q diag(μ) Qᵀ; column i of Q is the eigenvector of μ_i */
    nn_real *mu, *theta_star, *b;
} quadratic;

quadratic quadratic_new(int d, const nn_real *mu, const nn_real *theta_star);
void quadratic_free(quadratic *q);
void quadratic_gradient(const quadratic *q, const nn_real *theta, nn_real *g);
void quadratic_error_coordinates(const quadratic *q, const nn_real *theta, nn_real *c);
nn_real quadratic_gap(const quadratic *q, const nn_real *theta);
void quadratic_start(const quadratic *q, const nn_real *c0, nn_real *theta);
void quadratic_descent(const quadratic *q, nn_optimizer_config config, nn_real lr,
                       const nn_real *theta0, int steps, nn_real *c);
int quadratic_ratios(const quadratic *q, nn_real lr, const nn_real *c0, int steps, nn_real *ratio);
nn_real quadratic_error_factor(const quadratic *q, nn_real lr, const nn_real *c0, int steps);
nn_real scaled_norm(const nn_real *x, int d);
/* The chapter's 6-dimensional quadratic (eigenvalues 1..10) and its start c0 (6 numbers). */
quadratic quadratic_demo(nn_real *c0);

typedef struct {
    nn_real kappa, sqrt_kappa, lr_gd, lr_hb, beta;
    nn_real theory_gd, theory_hb, measured_gd, measured_hb;
    int t0, t1_gd, t1_hb;   /* the measuring windows */
} rate_result;
rate_result momentum_rates(nn_real kappa, int d, nn_real *curve_gd, nn_real *curve_hb, int curve_len);
void section_quadratic(chapter *ch);
void section_momentum(chapter *ch);

/* ---- 5.4 Paths on contour plots (paths.c) ------------------------------------------ */
typedef enum { SURFACE_VALLEY, SURFACE_ROSENBROCK, SURFACE_HIMMELBLAU } surface_kind;
typedef struct {
    surface_kind kind;
    const char *name;
    nn_real kappa;                      /* the valley's condition number */
    nn_real start[2], box[4];           /* start; x0 x1 y0 y1 of the figure */
    int steps;
    nn_real lr_gd, lr_adaptive;         /* λ of sgd/momentum/nesterov, and of the adaptive kinds */
    int n_minima;
    nn_real minima[4][2];
} surface;

surface surface_make(surface_kind kind, nn_real kappa);
nn_real surface_value(const surface *s, nn_real x, nn_real y);
void surface_gradient(const surface *s, const nn_real *p, nn_real *g);
nn_real surface_lr(const surface *s, nn_optimizer_kind kind);
void surface_path(const surface *s, nn_optimizer_kind kind, nn_real *path);
int nearest_minimum(const surface *s, nn_real x, nn_real y, nn_real *distance);
void section_paths(chapter *ch);

/* ---- 5.5 Adam's bias correction (adam.c) --------------------------------------------- */
void adam_steps(nn_real g, int steps, nn_real *corrected, nn_real *uncorrected);
void section_adam(chapter *ch);

/* ---- 5.6, 5.7 Batch / mini-batch / stochastic, schedules (regression.c) -------------- */
nn_dataset linear_data(uint64_t seed);
nn_dataset logistic_data(uint64_t seed);
void normal_equations(const nn_dataset *s, nn_real *beta);
void logistic_newton(const nn_dataset *s, nn_real *beta);
nn_real regression_error(const nn_dataset *s, int logistic, const nn_real *beta, const nn_real *beta_star);
long train_regression(const nn_dataset *s, int logistic, const nn_real *beta_star, int batch,
                      nn_schedule schedule, int epochs, uint64_t seed, nn_real *per_epoch,
                      nn_real *at_update, nn_real *beta_out);
void least_squares_curvature(const nn_dataset *s, nn_real *mu_min, nn_real *L);
void section_regression(chapter *ch);
void schedules_for_run(nn_real lr0, long total, nn_schedule *out);
void section_schedules(chapter *ch);

/* ---- 5.8 A learning-rate sweep on a network (sweep.c) -------------------------------- */
nn_real sweep_lr(int k);
int sweep_run(nn_real lr, int steps, uint64_t seed, nn_real *loss);
void section_sweep(chapter *ch);

/* ---- 5.9 Initialisation (init.c) ----------------------------------------------------- */
nn_real hidden_unit_spread(const nn_network *net);
void symmetry_run(nn_real constant, int steps, uint64_t seed, nn_real *loss, nn_real *spread);
typedef struct {
    nn_activation_kind act;
    nn_init init;
    const char *name;
} depth_config;
int depth_configs(depth_config *out);      /* fills out (if not NULL), returns the count */
void depth_forward(depth_config c, int depth, uint64_t seed, nn_real *std, nn_real *saturated);
void section_init(chapter *ch);

/* ---- 5.10 Fashion-MNIST (fashion.c) -------------------------------------------------- */
void section_fashion(chapter *ch);

#endif
