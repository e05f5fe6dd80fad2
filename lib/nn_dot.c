/* Graphviz DOT files, written node by node.
 *
 * A diagram is a directed graph of named nodes and edges. Names are chosen by the
 * caller from what the node is (layer and index, a variable's name), never from a
 * pointer, so the same program writes the same file and diagrams diff cleanly. Labels
 * are quoted and escaped here; a label written <...> is passed through as an HTML-like
 * label (for subscripts: <x<sub>1</sub>>). */
#include "nn_dot.h"
#include "nn_run.h"

#include <stdlib.h>
#include <string.h>

static void check_name(const char *name)
{
    if (!nn_is_word(name, "")) {
        fprintf(stderr, "nn_dot: node name '%s' must be a word of letters, digits and '_'\n", name);
        abort();
    }
}

/* label="..." with '"' and '\' escaped and newlines as \n; or label=<...> as given. */
static void dot_label(FILE *fp, const char *label)
{
    size_t len = strlen(label);
    if (len >= 2 && label[0] == '<' && label[len - 1] == '>') {
        fprintf(fp, "label=%s", label);
        return;
    }
    fputs("label=\"", fp);
    for (const char *c = label; *c; c++) {
        if (*c == '\n') fputs("\\n", fp);
        else {
            if (*c == '"' || *c == '\\') fputc('\\', fp);
            fputc(*c, fp);
        }
    }
    fputc('"', fp);
}

/* " [label=..., attrs]" or nothing. */
static void dot_attributes(FILE *fp, const char *label, const char *attrs)
{
    if (!label && !attrs) return;
    fputs(" [", fp);
    if (label) dot_label(fp, label);
    if (label && attrs) fputs(", ", fp);
    if (attrs) fputs(attrs, fp);
    fputc(']', fp);
}

void nn_dot_open(FILE *fp, const char *title, const char *graph_attrs)
{
    fputs("// ", fp);
    for (const char *c = title ? title : "diagram"; *c; c++) fputc(*c == '\n' ? ' ' : *c, fp);
    fputs("\n// Written by the chapter program; rendered by tools/render.sh (dot -Tsvg).\n", fp);
    fputs("digraph G {\n  graph [fontname=\"Helvetica\", fontsize=13, labelloc=t", fp);
    if (title) {
        fputs(", ", fp);
        dot_label(fp, title);
    }
    if (graph_attrs) fprintf(fp, ", %s", graph_attrs);
    fputs("];\n  node [fontname=\"Helvetica\", fontsize=12];\n  edge [fontname=\"Helvetica\", fontsize=10];\n", fp);
}

void nn_dot_node(FILE *fp, const char *name, const char *label, const char *attrs)
{
    check_name(name);
    fprintf(fp, "  %s", name);
    dot_attributes(fp, label, attrs);
    fputs(";\n", fp);
}

void nn_dot_edge(FILE *fp, const char *from, const char *to, const char *label,
                 const char *attrs)
{
    check_name(from);
    check_name(to);
    fprintf(fp, "  %s -> %s", from, to);
    dot_attributes(fp, label, attrs);
    fputs(";\n", fp);
}

void nn_dot_group_begin(FILE *fp, const char *name, const char *label, const char *attrs)
{
    check_name(name);
    fprintf(fp, "  subgraph cluster_%s {\n  ", name);
    if (label) {
        dot_label(fp, label);
        fputs(";", fp);
    }
    if (attrs) fprintf(fp, " %s;", attrs);
    fputc('\n', fp);
}

void nn_dot_group_end(FILE *fp)
{
    fputs("  }\n", fp);
}

/* Same rank (one column under rankdir=LR), and invisible edges between neighbours so
 * that dot keeps the given order instead of reordering to reduce crossings. */
void nn_dot_same_rank(FILE *fp, const char *const *names, int n)
{
    fputs("  { rank=same; ", fp);
    for (int i = 0; i < n; i++) {
        check_name(names[i]);
        fprintf(fp, "%s%s", i ? " -> " : "", names[i]);
    }
    fputs(n > 1 ? " [style=invis]; }\n" : "; }\n", fp);
}

void nn_dot_close(FILE *fp)
{
    fputs("}\n", fp);
}
