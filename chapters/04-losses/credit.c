/* Part 1: what chapter 1 took on credit. Rosenblatt's rule is stochastic gradient descent,
 * one example at a time, on the perceptron loss φ(m) = max(0, −m) of the margin m = t·z,
 * t = 2y − 1 ∈ {−1, +1}. The two updates are run side by side on chapter 1's data and
 * compared after every example; the hinge loss, run the same way, is the control that
 * shows the comparison can fail. From w = 0 the two part: the loss is already 0 there. */
#include "losses.h"

#include <stdlib.h>

/* Chapter 1's defaults: its blobs, its learning rate, its noisy XOR. */
enum { CH1_POINTS = 100, CH1_XOR_EPOCHS = 100, MAX_EPOCHS = 1000 };
static const nn_real ch1_margin = NN_R(0.1), ch1_spread = NN_R(0.5), ch1_lr = NN_R(0.1);
static const nn_real ch1_xor_noise = NN_R(0.2);

nn_real line_score(const line2 *l, const nn_real *x)
{
    nn_real z = l->b;
    z += l->w[0] * x[0];
    z += l->w[1] * x[1];
    return z;
}

/* course:begin two_updates */
/* Chapter 1's rule on one example, labels y ∈ {0, 1}: ŷ = step(z), then
 * w ← w + λ(y − ŷ)x, b ← b + λ(y − ŷ). Returns 1 if it moved. */
static int rosenblatt_step(line2 *l, const nn_real *x, nn_real y, nn_real lr)
{
    nn_real error = y - (line_score(l, x) >= 0 ? 1 : 0);      /* y − ŷ */
    l->w[0] += lr * error * x[0];
    l->w[1] += lr * error * x[1];
    l->b += lr * error;
    return error != 0;
}

/* One SGD step on a margin loss ℓ = φ(t z), t = 2y − 1: the library gives dz = ∂ℓ/∂z
 * (the batch is one example), and z = w·x + b gives ∂z/∂w = x, ∂z/∂b = 1. */
static int sgd_step(line2 *l, const nn_real *x, nn_real y, nn_real lr, nn_loss loss)
{
    nn_real z = line_score(l, x), t = 2 * y - 1, dz;
    nn_loss_backward(loss, nn_matrix_view(&z, 1, 1), nn_matrix_view(&t, 1, 1), nn_matrix_view(&dz, 1, 1));
    l->w[0] -= lr * dz * x[0];
    l->w[1] -= lr * dz * x[1];
    l->b -= lr * dz;
    return dz != 0;
}
/* course:end two_updates */

/* How two runs over the same examples compared. */
typedef struct {
    long steps, updates, other_updates;   /* examples seen; moves of Rosenblatt and of SGD */
    nn_real max_gap;                      /* largest |difference| of w₁, w₂, b after any example */
    int epochs;                           /* until an epoch without a Rosenblatt update */
    line2 end, other_end;
} side_by_side;

static nn_real gap(line2 a, line2 b)
{
    nn_real g = fabs(a.w[0] - b.w[0]);
    if (fabs(a.w[1] - b.w[1]) > g) g = fabs(a.w[1] - b.w[1]);
    if (fabs(a.b - b.b) > g) g = fabs(a.b - b.b);
    return g;
}

/* Both rules from the same start over the examples in order, epoch after epoch, until
 * Rosenblatt makes an error-free epoch (or max_epochs). */
static side_by_side run_both(nn_dataset data, line2 start, nn_loss loss, int max_epochs)
{
    side_by_side r = { 0, 0, 0, 0, 0, start, start };
    for (int e = 0; e < max_epochs; e++) {
        long mistakes = 0;
        for (int i = 0; i < data.X.rows; i++) {
            const nn_real *x = &NN_AT(data.X, i, 0);
            nn_real y = NN_AT(data.Y, i, 0);
            mistakes += rosenblatt_step(&r.end, x, y, ch1_lr);
            r.other_updates += sgd_step(&r.other_end, x, y, ch1_lr, loss);
            nn_real g = gap(r.end, r.other_end);
            if (g > r.max_gap) r.max_gap = g;
            r.steps++;
        }
        r.updates += mistakes;
        r.epochs = e + 1;
        if (mistakes == 0) break;
    }
    return r;
}

