/* A chapter's run (nn_run.h): results at full precision, tables, figure preambles, DOT
 * diagrams, and the promise that --out holds one complete run or the one before: files
 * appear only at nn_run_finish; a failure, a write error, a non-finite number, a signal
 * or an exit() leaves --out as it was; no symlink planted at a name is followed. The
 * failing runs are forked children, so that their exit can be observed. */
#include "nn.h"
#include "tap.h"
#include "test_files.h"

#include <errno.h>
#include <float.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

static char dir[64];

static char *in_dir(char *buf, const char *name)
{
    snprintf(buf, 1024, "%s/%s", dir, name);
    return buf;
}

static nn_common_flags flags_for(const char *out)
{
    static char *argv[] = { "test_run", "--margin", "1e300", NULL };
    nn_common_flags c = nn_common_defaults(out);
    c.quiet = true;
    c.argc = 3;
    c.argv = argv;
    return c;
}

/* Number of entries of a directory whose name starts with prefix ("" for all). */
static int count_entries(const char *path, const char *prefix)
{
    DIR *d = opendir(path);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !strncmp(e->d_name, prefix, strlen(prefix))) n++;
    if (d) closedir(d);
    return n;
}

/* Writes values with nn_result and reads each line back with strtod: the printed digits
 * must give back the very same number (NN_REAL_DIGITS significant digits). */
static void test_results(void)
{
    const double values[] = { 0.1, 1.0 / 3.0, -2.5e17, 1e-300, DBL_MIN, 3.141592653589793,
                              6.02214076e23, -0.0, 123456789.125 };
    const int n = (int)(sizeof values / sizeof values[0]);
    char out[1024], path[1024];
    nn_common_flags c = flags_for(in_dir(out, "results"));
    nn_run *run = nn_run_start("test_run", &c);
    for (int i = 0; i < n; i++) nn_result(run, (double)(nn_real)values[i], "value_%d", i);
    nn_result_int(run, -42, "epochs");
    nn_result_text(run, "leaky_relu", "act.%s", "name");
    int before = test_exists(in_dir(path, "results/results.txt"));
    int staged = count_entries(out, ".nn-run.");
    nn_run_finish(run);
    tap_ok(!before && staged == 1 && test_exists(path) && count_entries(out, "") == 1,
           "results.txt appears only at nn_run_finish; during the run --out holds one staging "
           "directory (%d), after it only results.txt (%d entries)", staged, count_entries(out, ""));

    char *text = test_read_file(path, NULL);
    int exact = text != NULL, lines = 0;
    char *save = NULL;
    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line && lines < n;
         line = strtok_r(NULL, "\n", &save), lines++) {
        char want_key[32];
        snprintf(want_key, sizeof want_key, "value_%d = ", lines);
        nn_real back = (nn_real)strtod(line + strlen(want_key), NULL), want = (nn_real)values[lines];
        exact &= strncmp(line, want_key, strlen(want_key)) == 0 && memcmp(&back, &want, sizeof back) == 0;
    }
    tap_ok(exact && lines == n, "results: %d reals read back bit for bit (%d digits, %s)", lines,
           NN_REAL_DIGITS, NN_REAL_NAME);
    free(text);
    text = test_read_file(path, NULL);
    tap_ok(text && strstr(text, "\nepochs = -42\nact.name = leaky_relu\n") != NULL,
           "results: 'key = value' for an integer and a text, keys formatted printf-style, in order");
    free(text);
}

