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
# which is a no-op on slides (they keep 16:9).
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
    if (format eq 'pdf') {
        set terminal pdfcairo size 16cm,9cm enhanced font 'Helvetica,9' linewidth 1.2
    } else {
        set terminal pngcairo size 1920,1080 enhanced font 'Helvetica,24' linewidth 2.4 background '#ffffff'
    }
    set output outdir.'/'.name.'.'.format
    size(w, h) = '# slides keep 16:9'
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
