# The one look of every figure in the course. Each chapter's .gp script sets `name` and
# loads this file first (name = 'errors'; load '../style.gp'), run from the chapter's
# figure directory by tools/render.sh.
#
# Where the figure goes. By default an SVG for the course, written to NAME.svg.tmp, which
# render.sh renames to NAME.svg once gnuplot has finished (a failed render never leaves a
# truncated SVG). For slides, render.sh passes -e "format='pdf'; outdir='DIR'" (or 'png'):
# the same script then draws at 16:9 slide size into DIR/NAME.pdf. A script never sets
# the terminal itself; a figure of several panels asks for its size with
#     eval size(1100, 440)
# which on slides keeps 16:9 and fits a figure of that shape into it.
#
# SVG without `mouse` (no JavaScript): the file is small and the same script renders to
# the same bytes. Colours are Okabe & Ito's palette (2008), distinguishable under the
# common forms of colour blindness; they are set both as line types 1..8 (what a plain
# `plot` uses, in order) and as line styles 1..8 (`ls N`). Points are filled circles,
# squares, triangles... so that curves stay apart in grey print too.
if (!exists("format")) format = 'svg'
if (!exists("outdir")) outdir = '.'
svg_terminal(w, h) = sprintf("set terminal svg size %d,%d dynamic enhanced font 'Helvetica,13' linewidth 1.2 background '#ffffff'", w, h)
if (format eq 'svg') {
    eval svg_terminal(720, 480)
    set output name.'.svg.tmp'
    size(w, h) = svg_terminal(w, h)
} else {
    # Slides: 16:9, and the figure's text, lines and points in the proportions of its SVG, so
    # that whatever fits in the SVG fits on the slide. The PDF page is the SVG's w x h (pixels
    # read as points) widened or heightened to 16:9; the PNG, 1920 x 1080, is the SVG enlarged
    # by s, as much as it can grow in that frame. Cairo draws a font of n points n·4/3 pixels
    # high (pango's 96 dpi), hence fontscale 0.75; a PDF line is 0.5 pt per unit of linewidth.
    slide_pdf(w, h) = sprintf("set terminal pdfcairo size %.3fin,%.3fin enhanced font 'Helvetica,13' fontscale 0.75 linewidth 2.4", \
        (w > h * 16 / 9.0 ? w : h * 16 / 9.0) / 72.0, (h > w * 9 / 16.0 ? h : w * 9 / 16.0) / 72.0)
    png_scale(w, h) = (1920.0 / w < 1080.0 / h) ? 1920.0 / w : 1080.0 / h
    slide_png(w, h) = sprintf("set terminal pngcairo size 1920,1080 enhanced font 'Helvetica,13' fontscale %.4f linewidth %.4f pointscale %.4f background '#ffffff'", \
        0.75 * png_scale(w, h), 1.2 * png_scale(w, h), png_scale(w, h))
    slide(w, h) = ((format eq 'pdf') ? slide_pdf(w, h) : slide_png(w, h)).sprintf("; set output '%s/%s.%s'", outdir, name, format)
    eval slide(720, 480)
    size(w, h) = slide(w, h)
}
set encoding utf8

# Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
set linetype 1 lc rgb '#0072B2' lw 2 pt 7  ps 0.6 dt solid
set linetype 2 lc rgb '#D55E00' lw 2 pt 5  ps 0.6 dt solid
set linetype 3 lc rgb '#009E73' lw 2 pt 9  ps 0.7 dt solid
set linetype 4 lc rgb '#CC79A7' lw 2 pt 11 ps 0.7 dt solid
set linetype 5 lc rgb '#E69F00' lw 2 pt 13 ps 0.7 dt solid
set linetype 6 lc rgb '#56B4E9' lw 2 pt 15 ps 0.7 dt solid
set linetype 7 lc rgb '#000000' lw 2 pt 6  ps 0.6 dt solid
set linetype 8 lc rgb '#F0E442' lw 2 pt 4  ps 0.6 dt solid
set linetype cycle 8
do for [i=1:8] { set style line i lt i }

# Two-class regions (decision boundaries): blue for class 0, vermillion for class 1,
# pale so that the data points drawn on top stay readable; a neutral middle.
# No global fill style: a translucent fill would also wash out the colour bar, which
# then no longer matches the cells it explains. A plot that wants a fill says so.
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')

set border 3 lw 1 lc rgb '#333333'
set tics nomirror out scale 0.6
set grid back lw 0.8 lc rgb '#E0E0E0' dt solid
set key top right noopaque samplen 2.5 spacing 1.1
set title offset 0,-0.3
