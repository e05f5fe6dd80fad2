/* Timing, medians and the key = value summary of the benchmark. */
#include "bench.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void bench_quiesce(int threads)
{
    if (threads < 2) return;
    struct timespec pause = { 0, 200000000 };   /* 0.2 s */
    nanosleep(&pause, NULL);
}

double bench_loadavg(void)
{
    double load = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) { if (fscanf(f, "%lf", &load) != 1) load = -1; fclose(f); }
    return load;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

bench_stat bench_stats(const double *x, int n)
{
    double sorted[256];
    if (n > 256) n = 256;
    memcpy(sorted, x, (size_t)n * sizeof *x);
    qsort(sorted, (size_t)n, sizeof *sorted, compare_doubles);
    bench_stat s = { n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]),
                     sorted[0], sorted[n - 1] };
    return s;
}

#define MAX_RESULTS 384
static char result_keys[MAX_RESULTS][96];
static double result_values[MAX_RESULTS];
static char result_texts[MAX_RESULTS][64];      /* non-empty: a word, not a number */
static int result_count;

static int next_result(void)
{
    if (result_count == MAX_RESULTS) { fprintf(stderr, "bench: more than %d results\n", MAX_RESULTS); exit(2); }
    result_texts[result_count][0] = '\0';
    return result_count++;
}

void bench_result(const char *key_fmt, double value, ...)
{
    int i = next_result();
    va_list ap;
    va_start(ap, value);
    vsnprintf(result_keys[i], sizeof result_keys[0], key_fmt, ap);
    va_end(ap);
    result_values[i] = value;
}

void bench_result_text(const char *key, const char *text)
{
    int i = next_result();
    snprintf(result_keys[i], sizeof result_keys[0], "%s", key);
    snprintf(result_texts[i], sizeof result_texts[0], "%s", text);
    result_values[i] = -1;
}

int bench_result_count(void) { return result_count; }
const char *bench_result_key(int i) { return result_keys[i]; }
const char *bench_result_text_value(const char *key)
{
    for (int i = 0; i < result_count; i++) if (!strcmp(result_keys[i], key)) return result_texts[i];
    return "";
}

/* Adds a key = value file's lines (bench.sh's kernel probe and course timing, PyTorch's
 * figures) to the summary: a value that reads as a number stays one, anything else is a
 * word; what follows the value on its line (a spread) is left out. */
int bench_import(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return -1; }
    char line[512], key[96], value[64];
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%95s = %63s", key, value) != 2) continue;
        char *end;
        double x = strtod(value, &end);
        if (end != value && *end == '\0') bench_result("%s", x, key);
        else bench_result_text(key, value);
    }
    fclose(f);
    return 0;
}

double bench_result_value(const char *key)
{
    for (int i = 0; i < result_count; i++) if (!strcmp(result_keys[i], key)) return result_values[i];
    return -1;
}

static void results_to(FILE *f)
{
    for (int i = 0; i < result_count; i++) {
        if (result_texts[i][0]) fprintf(f, "%s = %s\n", result_keys[i], result_texts[i]);
        else fprintf(f, "%s = %.4g\n", result_keys[i], result_values[i]);
    }
}

void bench_results_print(void) { results_to(stdout); }

int bench_results_write(const char *path)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) { perror(tmp); return -1; }
    results_to(f);
    if (fclose(f) != 0 || rename(tmp, path) != 0) { perror(path); remove(tmp); return -1; }
    return 0;
}
