/* Chapter 3, backpropagation: the pieces main.c runs in order, and that the tests
 * (tests/test_backprop_*.c) run directly. Each part computes into a struct; main.c
 * narrates and writes the results, so a test can check the same numbers the text quotes. */
#ifndef BACKPROP_H
#define BACKPROP_H

#include "nn.h"
#include "nn_autodiff.h"

/* ---- Part 1: the 2-2-1 sigmoid/BCE network by hand (hand.c) -------------------------- */
typedef struct {
    nn_real x[2], y;                    /* one example */
    nn_real W1[2][2], b1[2], W2[2], b2; /* the nine parameters */
    /* forward */
    nn_real z1[2], a1[2], z2, yhat, loss;
    /* backward */
    nn_real delta2, dW2[2], db2, da1[2], delta1[2], dW1[2][2], db1[2];
} hand_network;

void hand_network_example(hand_network *h);        /* the chapter's numbers */
void hand_forward(hand_network *h);
void hand_backward(hand_network *h);
/* The same network through the library (nn_network_loss_grad): returns the library's
 * loss and fills its 9 gradients in the library's layout (W1 row-major, b1, W2, b2). */
nn_real library_loss_grad(const hand_network *h, nn_real grads[9]);
void hand_gradient_flat(const hand_network *h, nn_real grads[9]);

/* ---- Part 2: the chapter's own layers and their Jacobians (layers.c) ----------------- */
/* A layer maps x ∈ R^in to y ∈ R^out. Its backward is the vector-Jacobian product
 * dx = Jᵀ dy (overwritten); an affine layer also ADDS dW += dy xᵀ and db += dy. */
typedef struct chapter_layer chapter_layer;
struct chapter_layer {
    const char *name;
    int in, out;
    nn_real *W, *b;                     /* affine only: out×in row-major, out */
    void (*forward)(const chapter_layer *L, const nn_real *x, nn_real *y);
    void (*backward)(const chapter_layer *L, const nn_real *x, const nn_real *y,
                     const nn_real *dy, nn_real *dx, nn_real *dW, nn_real *db);
    void (*jacobian)(const chapter_layer *L, const nn_real *x, const nn_real *y, nn_real *J);
};

enum { LAYER_MAX_DIM = 8 };
/* The table of layers the chapter (and test [C3.1]) checks; a student adds one here. */
int chapter_layers(chapter_layer *out, int max, nn_real *W, nn_real *b);
/* J[i*in + j] ≈ (y_i(x + h e_j) − y_i(x − h e_j)) / 2h */
void jacobian_central_differences(const chapter_layer *L, const nn_real *x, nn_real h, nn_real *J);
/* max_ij |J_ij − J'_ij| over an out×in Jacobian */
nn_real max_abs_diff(const nn_real *a, const nn_real *b, int n);

typedef struct {
    nn_real jac_vs_fd, backward_vs_jac; /* max abs errors */
} layer_check;
layer_check check_layer(const chapter_layer *L, const nn_real *x, const nn_real *dy);

/* A small network made of the chapter's layers: affine(3→4), sigmoid, affine(4→3),
 * softmax, then L = −log S_c. Its gradient by chaining the backwards, and by FD. */
typedef struct {
    nn_real W1[4 * 3], b1[4], W2[3 * 4], b2[3];
    chapter_layer layer[4];
    int label;
} chain_network;
void chain_network_init(chain_network *net, nn_rng *rng);
nn_real chain_network_loss(const chain_network *net, const nn_real *x);
/* Gradient with respect to the input x and every parameter (dW1, db1, dW2, db2 added). */
nn_real chain_network_backward(const chain_network *net, const nn_real *x, nn_real *dx,
                               nn_real *dW1, nn_real *db1, nn_real *dW2, nn_real *db2);

/* ---- Part 3: automatic differentiation (autodiff_demo.c) ------------------------------ */
typedef struct {
    nn_real x1, x2, y, dy_dx1, dy_dx2, analytic_dx1, analytic_dx2;
    nn_real forward_dx1, forward_dx2;
} autodiff_example;
/* Records y = sin(x1) + x1·x2 on g, sweeps both ways, fills ex. */
void autodiff_sin_example(nn_autodiff *g, nn_real x1, nn_real x2, autodiff_example *ex);