static void test_tables_and_figures(void)
{
    char out[1024], path[1024];
    nn_common_flags c = flags_for(in_dir(out, "tables"));
    nn_run *run = nn_run_start("test_run", &c);
    nn_table *t = nn_table_open(run, "curve.dat", "epoch loss (the note is not a column)");
    nn_table_row(t, 1, 0.5);
    nn_table_row(t, 2, 0.25);
    nn_table_block(t);
    nn_table_row(t, 3, 1.0 / 3.0);
    nn_table *g = nn_table_open(run, "grid.dat", "x y");
    nn_table_digits(g, 3);
    nn_table_row(g, 1.0 / 3.0, 2.0 / 3.0);
    nn_real m[] = { 0, 1, 2, 3, 4, 5 };
    nn_run_table(run, "m.dat", "a b", nn_matrix_view(m, 3, 2), 2);
    FILE *gp = nn_figure(run, "loss", "Loss of the model's fit", "epoch", "loss (nats)");
    fprintf(gp, "plot 'curve.dat' using 1:2 with lines title 'training'\n");
    nn_run_finish(run);

    char *text = test_read_file(in_dir(path, "tables/curve.dat"), NULL);
#ifdef NN_REAL_FLOAT
    const char *third = "0.333333333";          /* NN_REAL_DIGITS = 9 */
#else
    const char *third = "0.33333333333333331";  /* NN_REAL_DIGITS = 17 */
#endif
    char want[160];
    snprintf(want, sizeof want, "# epoch loss (the note is not a column)\n1 0.5\n2 0.25\n\n3 %s\n", third);
    tap_ok(text && strcmp(text, want) == 0,
           "table: column line, rows at full precision, a blank line between blocks");
    if (text && strcmp(text, want) != 0) tap_diag("got:\n%s", text);
    free(text);
    text = test_read_file(in_dir(path, "tables/grid.dat"), NULL);
    char *mat = test_read_file(in_dir(path, "tables/m.dat"), NULL);
    tap_ok(text && strcmp(text, "# x y\n0.333 0.667\n") == 0 && mat &&
           strcmp(mat, "# a b\n0 1\n2 3\n\n4 5\n") == 0,
           "table: nn_table_digits(3) shortens a drawn-only grid; a matrix in blocks of 2 rows");
    free(text);
    free(mat);
    text = test_read_file(in_dir(path, "tables/loss.gp"), NULL);
    int good = text && strstr(text, "\nname = 'loss'\nload '../style.gp'\n") &&
               strstr(text, "\nset title 'Loss of the model''s fit'\n") &&
               strstr(text, "\nset xlabel 'epoch'\nset ylabel 'loss (nats)'\nplot 'curve.dat'");
    tap_ok(good, "figure preamble: name, the shared style, quoted title and axis labels, then the plot");
    if (!good && text) tap_diag("got:\n%s", text);
    free(text);

    if (system("command -v gnuplot >/dev/null 2>&1") != 0 || !test_exists("figures/style.gp")) {
        tap_skip(1, "gnuplot or figures/style.gp missing (run from the repository root)");
        return;
    }
    char cmd[4200];
    snprintf(cmd, sizeof cmd,
             "cp figures/style.gp '%s/style.gp' && cd '%s' && gnuplot loss.gp && mv loss.svg.tmp a.svg && "
             "gnuplot loss.gp && cmp -s a.svg loss.svg.tmp && grep -q '<svg' a.svg && ! grep -qi 'script' a.svg && "
             "mkdir -p slides && gnuplot -e \"format='pdf'; outdir='slides'\" loss.gp && "
             "head -c 5 slides/loss.pdf | grep -q '%%PDF'", dir, out);
    tap_ok(system(cmd) == 0, "figures/style.gp: the script renders to byte-identical SVG twice, with no "
                             "script; format='pdf' renders the same script as a slide");
}

/* A computation graph as chapter 3 draws it: two writes give the same bytes. */
static char *write_graph(const char *name)
{
    char path[1024];
    FILE *fp = fopen(in_dir(path, name), "w");
    if (!fp) return NULL;
    nn_dot_open(fp, "y = sin(x1) + x1 x2", "rankdir=LR");
    nn_dot_node(fp, "x1", "<x<sub>1</sub> = 2>", "shape=box");
    nn_dot_node(fp, "sin_1", "sin\n\"value\" 0.909", NULL);
    nn_dot_group_begin(fp, "ops", "operations", "style=rounded");
    nn_dot_node(fp, "add_1", "+", NULL);
    nn_dot_group_end(fp);
    nn_dot_edge(fp, "x1", "sin_1", "cos x1", "color=\"#0072B2\"");
    nn_dot_edge(fp, "sin_1", "add_1", NULL, NULL);
    nn_dot_close(fp);
    fclose(fp);
    return test_read_file(path, NULL);
}

