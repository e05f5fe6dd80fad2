/* A network drawn from its own struct: the diagram cannot disagree with the code.
 *
 * Left to right: the inputs x_1..x_d, then each dense layer l = 1..L as a box holding its
 * units L<l>_1..L<l>_p, labelled with its width, its activation and the number of weights
 * W_l ∈ R^{p×d} brings (p·d, plus p biases), in a header node above the column
 * ("x_head", "L<l>_head"). Every weight is an edge from a unit of one
 * column to a unit of the next. A layer wider than max_drawn shows its first and last
 * units around one "⋮ n units" node (named x_more or L<l>_more); the edges to and from it
 * are dashed and stand for all the weights of the hidden units, and the bundle between two
 * columns of which one is collapsed is labelled with its count, "p × d = pd weights". */
#include "nn_dot.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DRAWN_LIMIT 64

/* The units drawn for a column of `width`: unit numbers from 1, and 0 for the ellipsis. */
static int drawn_units(int width, int max_drawn, int *ids)
{
    if (width <= max_drawn) {
        for (int j = 0; j < width; j++) ids[j] = j + 1;
        return width;
    }
    int head = (max_drawn - 1) / 2, tail = max_drawn - 1 - head, n = 0;
    for (int j = 1; j <= head; j++) ids[n++] = j;
    ids[n++] = 0;
    for (int j = width - tail + 1; j <= width; j++) ids[n++] = j;
    return n;
}

static const char *unit_name(char *buf, size_t len, int layer, int id)
{
    char prefix[16];
    if (layer == 0) snprintf(prefix, sizeof prefix, "x");
    else snprintf(prefix, sizeof prefix, "L%d", layer);
    if (id == 0) snprintf(buf, len, "%s_more", prefix);
    else snprintf(buf, len, "%s_%d", prefix, id);
    return buf;
}

/* One column: a header naming it, then its units top to bottom. (No DOT cluster: dot
 * reorders the units of a cluster under rankdir=LR; a plain rank keeps them in order.) */
static void draw_column(FILE *fp, int layer, int width, int max_drawn, const char *label,
                        const char *fill)
{
    int ids[MAX_DRAWN_LIMIT];
    int n = drawn_units(width, max_drawn, ids);
    char names[MAX_DRAWN_LIMIT + 1][32], text[64], attrs[128];
    const char *order[MAX_DRAWN_LIMIT + 1];
    snprintf(names[0], sizeof names[0], layer ? "L%d_head" : "x_head", layer);
    order[0] = names[0];
    nn_dot_node(fp, names[0], label, "shape=plaintext, fixedsize=false, fontsize=11");
    snprintf(attrs, sizeof attrs, "shape=circle, style=filled, fillcolor=\"%s\"", fill);
    for (int k = 0; k < n; k++) {
        const char *name = order[k + 1] = unit_name(names[k + 1], sizeof names[k + 1], layer, ids[k]);
        if (ids[k] == 0) {
            snprintf(text, sizeof text, "⋮\n%d %s", width - (n - 1), layer ? "units" : "inputs");
            nn_dot_node(fp, name, text, "shape=plaintext, fixedsize=false, fontsize=10");
        } else if (layer == 0) {
            snprintf(text, sizeof text, "<x<sub>%d</sub>>", ids[k]);
            nn_dot_node(fp, name, text, attrs);
        } else {
            nn_dot_node(fp, name, "", attrs);
        }
    }
    nn_dot_same_rank(fp, order, n + 1);
}

/* Every weight between two drawn columns: an edge per pair of drawn units. When a column
 * is collapsed, the edge through the middle of the bundle (from or to the "⋮" node) also
 * carries the count of weights the layer has, on a white ground over the crossing lines. */
static void draw_weights(FILE *fp, int layer, int width_in, int width_out, int max_drawn)
{
    int in_ids[MAX_DRAWN_LIMIT], out_ids[MAX_DRAWN_LIMIT];
    int n_in = drawn_units(width_in, max_drawn, in_ids);
    int n_out = drawn_units(width_out, max_drawn, out_ids);
    int collapsed = n_in < width_in || n_out < width_out;
    int mid_in = n_in / 2, mid_out = n_out / 2;        /* the ellipsis, when there is one */
    for (int a = 0; a < n_in; a++) if (in_ids[a] == 0) mid_in = a;
    for (int b = 0; b < n_out; b++) if (out_ids[b] == 0) mid_out = b;
    char from[32], to[32], attrs[256];
    for (int a = 0; a < n_in; a++)
        for (int b = 0; b < n_out; b++) {
            int many = in_ids[a] == 0 || out_ids[b] == 0;
            snprintf(attrs, sizeof attrs, "%s", many ? "style=dashed, color=\"#999999\"" : "color=\"#555555\"");
            if (collapsed && a == mid_in && b == mid_out)
                snprintf(attrs + strlen(attrs), sizeof attrs - strlen(attrs),
                         ", label=<<table border=\"0\" cellpadding=\"1\" bgcolor=\"white\"><tr><td>"
                         "%d × %d = %ld weights</td></tr></table>>, fontsize=10",
                         width_out, width_in, (long)width_in * width_out);
            nn_dot_edge(fp, unit_name(from, sizeof from, layer - 1, in_ids[a]),
                        unit_name(to, sizeof to, layer, out_ids[b]), NULL, attrs);
        }
}

void nn_dot_network(const nn_network *net, FILE *fp, const char *title, int max_drawn)
{
    if (max_drawn < 3 || max_drawn > MAX_DRAWN_LIMIT) {
        fprintf(stderr, "nn_dot_network: max_drawn = %d, must be in 3..%d\n", max_drawn,
                MAX_DRAWN_LIMIT);
        abort();
    }
    nn_dot_open(fp, title, "rankdir=LR, splines=line, nodesep=0.12, ranksep=1.4, ordering=out");
    /* circles wide enough for the widest input label, "x₇₈₄" */
    fputs("  node [width=0.55, fixedsize=true];\n  edge [arrowsize=0.4, penwidth=0.6];\n", fp);
    char label[160];
    snprintf(label, sizeof label, "input\n%d features", net->n_inputs);
    draw_column(fp, 0, net->n_inputs, max_drawn, label, "#D6EAF8");
    for (int l = 1; l <= net->n_layers; l++) {
        const nn_dense *layer = &net->layers[l - 1];
        if (layer->in != (l == 1 ? net->n_inputs : net->layers[l - 2].out)) {
            fprintf(stderr, "nn_dot_network: layer %d takes %d inputs, the previous column has %d\n",
                    l, layer->in, l == 1 ? net->n_inputs : net->layers[l - 2].out);
            abort();
        }
        snprintf(label, sizeof label, "layer %d (%s)\n%d × %s\n%ld weights + %d bias%s", l,
                 l == net->n_layers ? "output" : "hidden", layer->out,
                 nn_activation_name(layer->act.kind), (long)layer->in * layer->out, layer->out,
                 layer->out == 1 ? "" : "es");
        draw_column(fp, l, layer->out, max_drawn, label,
                    l == net->n_layers ? "#FAD7A0" : "#D5F5E3");
    }
    for (int l = 1; l <= net->n_layers; l++)
        draw_weights(fp, l, net->layers[l - 1].in, net->layers[l - 1].out, max_drawn);
    nn_dot_close(fp);
}
