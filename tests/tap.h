/* tap.h: a small TAP producer for the test programs (header-only).
 *
 * Prints TAP that Debian 12's prove (Test::Harness 3.44) accepts: no version line
 * (prove 3.44 rejects "TAP version 14"). Usage:
 *
 *     tap_plan(3);
 *     tap_ok(err < 1e-10, "sigmoid backward vs dual numbers: max rel err %.1e", err);
 *     tap_diag("worst coordinate: %d", i);
 *     tap_skip(1, "needs double precision");
 *     return tap_done();
 *
 * tap_done() checks the plan against the number of points run and returns the exit
 * status: non-zero when any point failed or the count was off. */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_planned = -1, tap_run = 0, tap_failed = 0;
static const char *tap_todo_reason = NULL;

static void tap_plan(int n)
{
    tap_planned = n;
    printf("1..%d\n", n);
    fflush(stdout);
}

/* A test that only knows its count at the end skips tap_plan: tap_done() prints the plan. */

static void tap_vprint(const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    /* '#' would start a directive in a description: replace it. */
    for (char *c = line; *c; c++) if (*c == '#' || *c == '\n') *c = (*c == '#') ? '+' : ' ';
    fputs(line, stdout);
}

static int tap_ok(int pass, const char *fmt, ...)
{
    tap_run++;
    printf("%sok %d - ", pass ? "" : "not ", tap_run);
    va_list ap;
    va_start(ap, fmt);
    tap_vprint(fmt, ap);
    va_end(ap);
    if (tap_todo_reason) printf(" # TODO %s", tap_todo_reason);
    else if (!pass) tap_failed++;
    putchar('\n');
    fflush(stdout);
    return pass;
}

static void tap_diag(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* Diagnostics go to stdout as comments, so that prove -v shows them in place. */
    printf("# %s\n", line);
    fflush(stdout);
}

static void tap_skip(int n, const char *reason)
{
    for (int i = 0; i < n; i++) {
        tap_run++;
        printf("ok %d # SKIP %s\n", tap_run, reason);
    }
    fflush(stdout);
}

static void tap_todo(const char *reason) { tap_todo_reason = reason; }
static void tap_end_todo(void) { tap_todo_reason = NULL; }

static int tap_done(void)
{
    if (tap_planned < 0) {
        printf("1..%d\n", tap_run);
        tap_planned = tap_run;
    }
    if (tap_run != tap_planned) {
        tap_diag("planned %d tests but ran %d", tap_planned, tap_run);
        return 255;
    }
    if (tap_failed) tap_diag("failed %d of %d", tap_failed, tap_run);
    return tap_failed ? 1 : 0;
}


/* Silence unused-function warnings in tests that do not use every helper. */
static inline void tap_unused_(void)
{
    (void)tap_plan; (void)tap_ok; (void)tap_diag; (void)tap_skip; (void)tap_todo;
    (void)tap_end_todo; (void)tap_done; (void)tap_unused_;
}

#endif