static void test_dot_writer(void)
{
    char *a = write_graph("graph_a.dot"), *b = write_graph("graph_b.dot");
    int same = a && b && strcmp(a, b) == 0;
    int good = same && strstr(a, "digraph G {") && strstr(a, "label=\"y = sin(x1) + x1 x2\", rankdir=LR") &&
               strstr(a, "  x1 [label=<x<sub>1</sub> = 2>, shape=box];\n") &&
               strstr(a, "  sin_1 [label=\"sin\\n\\\"value\\\" 0.909\"];\n") &&
               strstr(a, "  subgraph cluster_ops {") &&
               strstr(a, "  x1 -> sin_1 [label=\"cos x1\", color=\"#0072B2\"];\n") &&
               strstr(a, "  sin_1 -> add_1;\n") && a[strlen(a) - 2] == '}';
    tap_ok(good, "DOT writer: escaped and HTML labels, cluster, edges; two writes byte-identical (%zu bytes)",
           a ? strlen(a) : (size_t)0);
    if (!good && a) tap_diag("got:\n%s", a);
    free(a);
    free(b);
}

/* A network struct built by hand: the diagram reads only the shapes and activations. */
static char *draw(int d, int p, int q, nn_activation_kind hidden, nn_activation_kind out,
                  const char *name)
{
    nn_dense layers[2];
    memset(layers, 0, sizeof layers);
    layers[0].in = d; layers[0].out = p; layers[0].act = nn_activation_make(hidden);
    layers[1].in = p; layers[1].out = q; layers[1].act = nn_activation_make(out);
    nn_network net;
    memset(&net, 0, sizeof net);
    net.n_inputs = d;
    net.n_layers = 2;
    net.layers = layers;
    char path[1024];
    FILE *fp = fopen(in_dir(path, name), "w");
    if (!fp) return NULL;
    nn_dot_network(&net, fp, "a network", 8);
    fclose(fp);
    return test_read_file(path, NULL);
}

/* Counts node declarations "  PREFIX... [label=" (column headers aside) and the
 * visible edges, dashed or not. */
static void count_lines(const char *text, const char *node_prefix, int *nodes, int *edges, int *dashed)
{
    *nodes = *edges = *dashed = 0;
    char line[512];
    for (const char *c = text; *c;) {
        const char *end = strchr(c, '\n');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), c);
        c += len + (end != NULL);
        if (strstr(line, " -> ")) {
            if (strstr(line, "style=invis")) continue;
            (*edges)++;
            *dashed += strstr(line, "style=dashed") != NULL;
        } else if (!strncmp(line, "  ", 2) && !strncmp(line + 2, node_prefix, strlen(node_prefix)) &&
                   strstr(line, " [label=") && !strstr(line, "_head")) {
            (*nodes)++;
        }
    }
}

static void test_dot_network(void)
{
    char *a = draw(2, 3, 1, NN_TANH, NN_SIGMOID, "net_a.dot"), *b = draw(2, 3, 1, NN_TANH, NN_SIGMOID, "net_b.dot");
    int nodes = 0, edges = 0, dashed = 0;
    if (a) count_lines(a, "", &nodes, &edges, &dashed);
    const char *names[] = { "\n  x_1 [", "\n  x_2 [", "\n  L1_1 [", "\n  L1_2 [", "\n  L1_3 [", "\n  L2_1 [",
                            "3 × tanh", "1 × sigmoid", "6 weights + 3 biases", "3 weights + 1 bias\"" };
    int named = 0;
    for (int i = 0; a && i < 10; i++) named += strstr(a, names[i]) != NULL;
    tap_ok(a && b && strcmp(a, b) == 0 && named == 10 && edges == 9 && dashed == 0,
           "DOT 2-3-1 network: nodes x_1 x_2 L1_1..L1_3 L2_1, activations named, %d weight edges (9), two writes identical",
           edges);
    free(a);
    free(b);

    a = draw(784, 100, 10, NN_RELU, NN_SOFTMAX, "net_big.dot");
    int x_nodes = 0, l1_nodes = 0, l2_nodes = 0;
    if (a) {
        count_lines(a, "x_", &x_nodes, &edges, &dashed);
        count_lines(a, "L1_", &l1_nodes, &edges, &dashed);
        count_lines(a, "L2_", &l2_nodes, &edges, &dashed);
    }
    /* 8 drawn per column (3 first, the ellipsis, 4 last): 8·8 edges per layer, of which
     * 8·8 − 7·7 = 15 touch an ellipsis and are dashed. */
    int good = a && x_nodes == 8 && l1_nodes == 8 && l2_nodes == 8 && edges == 128 && dashed == 30 &&
               strstr(a, "\n  x_3 [") && strstr(a, "\n  x_781 [") && !strstr(a, "\n  x_4 [") &&
               strstr(a, "x_more [label=\"⋮\\n777 inputs\"") && strstr(a, "L1_more [label=\"⋮\\n93 units\"") &&
               strstr(a, "78400 weights + 100 biases") && strstr(a, "10 × softmax") &&
               strstr(a, "100 × 784 = 78400 weights") && strstr(a, "10 × 100 = 1000 weights");
    tap_ok(good, "DOT 784-100-10 collapsed to 8 per column: %d/%d/%d nodes, %d edges (%d dashed), '777 inputs', '93 units', "
           "bundles labelled with their weight counts",
           x_nodes, l1_nodes, l2_nodes, edges, dashed);
    free(a);

    char cmd[1200], path[1024];
    if (system("command -v dot >/dev/null 2>&1") != 0) {
        tap_skip(1, "graphviz's dot is not installed");
        return;
    }
    /* Any message from dot (a warning exits 0) makes the output non-empty. */
    snprintf(cmd, sizeof cmd, "test -z \"$(dot -Tsvg '%s' 2>&1 >/dev/null; dot -Tsvg '%s/net_a.dot' 2>&1 >/dev/null)\"",
             in_dir(path, "net_big.dot"), dir);
    tap_ok(system(cmd) == 0, "dot -Tsvg renders both network diagrams without a warning or error");
}

