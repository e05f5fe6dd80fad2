/* Rule 3 of nn_parallel.h: when a region may open, and when the waits of regions start a
 * spell on the calling thread. The rule is driven with explicit times (nn_guard_fork and
 * nn_guard_book), so each bound is checked just inside and just outside. That the bits
 * do not depend on who computes is test_determinism's and test_matrix's business. */
#include "nn.h"
#include "tap.h"

#include <math.h>

#define MS 1e-3
#define US 1e-6

static int near(double a, double b) { return fabs(a - b) < 1e-12; }

/* A guard whose team is awake at time t, with no credit: one region has just ended at t. */
static nn_load_guard warm_at(double t)
{
    nn_load_guard g = { 0, 0, 0, 0, 0 };
    nn_guard_fork(&g, t - 10 * US);
    nn_guard_book(&g, t - 10 * US, t, 10 * US);         /* the first region: not booked */
    return g;
}

/* Opens a region at `start` that took `wall` and would have taken `alone` on the opening
 * thread. Returns the verdict, or -2 if it could not open. */
static int region(nn_load_guard *g, double start, double wall, double alone)
{
    if (!nn_guard_fork(g, start)) return -2;
    return nn_guard_book(g, start, start + wall, alone);
}

static void test_first_region_not_booked(void)
{
    nn_load_guard g = { 0, 0, 0, 0, 0 };
    tap_ok(region(&g, 1.0, 50 * MS, 1 * MS) == -1 && nn_guard_fork(&g, 1.0 + 51 * MS),
           "the first region wakes the team: not booked, however slow (50 ms for 1 ms of work)");
}

static void test_credit(void)
{
    /* A region saves 1 ms; then regions that wait 0.99 ms and 0.02 ms more than alone. */
    nn_load_guard g = warm_at(1.0);
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
    /* 200 regions save 0.5 ms each (100 ms), but the credit holds 20 ms at most. */
    int verdict[2];
    for (int i = 0; i < 2; i++) {
        nn_load_guard g = warm_at(1.0);
        double t = 1.0 + 0.1 * MS;
        for (int r = 0; r < 200; r++, t += 0.6 * MS) region(&g, t, 0.5 * MS, 1 * MS);
        verdict[i] = region(&g, t, (i ? 20.01 : 19.99) * MS + 1 * MS, 1 * MS);
    }
    tap_ok(verdict[0] == 0 && verdict[1] == 1,
           "the credit stops at 20 ms: after saving 100 ms a wait of 19.99 ms is paid, one of 20.01 ms is not (%d, %d)",
           verdict[0], verdict[1]);
}

static void test_spell(void)
{
    nn_load_guard g = warm_at(1.0);
    double start = 1.0 + 0.5 * MS, end = start + 5 * MS;
    region(&g, start, 5 * MS, 100 * US);
    int during = nn_guard_fork(&g, end + 10 * MS - 1 * US);
    int after = nn_guard_fork(&g, end + 10 * MS + 1 * US);
    tap_ok(!during && after, "a spell: no region opens for 10 ms after the region that began it (%d at 9.999 ms, %d at 10.001)",
           during, after);
}

/* n spells in a row, each begun as soon as the last one allows (the region after a spell
 * finds the team asleep and is not booked; the next one waits 5 ms). Returns the last. */
static double slow_regions(nn_load_guard *g, double *t, int n)
{
    for (int i = 0; i < n; i++) {
        if (g->serial_until > *t) *t = g->serial_until;
        region(g, *t, 10 * US, 10 * US);                    /* wakes the team: not booked */
        *t += 20 * US;
        region(g, *t, 5 * MS, 100 * US);                    /* waits */
        *t += 5 * MS;
    }
    return g->spell;
}

static void test_spell_doubles_to_one_second(void)
{
    nn_load_guard g = warm_at(1.0);
    double t = 1.0 + 0.5 * MS;
    double s1 = slow_regions(&g, &t, 1), s2 = slow_regions(&g, &t, 1), s3 = slow_regions(&g, &t, 1);
    double s7 = slow_regions(&g, &t, 4), s8 = slow_regions(&g, &t, 1), s9 = slow_regions(&g, &t, 1);
    tap_ok(near(s1, 10 * MS) && near(s2, 20 * MS) && near(s3, 40 * MS) && near(s7, 640 * MS) && near(s8, 1.0)
           && near(s9, 1.0),
           "spells double while the load lasts: 10, 20, 40 ms ... 640 ms, then 1 s and no longer "
           "(%g %g %g %g %g %g)", s1, s2, s3, s7, s8, s9);
}

static void test_fast_region_does_not_shorten(void)
{
    nn_load_guard g = warm_at(1.0);
    double t = 1.0 + 0.5 * MS;
    slow_regions(&g, &t, 3);                                /* spells 10, 20, 40 ms */
    t = g.serial_until;
    region(&g, t, 10 * US, 10 * US);                        /* wakes the team */
    region(&g, t + 20 * US, 30 * US, 50 * US);              /* a fast region: the load paused */
    double next = slow_regions(&g, &t, 1);
    tap_ok(near(next, 80 * MS), "a fast region between spells does not shorten the next (%g, want 0.08)", next);
}

static void test_spells_forgotten(void)
{
    /* After spells of 10 and 20 ms, a slow region 1.99 s after the last spell ended is part
     * of the same load (40 ms); one 2.01 s after starts again from 10 ms. */
    double verdict[2];
    for (int i = 0; i < 2; i++) {
        nn_load_guard g = warm_at(1.0);
        double t = 1.0 + 0.5 * MS;
        slow_regions(&g, &t, 2);
        double start = g.serial_until + (i ? 2.01 : 1.99);
        region(&g, start - 20 * US, 10 * US, 10 * US);      /* wakes the team */
        region(&g, start, 5 * MS, 100 * US);
        verdict[i] = g.spell;
    }
    tap_ok(near(verdict[0], 40 * MS) && near(verdict[1], 10 * MS),
           "spells are forgotten 2 s after the last one ends: 1.99 s later 40 ms, 2.01 s later 10 ms (%g, %g)",
           verdict[0], verdict[1]);
}

static void test_team_asleep(void)
{
    /* The same slow region, opened 0.99 ms and 1.01 ms after the last one ended. */
    nn_load_guard g = warm_at(1.0), h = warm_at(1.0);
    int awake = region(&g, 1.0 + 0.99 * MS, 5 * MS, 100 * US);
    int asleep = region(&h, 1.0 + 1.01 * MS, 5 * MS, 100 * US);
    tap_ok(awake == 1 && asleep == -1,
           "a region 0.99 ms after the last is booked, one 1.01 ms after is not: its team slept (%d, %d)",
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
    test_spell_doubles_to_one_second();
    test_fast_region_does_not_shorten();
    test_spells_forgotten();
    test_team_asleep();
    test_fork_thresholds();
    return tap_done();
}
