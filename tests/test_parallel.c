/* Rule 3 of nn_parallel.h: when a region may open, and when the waits of regions start a
 * spell on the calling thread. The rule is driven with explicit times and loads
 * (nn_guard_fork and nn_guard_book), so each bound is checked just inside and just
 * outside. That the bits do not depend on who computes is test_determinism's and
 * test_matrix's business. */
#include "nn.h"
#include "tap.h"

#include <math.h>

#define MS 1e-3
#define US 1e-6
#define IDLE 0.0                /* other processes' busy core-seconds, in the tests */

static int near(double a, double b) { return fabs(a - b) < 1e-12; }

/* May a region open at t on 2 threads of 2 processors, other processes having used
 * `foreign` core-seconds so far? */
static int may_open(nn_load_guard *g, double t, double foreign)
{
    return nn_guard_fork(g, t, foreign, 2, 2);
}

/* Opens a region at `start` that took `wall` and would have taken `alone` on the opening
 * thread. Returns the verdict, or -2 if it could not open. */
static int region(nn_load_guard *g, double start, double wall, double alone)
{
    if (!may_open(g, start, IDLE)) return -2;
    return nn_guard_book(g, start, start + wall, alone);
}

/* A guard whose team is awake, with no credit: its first region ended at t. */
static nn_load_guard awake_at(double t)
{
    nn_load_guard g = { 0, 0, 0, 0, 0, 0, 0 };
    region(&g, t - 10 * US, 10 * US, 10 * US);
    return g;
}

/* A guard in a spell begun at t by a region that waited 5 ms, others idle until then. */
static nn_load_guard spell_at(double t)
{
    nn_load_guard g = awake_at(t - 5.1 * MS);
    region(&g, t - 5 * MS, 5 * MS, 100 * US);
    g.foreign_at_spell = IDLE;
    return g;
}

static void test_first_region_not_booked(void)
{
    nn_load_guard g = { 0, 0, 0, 0, 0, 0, 0 };
    int first = region(&g, 1.0, 50 * MS, 1 * MS);
    int second = region(&g, 1.0 + 51 * MS, 5 * MS, 1 * MS);
    tap_ok(first == -1 && second == 1,
           "the first region wakes the team: not booked however slow (50 ms for 1 ms); the next one is (%d, %d)",
           first, second);
}

static void test_credit(void)
{
    /* A region saves 1 ms; then regions that wait 0.99 ms and 0.02 ms more than alone. */
    nn_load_guard g = awake_at(1.0);
    double t = 1.0 + 0.1 * MS;
    region(&g, t, 1 * MS, 2 * MS);
    int within = region(&g, t + 1.1 * MS, 2.99 * MS, 2 * MS);
    int beyond = region(&g, t + 4.2 * MS, 2.02 * MS, 2 * MS);
    tap_ok(within == 0 && beyond == 1,
           "after saving 1 ms, a wait of 0.99 ms is paid from the credit, a further 0.02 ms is not (%d, %d)",
           within, beyond);
}

static void test_credit_cap(void)
{
    /* 200 regions save 0.5 ms each (100 ms), but the credit holds 2 ms at most. */
    int verdict[2];
    for (int i = 0; i < 2; i++) {
        nn_load_guard g = awake_at(1.0);
        double t = 1.0 + 0.1 * MS;
        for (int r = 0; r < 200; r++, t += 0.6 * MS) region(&g, t, 0.5 * MS, 1 * MS);
        verdict[i] = region(&g, t, (i ? 2.01 : 1.99) * MS + 1 * MS, 1 * MS);
    }
    tap_ok(verdict[0] == 0 && verdict[1] == 1,
           "the credit stops at 2 ms: after saving 100 ms a wait of 1.99 ms is paid, one of 2.01 ms is not (%d, %d)",
           verdict[0], verdict[1]);
}

static void test_spell(void)
{
    nn_load_guard g = spell_at(1.0);
    int during = may_open(&g, 1.0 + 20 * MS - 1 * US, IDLE);
    int after = may_open(&g, 1.0 + 20 * MS + 1 * US, IDLE);
    tap_ok(!during && after, "a spell: no region opens for 20 ms after the region that began it (%d at 19.999 ms, %d at 20.001)",
           during, after);
}

