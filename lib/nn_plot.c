/* gnuplot scripts: the preamble every figure of the course starts with.
 *
 * The script is run by tools/render.sh inside the figure directory, so it names its
 * files relative to it: the shared style one level up (figures/style.gp), its data
 * beside it. It writes NAME.svg.tmp, which render.sh renames to NAME.svg once gnuplot
 * has finished: a failed render never leaves a truncated SVG in place of a good one. */
#include "nn_plot.h"

#include <string.h>

/* A gnuplot single-quoted string: no escapes except '' for a quote. */
static void gnuplot_string(FILE *fp, const char *s)
{
    fputc('\'', fp);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', fp);
        fputc(*s == '\n' ? ' ' : *s, fp);
    }
    fputc('\'', fp);
}

static void gnuplot_set(FILE *fp, const char *what, const char *value)
{
    if (!value) return;
    fprintf(fp, "set %s ", what);
    gnuplot_string(fp, value);
    fputc('\n', fp);
}

int nn_gnuplot_open(nn_outfile *f, const char *dir, const char *name, const char *title,
                    const char *xlabel, const char *ylabel, char *err, size_t err_len)
{
    char path[1024], file[256];
    snprintf(file, sizeof file, "%s.gp", name);
    if (nn_outfile_open(f, nn_path_join(path, sizeof path, dir, file), err, err_len) != 0)
        return -1;
    fprintf(f->fp, "# %s.gp: ", name);
    for (const char *c = title ? title : ""; *c; c++) fputc(*c == '\n' ? ' ' : *c, f->fp);
    fprintf(f->fp, "\n# Written by the chapter program; rendered by tools/render.sh (gnuplot, run in this directory).\n");
    fprintf(f->fp, "load '../style.gp'\n");
    fprintf(f->fp, "set output '%s.svg.tmp'\n", name);
    gnuplot_set(f->fp, "title", title);
    gnuplot_set(f->fp, "xlabel", xlabel);
    gnuplot_set(f->fp, "ylabel", ylabel);
    return 0;
}