/* ---- Runs that fail: each in a forked child ----------------------------------------- */

typedef enum { FAIL_CALL, NON_FINITE_RESULT, NON_FINITE_TABLE, WRITE_ERROR, SIGNAL, PLAIN_EXIT } failure;

/* Starts a run into out, writes results.txt and a table, then fails in the given way. */
static void failing_child(const char *out, failure how)
{
    nn_common_flags c = flags_for(out);
    nn_run *run = nn_run_start("test_run", &c);
    nn_result(run, 1.5, "first");
    nn_table *t = nn_table_open(run, "data.dat", "x loss");
    nn_table_row(t, 1, 2);
    switch (how) {
    case FAIL_CALL: nn_run_fail(run, 3, "refused: --lr 7 is too large; try --lr 0.1");
    case NON_FINITE_RESULT: nn_result(run, INFINITY, "blobs.gamma_%s", "plane"); break;
    case NON_FINITE_TABLE: nn_table_row(t, 2, NAN); break;
    case WRITE_ERROR: {
        /* A file-size limit makes write(2) fail with EFBIG (SIGXFSZ ignored): a full
         * disk without needing one. The buffer only reaches the file at fclose. */
        struct rlimit lim = { 4096, 4096 };
        signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &lim);
        for (int i = 0; i < 2000; i++) nn_table_row(t, i, i * 0.5);
        break;
    }
    case SIGNAL: raise(SIGTERM); break;
    case PLAIN_EXIT: exit(0);
    }
    exit(nn_run_finish(run));
}

/* Runs the child with stderr into a file; returns its wait status, the message in msg. */
static int run_child(const char *out, failure how, char *msg, size_t len)
{
    char err_path[1024];
    in_dir(err_path, "child.err");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(err_path, "w", stderr)) _exit(99);
        failing_child(out, how);
        _exit(98);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    char *text = test_read_file(err_path, NULL);
    snprintf(msg, len, "%s", text ? text : "");
    for (char *c = msg; *c; c++) if (*c == '\n') *c = ' ';
    free(text);
    return status;
}

/* An --out holding a previous run's results.txt; returns 1 if it is untouched afterwards
 * (same bytes, nothing else in the directory: no staging left, no data.dat). */
static void prepare_out(const char *out)
{
    mkdir(out, 0777);
    char path[1100];
    snprintf(path, sizeof path, "%s/results.txt", out);
    FILE *fp = fopen(path, "w");
    fputs("old = 1\n", fp);
    fclose(fp);
}

static int out_unchanged(const char *out)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/results.txt", out);
    char *text = test_read_file(path, NULL);
    int same = text && strcmp(text, "old = 1\n") == 0 && count_entries(out, "") == 1;
    free(text);
    return same;
}

