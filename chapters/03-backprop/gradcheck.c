/* Part 4. Gradient checking, and why the step h has a best value.
 *
 * Taylor:  f(x ± h) = f ± h f' + h²/2 f'' ± h³/6 f''' + O(h⁴), so
 *   forward  (f(x+h) − f(x))/h      = f' + h/2 f''  + ...   truncation O(h)
 *   central  (f(x+h) − f(x−h))/(2h) = f' + h²/6 f''' + ...  truncation O(h²)
 * Each f is computed with a relative error of about ε (machine epsilon), and the
 * difference divides that error by h: round-off ≈ 2ε|f|/h (forward), ε|f|/h (central).
 * Their sum is a V on log-log axes whose bottom is where the two terms balance:
 *   central  h* = (3ε|f|/|f'''|)^{1/3}  ~ ε^{1/3} ≈ 6e-6
 *   forward  h* = 2 (ε|f|/|f''|)^{1/2}  ~ ε^{1/2} ≈ 1.5e-8
 *
 * The function: f(x) = sin x + x·x2 at x = 0.5, x2 = 2 (the autodiff example, as a
 * function of x1), whose derivatives are all known; and the 2-2-1 network's loss as a
 * function of one weight, checked against the hand backward. */
#include "backprop.h"

static const nn_real X0 = NN_R(0.5), X2 = NN_R(2.0);

static nn_real f_example(nn_real x) { return sin(x) + x * X2; }

static nn_real network_loss_at(hand_network *h, nn_real w)
{
    h->W1[0][0] = w;
    hand_forward(h);
    return h->loss;
}

static nn_real rel_error(nn_real estimate, nn_real exact) { return fabs(estimate - exact) / fabs(exact); }

/* course:begin differences */
static nn_real forward_difference(nn_real (*f)(nn_real), nn_real x, nn_real h)
{
    return (f(x + h) - f(x)) / h;
}

static nn_real central_difference(nn_real (*f)(nn_real), nn_real x, nn_real h)
{
    return (f(x + h) - f(x - h)) / (2 * h);
}
/* course:end differences */

static int argmin(const nn_real *v, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++) if (v[i] < v[best]) best = i;
    return best;
}

void sweep_step_sizes(step_sweep *s)
{
    const nn_real eps = NN_REAL_EPSILON;
    nn_real f = f_example(X0), d1 = cos(X0) + X2, d2 = -sin(X0), d3 = -cos(X0);
    hand_network net;
    hand_network_example(&net);
    hand_forward(&net);
    hand_backward(&net);
    nn_real w0 = net.W1[0][0], exact_w = net.dW1[0][0];

    for (int k = 0; k < STEP_COUNT; k++) {
        nn_real h = pow(10.0, -(k + 4) / 4.0);
        s->h[k] = h;
        s->central[k] = rel_error(central_difference(f_example, X0, h), d1);
        s->forward[k] = rel_error(forward_difference(f_example, X0, h), d1);
        s->central_model[k] = (h * h * fabs(d3) / 6 + eps * fabs(f) / h) / fabs(d1);
        s->forward_model[k] = (h * fabs(d2) / 2 + 2 * eps * fabs(f) / h) / fabs(d1);
        nn_real up = network_loss_at(&net, w0 + h), down = network_loss_at(&net, w0 - h);
        s->network_central[k] = rel_error((up - down) / (2 * h), exact_w);
    }
    s->best_central = argmin(s->central, STEP_COUNT);
    s->best_forward = argmin(s->forward, STEP_COUNT);
    s->best_network = argmin(s->network_central, STEP_COUNT);
    s->predicted_central_h = cbrt(3 * eps * fabs(f) / fabs(d3));
    s->predicted_forward_h = 2 * sqrt(eps * fabs(f) / fabs(d2));
}

/* relu at z0 > 0 has derivative 1. A central difference with h ≤ z0 sees one straight
 * piece and is exact (up to rounding); with h > z0 it reaches across the kink at 0:
 * (relu(z0+h) − relu(z0−h))/(2h) = (z0 + h)/(2h) = 1/2 + z0/(2h), wrong by 1/2 − z0/(2h),
 * which is 0 at h = z0 and grows towards 1/2 as h grows. */
static nn_real relu_scalar(nn_real z) { return z > 0 ? z : 0; }

void sweep_relu_kink(kink_sweep *k, nn_real z0)
{
    k->z0 = z0;
    for (int i = 0; i < STEP_COUNT; i++) {
        k->h[i] = pow(10.0, -(i + 4) / 4.0);
        k->fd[i] = central_difference(relu_scalar, z0, k->h[i]);
        k->model[i] = k->h[i] <= z0 ? 1 : NN_R(0.5) + z0 / (2 * k->h[i]);
    }
}
