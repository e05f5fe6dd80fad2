/* Graphviz DOT files, written node by node.
 *
 * A diagram is a directed graph of named nodes and edges. Names are chosen by the
 * caller from what the node is (layer and index, a variable's name), never from a
 * pointer, so the same program writes the same file and diagrams diff cleanly. Labels
 * are quoted and escaped here; a label written <...> is passed through as an HTML-like
 * label (for subscripts: <x<sub>1</sub>>). */
#include "nn_plot.h"

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

int nn_dot_open(nn_outfile *f, const char *path, const char *title, const char *graph_attrs,
                char *err, size_t err_len)
{
    if (nn_outfile_open(f, path, err, err_len) != 0) return -1;
    fputs("// ", f->fp);
    for (const char *c = title ? title : "diagram"; *c; c++) fputc(*c == '\n' ? ' ' : *c, f->fp);
    fputs("\n// Written by the chapter program; rendered by tools/render.sh (dot -Tsvg).\n", f->fp);
    fputs("digraph G {\n  graph [fontname=\"Helvetica\", fontsize=13, labelloc=t", f->fp);
    if (title) {
        fputs(", ", f->fp);
        dot_label(f->fp, title);
    }
    if (graph_attrs) fprintf(f->fp, ", %s", graph_attrs);
    fputs("];\n  node [fontname=\"Helvetica\", fontsize=12];\n  edge [fontname=\"Helvetica\", fontsize=10];\n", f->fp);
    return 0;
}

void nn_dot_node(nn_outfile *f, const char *name, const char *label, const char *attrs)
{
    check_name(name);
    fprintf(f->fp, "  %s", name);
    dot_attributes(f->fp, label, attrs);
    fputs(";\n", f->fp);
}

void nn_dot_edge(nn_outfile *f, const char *from, const char *to, const char *label,
                 const char *attrs)
{
    check_name(from);
    check_name(to);
    fprintf(f->fp, "  %s -> %s", from, to);
    dot_attributes(f->fp, label, attrs);
    fputs(";\n", f->fp);
}

void nn_dot_group_begin(nn_outfile *f, const char *name, const char *label, const char *attrs)
{
    check_name(name);
    fprintf(f->fp, "  subgraph cluster_%s {\n  ", name);
    if (label) {
        dot_label(f->fp, label);
        fputs(";", f->fp);
    }
    if (attrs) fprintf(f->fp, " %s;", attrs);
    fputc('\n', f->fp);
}

void nn_dot_group_end(nn_outfile *f)
{
    fputs("  }\n", f->fp);
}

/* Same rank (one column under rankdir=LR), and invisible edges between neighbours so
 * that dot keeps the given order instead of reordering to reduce crossings. */
void nn_dot_same_rank(nn_outfile *f, const char *const *names, int n)
{
    fputs("  { rank=same; ", f->fp);
    for (int i = 0; i < n; i++) {
        check_name(names[i]);
        fprintf(f->fp, "%s%s", i ? " -> " : "", names[i]);
    }
    fputs(n > 1 ? " [style=invis]; }\n" : "; }\n", f->fp);
}

int nn_dot_close(nn_outfile *f, char *err, size_t err_len)
{
    fputs("}\n", f->fp);
    return nn_outfile_commit(f, err, err_len);
}
