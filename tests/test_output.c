/* Output files: results at full precision, atomic commit and abort, data files, the
 * gnuplot preamble, DOT diagrams, and the errors of paths that cannot be written. */
#include "nn.h"
#include "tap.h"
#include "test_files.h"

#include <stdint.h>

static char dir[64];

static const char *in_dir(char *buf, const char *name)
{
    return nn_path_join(buf, 1024, dir, name);
}

/* Writes values with nn_results_real and reads each line back with strtod: the printed
 * digits must give back the very same number (NN_REAL_DIGITS significant digits). */
static void test_results(void)
{
    const double values[] = { 0.1, 1.0 / 3.0, -2.5e17, 1e-300, DBL_MIN, 3.141592653589793,
                              6.02214076e23, -0.0, 123456789.125 };
    const int n = (int)(sizeof values / sizeof values[0]);
    char path[1024], err[256], key[32];
    nn_results r;
    int opened = nn_results_open(&r, in_dir(path, "results.txt"), err, sizeof err) == 0;
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof key, "value_%d", i);
        /* In the float build the course's numbers are floats: round-trip those. */
        nn_results_real(&r, key, (double)(nn_real)values[i]);
    }
    nn_results_int(&r, "epochs", -42);
    nn_results_text(&r, "activation", "leaky_relu");
    int closed = opened && nn_results_close(&r, err, sizeof err) == 0;
    tap_ok(closed && test_exists(path), "results.txt written and committed");

    char *text = test_read_file(path, NULL);
    int exact = text != NULL, worst = -1, lines = 0;
    char *save = NULL;
    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line && lines < n;
         line = strtok_r(NULL, "\n", &save), lines++) {
        char want_key[32];
        snprintf(want_key, sizeof want_key, "value_%d = ", lines);
        nn_real back = (nn_real)strtod(line + strlen(want_key), NULL);
        nn_real want = (nn_real)values[lines];
        int same = strncmp(line, want_key, strlen(want_key)) == 0 &&
                   memcmp(&back, &want, sizeof back) == 0;
        if (!same && worst < 0) worst = lines;
        exact &= same;
    }
    tap_ok(exact && lines == n, "results: %d reals read back bit for bit (%d digits, %s)", lines,
           NN_REAL_DIGITS, NN_REAL_NAME);
    if (worst >= 0) tap_diag("first mismatch at value_%d", worst);
    free(text);
    text = test_read_file(path, NULL);
    tap_ok(text && strstr(text, "\nepochs = -42\nactivation = leaky_relu\n") != NULL,
           "results: 'key = value' lines for an integer and a text, in the order written");
    free(text);
}

static void test_atomic(void)
{
    char path[1024], tmp[1040], err[256];
    nn_outfile f;
    int ok = nn_outfile_open(&f, in_dir(path, "atomic.txt"), err, sizeof err) == 0;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    fprintf(f.fp, "half");
    int during = test_exists(tmp) && !test_exists(path);
    ok &= nn_outfile_commit(&f, err, sizeof err) == 0;
    tap_ok(ok && during && test_exists(path) && !test_exists(tmp),
           "atomic write: only NAME.tmp exists while writing; after commit NAME exists, NAME.tmp is gone");

    ok = nn_outfile_open(&f, in_dir(path, "aborted.txt"), err, sizeof err) == 0;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    fprintf(f.fp, "never seen");
    nn_outfile_abort(&f);
    tap_ok(ok && !test_exists(path) && !test_exists(tmp), "abort leaves neither NAME nor NAME.tmp");
}

static void test_datafile(void)
{
    char path[1024], err[256];
    nn_real numbers[] = { 1, NN_R(0.5), NN_R(-0.25), 2, NN_R(1e-7), NN_R(3.5) };
    nn_matrix m = nn_matrix_view(numbers, 3, 2);
    int ok = nn_write_datafile(in_dir(path, "loss.dat"), "epoch loss", m, err, sizeof err) == 0;
    char *text = test_read_file(path, NULL);
    const char *want = NN_REAL_DIGITS == 17
        ? "# epoch loss\n1 0.5\n-0.25 2\n9.9999999999999995e-08 3.5\n"
        : "# epoch loss\n1 0.5\n-0.25 2\n1.00000001e-07 3.5\n";
    tap_ok(ok && text && strcmp(text, want) == 0,
           "datafile: a comment header naming the columns, one row per line, %d significant digits", NN_REAL_DIGITS);
    if (text && strcmp(text, want) != 0) tap_diag("got:\n%s", text);
    free(text);

    ok = nn_write_grid_datafile(in_dir(path, "grid.dat"), "x y", m, 2, err, sizeof err) == 0;
    text = test_read_file(path, NULL);
    tap_ok(ok && text && strstr(text, "-0.25 2\n\n") != NULL,
           "grid datafile: a blank line after every 2 rows (gnuplot's grid layout)");
    free(text);
}

static void test_gnuplot(void)
{
    char err[256];
    nn_outfile f;
    int ok = nn_gnuplot_open(&f, dir, "loss", "Loss of the model's fit", "epoch",
                             "loss (nats)", err, sizeof err) == 0;
    if (ok) fprintf(f.fp, "plot 'loss.dat' using 1:2 with lines title 'training'\n");
    ok &= ok && nn_outfile_commit(&f, err, sizeof err) == 0;
    char path[1024];
    char *text = test_read_file(in_dir(path, "loss.gp"), NULL);
    int good = ok && text && strstr(text, "\nload '../style.gp'\nset output 'loss.svg.tmp'\n") &&
               strstr(text, "\nset title 'Loss of the model''s fit'\n") &&
               strstr(text, "\nset xlabel 'epoch'\nset ylabel 'loss (nats)'\nplot 'loss.dat'");
    tap_ok(good, "gnuplot preamble: loads ../style.gp, writes NAME.svg.tmp, quoted title and axis labels");
    if (!good && text) tap_diag("got:\n%s", text);
    free(text);
}

