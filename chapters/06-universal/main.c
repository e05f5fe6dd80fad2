/* Chapter 6: universal approximation, built by hand.
 *
 * No network in this chapter learns its weights (except in part 6, for comparison): each is
 * written down from a proof, stored with nn_network_set_layer, and evaluated by the
 * library's ordinary forward pass. What running it shows (make chapter6), numbered as the
 * sections of the text (6.1 is the theorem, in words):
 *   2. the piecewise-linear interpolant of a function on [0, 1] as a one-hidden-layer ReLU
 *      network, for four targets (targets.svg): exact at the knots, linear between them;
 *   3. its sup error against the three bounds ω_f(h), Lh/2 and h²/8·max|f″|, and where
 *      each is attained;
 *   4. the error against the number of neurons on log-log axes (error.svg): slopes −2, −1,
 *      −½ for a C², a Lipschitz and a Hölder-½ target, no decay for a jump;
 *   5. the neurons a tolerance ε needs, from the bounds, and what one neuron fewer gives;
 *   6. exact interpolation of binary data with 2Nd + N + 1 neurons (binary.svg, drawn from
 *      the network), and with N + 1 on the cube (binary-map.svg);
 *   7. the same widths trained by Adam, over several seeds (trained.svg);
 *   8. rescaled and permuted parameters that give the same function;
 *   9. what depth buys: the tent map composed k times, 2^k pieces from 2k units
 *      (sawtooth.svg).
 * Every number the text quotes is written to results.txt. */
#include "universal.h"

#include <stdio.h>
#include <stdlib.h>

/* A combination of flags the ranges cannot see. Checked before the run writes anything. */
static void check_flags(const chapter *ch)
{
    const char *me = "06-universal";
    if ((ch->max_neurons & (ch->max_neurons - 1)) != 0) {
        fprintf(stderr, "%s: --max-neurons %d: the sweep doubles N from 2, so it must be a power of two; "
                "try --max-neurons %d\n", me, ch->max_neurons, 1 << (int)floor(log2(ch->max_neurons)));
        exit(2);
    }
    if ((ch->max_width & (ch->max_width - 1)) != 0 || ch->max_width > ch->max_neurons) {
        int fits = ch->max_width < ch->max_neurons ? ch->max_width : ch->max_neurons;
        fprintf(stderr, "%s: --max-width %d: the trained widths 2, 4, .. are compared with the sweep's built "
                "networks, so it must be a power of two no larger than --max-neurons (%d); try --max-width %d\n",
                me, ch->max_width, ch->max_neurons, 1 << (int)floor(log2(fits)));
        exit(2);
    }
    for (int N = 2; N <= ch->max_neurons; N *= 2) {
        int i = knot_at(ch->kink, N);
        if (i >= 0) {
            fprintf(stderr, "%s: --kink %g is the knot %d/%d of the sweep's N = %d, where the interpolant is "
                    "exact and the error 0 has no logarithm; choose a point off the grid of 1/%d, such as 0.3\n",
                    me, (double)ch->kink, i, N, N, ch->max_neurons);
            exit(2);
        }
    }
}

int main(int argc, char **argv)
{
    chapter ch = { .common = nn_common_defaults("figures/06-universal"),
                   .neurons = 8, .max_neurons = 1024, .kink = NN_R(1.0) / 3, .step = NN_R(0.6),
                   .epsilon = NN_R(0.05), .max_width = 64, .seeds = 5, .steps = 1500, .depth = 10 };
    nn_flag flags[] = {
        NN_FLAG_INT_RANGE("--neurons", &ch.neurons, 2, 64,
                          "knots of the figure of targets (every knot is marked: beyond 64 they merge)"),
        NN_FLAG_INT_RANGE("--max-neurons", &ch.max_neurons, 16, 4096,
                          "largest N of the error sweep, a power of two (16: two points for the fitted "
                          "slopes; 4096: about 10 s of CPU, most of it the last N)"),
        NN_FLAG_REAL_RANGE("--kink", &ch.kink, 0.01, 0.99, "where |x - c| bends, inside [0, 1] and off every knot i/N of the sweep"),
        NN_FLAG_REAL_RANGE("--step", &ch.step, 0.01, 0.99, "where the step 1[x >= s] jumps, inside [0, 1]"),
        NN_FLAG_REAL_RANGE("--epsilon", &ch.epsilon, 0.01, 0.2,
                           "largest tolerance of the neurons-for-eps table, whose rows are eps, eps/10, eps/100 "
                           "(below 0.01 the Lipschitz rows need over 5000 neurons; above 0.2, x^2 needs one, "
                           "leaving no N - 1 to test)"),
        NN_FLAG_INT_RANGE("--max-width", &ch.max_width, 4, 256,
                          "widest network trained by Adam, a power of two no larger than --max-neurons (the "
                          "widths are 2, 4, ..; each doubling costs about as much as all narrower ones)"),
        NN_FLAG_INT_RANGE("--seeds", &ch.seeds, 2, 20, "random starts per trained width (2: a spread needs two)"),
        NN_FLAG_INT_RANGE("--steps", &ch.steps, 100, 100000, "Adam steps per trained network"),
        NN_FLAG_INT_RANGE("--depth", &ch.depth, 1, 16,
                          "deepest tent map composed (2^k pieces: beyond 16 the breakpoints fill memory)"),
    };
    nn_cli_parse(argc, argv, "Chapter 6: universal approximation, built by hand. Writes results.txt, "
                 "data, gnuplot and dot files.", &ch.common, flags, (int)(sizeof flags / sizeof flags[0]));
    check_flags(&ch);
    ch.run = nn_run_start("06-universal", &ch.common);

    part_construction(&ch);
    sweep s = sweep_errors(&ch);
    part_bounds(&ch, &s);
    part_error_vs_neurons(&ch, &s);
    part_tolerance(&ch);
    part_binary(&ch);
    part_trained(&ch);
    part_symmetry(&ch);
    part_depth(&ch);

    return nn_run_finish(ch.run);
}