/* Chapter 1's random start: w₁, w₂, b uniform on [0, 1), drawn in that order. */
static line2 random_start(nn_rng *rng)
{
    line2 l;
    l.w[0] = nn_rng_uniform(rng, 0, 1);
    l.w[1] = nn_rng_uniform(rng, 0, 1);
    l.b = nn_rng_uniform(rng, 0, 1);
    return l;
}

static void record_run(chapter *ch, const char *set, side_by_side r)
{
    nn_result_int(ch->run, r.steps, "credit.%s.examples_seen", set);
    nn_result_int(ch->run, r.updates, "credit.%s.rosenblatt_updates", set);
    nn_result_int(ch->run, r.other_updates, "credit.%s.sgd_updates", set);
    nn_result(ch->run, r.max_gap, "credit.%s.max_weight_gap", set);
    nn_result_int(ch->run, r.epochs, "credit.%s.epochs", set);
}

void part_credit(chapter *ch)
{
    nn_rng rng;
    nn_rng_seed(&rng, ch->common.seed);
    /* Chapter 1's first draws, in its order: the blobs, then the random start. */
    nn_dataset blobs = nn_data_blobs(CH1_POINTS, ch1_margin, ch1_spread, &rng);
    line2 start = random_start(&rng);
    nn_loss perceptron = nn_loss_make(NN_LOSS_PERCEPTRON), hinge = nn_loss_make(NN_LOSS_HINGE);
    side_by_side same = run_both(blobs, start, perceptron, MAX_EPOCHS);
    side_by_side control = run_both(blobs, start, hinge, MAX_EPOCHS);
    record_run(ch, "blobs", same);
    nn_result(ch->run, same.end.w[0], "credit.blobs.final_w1");
    nn_result(ch->run, same.end.w[1], "credit.blobs.final_w2");
    nn_result(ch->run, same.end.b, "credit.blobs.final_b");
    nn_result_int(ch->run, control.other_updates, "credit.blobs.hinge_updates");
    nn_result(ch->run, control.max_gap, "credit.blobs.hinge_max_weight_gap");

    /* A set no line separates, so that the updates never stop: 100 epochs of noisy XOR. */
    nn_dataset xor = nn_data_xor(CH1_POINTS, ch1_xor_noise, &rng);
    side_by_side long_run = run_both(xor, random_start(&rng), perceptron, CH1_XOR_EPOCHS);
    record_run(ch, "xor", long_run);

    /* From w = 0 every z is 0: Rosenblatt's step(0) = 1 calls each negative example a
     * mistake; the perceptron loss is 0 there, its derivative too, and SGD never moves. */
    line2 zero = { { 0, 0 }, 0 };
    side_by_side from_zero = run_both(blobs, zero, perceptron, MAX_EPOCHS);
    record_run(ch, "from_zero", from_zero);
    nn_result(ch->run, fabs(from_zero.other_end.w[0]) + fabs(from_zero.other_end.w[1]) + fabs(from_zero.other_end.b),
              "credit.from_zero.sgd_final_l1_norm");

    nn_say(&ch->common, "1. Rosenblatt = SGD on max(0, -t z): blobs %ld updates in %d epochs, XOR %ld updates "
           "in %ld examples; largest weight gap %g and %g (hinge instead: %ld updates, gap %.3g). "
           "From w = 0: Rosenblatt %ld updates, SGD %ld.\n",
           same.updates, same.epochs, long_run.updates, long_run.steps, (double)same.max_gap,
           (double)long_run.max_gap, control.other_updates, (double)control.max_gap,
           from_zero.updates, from_zero.other_updates);
    nn_dataset_free(&blobs);
    nn_dataset_free(&xor);
}
