/* libFuzzer target: the shared command line (lib/nn_cli.c) on arbitrary argument lists.
 * The input is split at NUL bytes into at most 30 arguments after the program name and
 * parsed against a chapter-like table (a flag of every kind, with and without ranges).
 * nn_cli_parse ends the program on --help (exit 0) and on a refusal (exit 2); here exit
 * is redirected to a longjmp back into the target, so that every input is one parse.
 * A parse that returns must have set every number inside its declared range and
 * --threads at most the processors; refusals and usage go to /dev/null (stdout is
 * closed by the runner's -close_fd_mask=1, stderr is redirected below). */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf back;
static FILE *quiet;     /* /dev/null, for nn_cli's messages */

#if defined(__GNUC__)
__attribute__((noreturn))
#endif
static void fuzz_exit(int status)
{
    (void)status;
    longjmp(back, 1);
}

#define exit(status) fuzz_exit(status)
#undef stderr
#define stderr quiet
#include "../../lib/nn_cli.c"
#undef exit
#undef stderr

enum { MAX_ARGS = 32 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    quiet = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
    /* the arguments, NUL-terminated copies */
    char *text = malloc(len + 1);
    if (!text) return 0;
    memcpy(text, bytes, len);
    text[len] = '\0';
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    argv[argc++] = "fuzz_cli";
    for (size_t i = 0; i <= len && argc < MAX_ARGS; ) {
        argv[argc++] = text + i;
        i += strlen(text + i) + 1;
    }
    argv[argc] = NULL;

    nn_common_flags common = nn_common_defaults("figures/00-fuzz");
    static volatile int epochs, batch;
    static volatile nn_real lr, margin;
    static const char *volatile name;
    static volatile bool verbose;
    epochs = 100; batch = 64; lr = 0.5; margin = 0.1; name = "xor"; verbose = false;
    nn_flag flags[] = {
        NN_FLAG_INT_RANGE("--epochs", (int *)&epochs, 1, 1000, "training epochs"),
        NN_FLAG_INT("--batch", (int *)&batch, "batch size"),
        NN_FLAG_REAL_RANGE("--lr", (nn_real *)&lr, 1e-6, 1, "learning rate"),
        NN_FLAG_REAL("--margin", (nn_real *)&margin, "margin"),
        NN_FLAG_STRING("--name", (const char **)&name, "data set"),
        NN_FLAG_BOOL("--verbose", (bool *)&verbose, "print every step"),
    };
    if (setjmp(back) == 0) {
        nn_cli_parse(argc, argv, "fuzz", &common, flags, (int)(sizeof flags / sizeof flags[0]));
        if (epochs < 1 || epochs > 1000 || !(lr >= 1e-6 && lr <= 1) || !isfinite(margin) ||
            common.threads < 0 || common.threads > nn_processors() || !name || !name[0] ||
            !common.out || !common.out[0])
            abort();
        /* a chapter's own refusal of a combination, as the chapters make it */
        if (verbose && nn_flag_given(&common, "--lr") && epochs > 500)
            nn_cli_refuse(&common, "--lr", "%g with %d epochs and --verbose", (double)lr, epochs);
    }
    /* the strict parsers alone, on the first argument */
    long v;
    double x;
    if (argc > 1) {
        if (nn_parse_int(argv[1], -5, 5, &v) == 0 && (v < -5 || v > 5)) abort();
        if (nn_parse_real(argv[1], &x) == 0 && !isfinite(x)) abort();
    }
    free(text);
    return 0;
}