static void test_spell_extended_while_cores_held(void)
{
    /* Over the 20 ms spell, other processes used 0.49 or 0.51 of a core. */
    nn_load_guard g = spell_at(1.0), h = spell_at(1.0);
    double end = 1.0 + 20 * MS + 1 * US;
    int light = may_open(&g, end, 0.49 * (end - 1.0));
    int held = may_open(&h, end, 0.51 * (end - 1.0));
    tap_ok(light && !held && near(h.spell, 40 * MS) && near(h.serial_until, end + 40 * MS),
           "at a spell's end, others using 0.49 of a core let regions open; 0.51 extends the spell, doubled "
           "(%d, %d, %g s)", light, held, h.spell);
}

static void test_spells_double_to_one_second(void)
{
    /* A core held throughout: spells of 20, 40, 80, ... ms, then 1 s and no longer. */
    nn_load_guard g = spell_at(1.0);
    double t = 1.0, lengths[9];
    for (int i = 0; i < 9; i++) {
        t = g.serial_until;
        may_open(&g, t, 1.0 * (t - 1.0));
        lengths[i] = g.spell;
    }
    tap_ok(near(lengths[0], 40 * MS) && near(lengths[4], 640 * MS) && near(lengths[5], 1.0) && near(lengths[8], 1.0),
           "while a core stays held, spells double: 40 ... 640 ms, then 1 s and no longer (%g %g %g %g)",
           lengths[0], lengths[4], lengths[5], lengths[8]);
}

static void test_after_spell(void)
{
    /* The first region after a spell wakes the team: not booked. The next one is, and a
     * new spell starts again from 20 ms, however long the last one was. */
    nn_load_guard g = spell_at(1.0);
    for (int i = 0; i < 6; i++) may_open(&g, g.serial_until, 1.0 * (g.serial_until - 1.0));
    double t = g.serial_until, last = g.spell;
    int woke = region(&g, t, 5 * MS, 100 * US);
    int next = region(&g, t + 6 * MS, 5 * MS, 100 * US);
    tap_ok(last == 1.0 && woke == -1 && next == 1 && near(g.spell, 20 * MS),
           "after a spell of 1 s: the waking region is not booked, the next slow one starts a spell of 20 ms "
           "(%d, %d, %g s)", woke, next, g.spell);
}

static void test_team_asleep(void)
{
    /* The same slow region, opened 4.9 ms and 5.1 ms after the last one ended. */
    nn_load_guard g = awake_at(1.0), h = awake_at(1.0);
    int awake = region(&g, 1.0 + 4.9 * MS, 5 * MS, 100 * US);
    int asleep = region(&h, 1.0 + 5.1 * MS, 5 * MS, 100 * US);
    tap_ok(awake == 1 && asleep == -1,
           "a region 4.9 ms after the last is booked, one 5.1 ms after is not: its team slept (%d, %d)",
           awake, asleep);
}

static void test_fork_thresholds(void)
{
    int saved = nn_threads();
    nn_set_threads(2);
    int two = nn_threads() == 2;
    int below = nn_fork(NN_PARALLEL_MIN_MACS - 1, NN_PARALLEL_MIN_MACS);
    int at = nn_fork(NN_PARALLEL_MIN_MACS, NN_PARALLEL_MIN_MACS);
    nn_set_threads(1);
    int one = nn_fork(NN_PARALLEL_MIN_MACS, NN_PARALLEL_MIN_MACS);
    nn_set_threads(saved);
    if (!two) { tap_skip(1, "no OpenMP: nothing ever forks"); return; }
    tap_ok(!below && at && !one, "nn_fork: not below the minimum, yes at it with 2 threads, never with 1 (%d %d %d)",
           below, at, one);
}

int main(void)
{
    tap_plan(9);
    test_first_region_not_booked();
    test_credit();
    test_credit_cap();
    test_spell();
    test_spell_extended_while_cores_held();
    test_spells_double_to_one_second();
    test_after_spell();
    test_team_asleep();
    test_fork_thresholds();
    return tap_done();
}