static void test_failures(void)
{
    char out[1024], msg[2048];
    struct { failure how; const char *what; int want_signal, want_code; const char *words[3]; } cases[] = {
        { FAIL_CALL, "nn_run_fail", 0, 3, { "test_run: refused: --lr 7", NULL } },
        { NON_FINITE_RESULT, "an infinite result", 0, 1,
          { "result blobs.gamma_plane is inf", "flags given: --margin 1e300", NULL } },
        { NON_FINITE_TABLE, "a NaN in a table", 0, 1, { "data.dat: row 2, column loss is nan", "flags given", NULL } },
        { WRITE_ERROR, "a write error (file too large)", 0, 1, { "data.dat: writing failed", "File too large", NULL } },
        { SIGNAL, "SIGTERM mid-run", SIGTERM, 0, { NULL } },
        { PLAIN_EXIT, "exit() before nn_run_finish", 0, 0, { "stopped before the run finished", NULL } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "fail%zu", i);
        in_dir(out, name);
        prepare_out(out);
        int status = run_child(out, cases[i].how, msg, sizeof msg);
        int ended = cases[i].want_signal ? WIFSIGNALED(status) && WTERMSIG(status) == cases[i].want_signal
                                         : WIFEXITED(status) && WEXITSTATUS(status) == cases[i].want_code;
        int said = 1;
        for (int k = 0; k < 3 && cases[i].words[k]; k++) said &= strstr(msg, cases[i].words[k]) != NULL;
        tap_ok(ended && said && out_unchanged(out),
               "%s: %s, message names it, --out byte-for-byte as before and no staging left",
               cases[i].what, cases[i].want_signal ? "killed by the signal" : "the expected exit status");
        if (!(ended && said && out_unchanged(out))) tap_diag("status %d, stderr: %s", status, msg);
    }
}

/* A run into a directory that does not exist creates it; a failed one takes it back. */
static void test_created_out(void)
{
    char out[1024], msg[2048];
    in_dir(out, "new/deeper");
    int status = run_child(out, FAIL_CALL, msg, sizeof msg);
    char parent[1024];
    in_dir(parent, "new");
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 3 && !test_exists(out) && !test_exists(parent),
           "a failed run into a missing --out removes the directories it created");

    /* Ten new levels (a fixed list of 8 left the outer two behind), and a run that fails
     * in nn_run_start itself, on a name longer than a directory entry may be. */
    char name[400] = "deep/1/2/3/4/5/6/7/8/9/";
    size_t len = strlen(name);
    memset(name + len, 'x', 300);
    name[len + 300] = '\0';
    in_dir(out, name);
    status = run_child(out, FAIL_CALL, msg, sizeof msg);
    in_dir(parent, "deep");
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 1 && !test_exists(parent) &&
           strstr(msg, "cannot create directory") && strstr(msg, "--out"),
           "a run failing in nn_run_start on a 300-character name, 10 levels below what exists, "
           "removes all 10 directories it made and names --out");
    if (test_exists(parent)) tap_diag("left: %s; stderr: %s", parent, msg);
}

/* Symlinks at the final names, and a stale staging directory of a killed run. */
static void test_symlinks_and_stale(void)
{
    char out[1024], victim[1024], link_path[1100], stale[1100], stale_file[1200];
    in_dir(out, "links");
    mkdir(out, 0777);
    in_dir(victim, "victim.txt");
    FILE *fp = fopen(victim, "w");
    fputs("precious\n", fp);
    fclose(fp);
    snprintf(link_path, sizeof link_path, "%s/results.txt", out);
    symlink(victim, link_path);
    /* pid 2^22 + 1 is above Linux's largest pid: no such process. */
    snprintf(stale, sizeof stale, "%s/.nn-run.4194305.AbCdEf", out);
    mkdir(stale, 0700);
    snprintf(stale_file, sizeof stale_file, "%s/0", stale);
    fp = fopen(stale_file, "w");
    fclose(fp);

    nn_common_flags c = flags_for(out);
    nn_run *run = nn_run_start("test_run", &c);
    int stale_gone = !test_exists(stale);
    nn_result(run, 2, "x");
    nn_run_finish(run);
    char *v = test_read_file(victim, NULL);
    struct stat st;
    int replaced = lstat(link_path, &st) == 0 && S_ISREG(st.st_mode);
    tap_ok(v && strcmp(v, "precious\n") == 0 && replaced,
           "a symlink planted at results.txt is replaced, its target untouched");
    tap_ok(stale_gone, "the staging directory of a dead process is removed by the next run");
    free(v);
}

int main(void)
{
    tap_plan(21);
    test_tmpdir(dir, sizeof dir, "run");
    test_results();
    test_tables_and_figures();
    test_dot_writer();
    test_dot_network();
    test_failures();
    test_created_out();
    test_symlinks_and_stale();
    test_rmtree(dir);
    return tap_done();
}