/* A full derivative both ways, with its cost measured by the tape's counters (one count
 * per multiply-add a sweep performs). For f: R^d → R, f(x) = Σ_i sin(x_i)·x_{i+1 mod d} at
 * x_i = 0.1(i + 1): the gradient from one reverse sweep (the adjoints of the d inputs) and
 * from d forward sweeps (the tangent of y seeded at each input). For g: R → R^d,
 * g_j(t) = sin((j + 1)t)·t at t = 0.3: the Jacobian column from one forward sweep (the
 * tangents of the d outputs) and from d reverse sweeps (the adjoint of t from each output). */
enum { MODE_MAX_DIM = 64 };
typedef struct {
    int dim;
    long grad_forward_sweeps, grad_reverse_sweeps, grad_forward_madds, grad_reverse_madds;
    long jac_forward_sweeps, jac_reverse_sweeps, jac_forward_madds, jac_reverse_madds;
    nn_real grad_reverse[MODE_MAX_DIM], grad_forward[MODE_MAX_DIM];
    nn_real jac_forward[MODE_MAX_DIM], jac_reverse[MODE_MAX_DIM];
} mode_costs;
void measure_mode_costs(int dim, mode_costs *c);

/* ---- Part 4: gradient checking (gradcheck.c) ------------------------------------------ */
enum { STEP_COUNT = 53 };               /* h = 10^(−k/4), k = 4..56: 1e-1 .. 1e-14 */
typedef struct {
    nn_real h[STEP_COUNT];
    nn_real central[STEP_COUNT], forward[STEP_COUNT];       /* relative errors, f(x)=sin x + x x2 */
    nn_real central_model[STEP_COUNT], forward_model[STEP_COUNT]; /* truncation + round-off */
    nn_real network_central[STEP_COUNT];                    /* relative error, 2-2-1 loss vs W1[0][0] */
    int best_central, best_forward, best_network;           /* indices of the minima */
    nn_real predicted_central_h, predicted_forward_h;       /* (3ε|f|/|f'''|)^{1/3}, 2(ε|f|/|f''|)^{1/2} */
} step_sweep;
void sweep_step_sizes(step_sweep *s);

typedef struct {
    nn_real z0, h[STEP_COUNT], fd[STEP_COUNT];   /* central FD of relu at z0 for each h */
    nn_real model[STEP_COUNT];                   /* 1 for h ≤ z0, 1/2 + z0/(2h) beyond */
} kink_sweep;
void sweep_relu_kink(kink_sweep *k, nn_real z0);

/* ---- Part 5: vanishing gradients (vanishing.c) ----------------------------------------- */
enum { DEEP_LAYERS = 10, DEEP_WIDTH = 32, DEEP_BATCH = 64, DEEP_CONFIGS = 3 };
typedef struct {
    const char *name;                   /* "sigmoid_glorot", ... */
    nn_activation_kind act;
    nn_init_kind init;
    nn_real grad_norm[DEEP_LAYERS + 1]; /* ‖dW_l‖_F, l = 1..10 hidden, 11 the output */
} deep_gradients;
void deep_gradient_norms(deep_gradients cfg[DEEP_CONFIGS], uint64_t seed);

/* ---- Part 6: train with your own gradients (train.c) ------------------------------------ */
/* The chapter's run: TRAIN_STEPS steps of step λ = TRAIN_LR on TRAIN_POINTS two-moons points. */
enum { HAND_PARAMS = 9, TRAIN_POINTS = 200, TRAIN_STEPS = 3000 };
#define TRAIN_NOISE NN_R(0.1)
#define TRAIN_LR NN_R(1.0)
/* θ (the library's layout: W1 row-major, b1, W2, b2) into the hand network. */
void hand_set_parameters(hand_network *h, const nn_real theta[HAND_PARAMS]);
/* The mean loss over the rows of X, Y and its gradient, by hand_forward and hand_backward
 * example by example. */
nn_real hand_batch_gradient(hand_network *h, nn_matrix X, nn_matrix Y, nn_real grad[HAND_PARAMS]);
/* A 2-2-1 sigmoid nn_network (the caller frees it): the same network, in the library. */
nn_network *hand_library_twin(void);
typedef struct {
    nn_real *loss, *gap;                    /* per step (the caller's arrays): L, and the largest
                                             * |hand − library| of the nine gradients */
    nn_real start[HAND_PARAMS], theta[HAND_PARAMS];   /* θ before and after training */
    nn_real worst_gap, final_loss, accuracy;          /* accuracy on the training set */
} plain_run;
/* `steps` steps of plain gradient descent with step λ = lr from θ uniform on [−1, 1). */
void train_plain(const nn_dataset *data, nn_real lr, int steps, nn_rng *rng, plain_run *r);

#endif