/* The shared style renders a script to the same bytes twice (no timestamps, no
 * JavaScript): committed SVGs then change only when a figure does. */
static void test_style_deterministic(void)
{
    if (system("command -v gnuplot >/dev/null 2>&1") != 0 || !test_exists("figures/style.gp")) {
        tap_skip(1, "gnuplot or figures/style.gp missing (run from the repository root)");
        return;
    }
    char path[1024], err[256], cmd[4200];
    nn_real xy[] = { 0, 0, 1, 1, 2, 4, 3, 9 };
    nn_make_dirs(in_dir(path, "fig"), err, sizeof err);
    nn_write_datafile(in_dir(path, "fig/sq.dat"), "x y", nn_matrix_view(xy, 4, 2), err, sizeof err);
    nn_outfile f;
    int ok = nn_gnuplot_open(&f, in_dir(path, "fig"), "sq", "Squares", "x", "x^2", err, sizeof err) == 0;
    if (ok) fprintf(f.fp, "plot 'sq.dat' using 1:2 with linespoints title 'x^2', x title 'x'\n");
    ok = ok && nn_outfile_commit(&f, err, sizeof err) == 0;
    snprintf(cmd, sizeof cmd,
             "cp figures/style.gp '%s/style.gp' && cd '%s/fig' && gnuplot sq.gp && mv sq.svg.tmp a.svg && "
             "gnuplot sq.gp && cmp -s a.svg sq.svg.tmp && grep -q '<svg' a.svg && ! grep -qi 'script' a.svg",
             dir, dir);
    ok = ok && system(cmd) == 0;
    size_t len = 0;
    free(test_read_file(in_dir(path, "fig/a.svg"), &len));
    tap_ok(ok, "figures/style.gp: the same script renders to byte-identical SVG twice, no script (%zu bytes)", len);
}

/* A scalar computation graph as chapter 3 draws it: two writes give the same bytes. */
static char *write_graph(const char *name)
{
    char path[1024], err[256];
    nn_outfile f;
    if (nn_dot_open(&f, in_dir(path, name), "y = sin(x1) + x1 x2", "rankdir=LR", err, sizeof err))
        return NULL;
    nn_dot_node(&f, "x1", "<x<sub>1</sub> = 2>", "shape=box");
    nn_dot_node(&f, "sin_1", "sin\n\"value\" 0.909", NULL);
    nn_dot_group_begin(&f, "ops", "operations", "style=rounded");
    nn_dot_node(&f, "add_1", "+", NULL);
    nn_dot_group_end(&f);
    nn_dot_edge(&f, "x1", "sin_1", "cos x1", "color=\"#0072B2\"");
    nn_dot_edge(&f, "sin_1", "add_1", NULL, NULL);
    if (nn_dot_close(&f, err, sizeof err)) return NULL;
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
    char path[1024], err[256];
    if (nn_dot_network(&net, in_dir(path, name), "a network", 8, err, sizeof err) != 0) return NULL;
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
               strstr(a, "78400 weights + 100 biases") && strstr(a, "10 × softmax");
    tap_ok(good, "DOT 784-100-10 collapsed to 8 per column: %d/%d/%d nodes, %d edges (%d dashed), '777 inputs', '93 units'",
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

static void test_errors(void)
{
    char err[256] = "", path[1024];
    nn_outfile f;
    int r = nn_outfile_open(&f, "/nonexistent-nncourse-dir/results.txt", err, sizeof err);
    tap_ok(r == -1 && strstr(err, "/nonexistent-nncourse-dir/results.txt: cannot create") &&
           strstr(err, "No such file or directory"),
           "unwritable path: -1 and '%s'", err);

    /* A directory cannot be made below a regular file. */
    in_dir(path, "atomic.txt/sub/dir");
    r = nn_make_dirs(path, err, sizeof err);
    tap_ok(r == -1 && strstr(err, "atomic.txt") && strstr(err, "is not a directory"),
           "mkdir -p through a file: -1 and '%s'", err);

    in_dir(path, "a/b/c");
    r = nn_make_dirs(path, err, sizeof err);
    int again = nn_make_dirs(path, err, sizeof err);
    struct stat st;
    tap_ok(r == 0 && again == 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode),
           "mkdir -p creates a/b/c and accepts it when it exists");

    /* A full disk shows only when the buffer is flushed: commit must catch it at fclose
     * and leave no file behind. NAME.tmp is made a link to /dev/full. */
    char tmp[1040];
    in_dir(path, "full.txt");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!test_exists("/dev/full") || symlink("/dev/full", tmp) != 0) {
        tap_skip(1, "no /dev/full to simulate a full disk");
        return;
    }
    r = nn_outfile_open(&f, path, err, sizeof err);
    if (r == 0) {
        fprintf(f.fp, "some text that only reaches the disk at fclose\n");
        r = nn_outfile_commit(&f, err, sizeof err);
    }
    tap_ok(r == -1 && strstr(err, "No space left on device") && !test_exists(path) && !test_exists(tmp),
           "full disk: commit fails at fclose, no file left: '%s'", err);
}

int main(void)
{
    tap_plan(17);
    test_tmpdir(dir, sizeof dir, "output");
    test_results();
    test_atomic();
    test_datafile();
    test_gnuplot();
    test_style_deterministic();
    test_dot_writer();
    test_dot_network();
    test_errors();
    test_rmtree(dir);
    return tap_done();
}
