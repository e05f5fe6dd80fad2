# The one look of every figure in the course; each chapter's .gp script loads it first
# (load '../style.gp', run from the chapter's figure directory by tools/render.sh).
#
# SVG without `mouse` (no JavaScript): the file is small and the same script renders to
# the same bytes. Colours are Okabe & Ito's palette (2008), distinguishable under the
# common forms of colour blindness; they are set both as line types 1..8 (what a plain
# `plot` uses, in order) and as line styles 1..8 (`ls N`). Points are filled circles,
# squares, triangles... so that curves stay apart in grey print too.
set terminal svg size 720,480 dynamic enhanced font 'Helvetica,13' linewidth 1.2 background '#ffffff'
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
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')
set style fill transparent solid 0.35 noborder

set border 3 lw 1 lc rgb '#333333'
set tics nomirror out scale 0.6
set grid back lw 0.8 lc rgb '#E0E0E0' dt solid
set key top right noopaque samplen 2.5 spacing 1.1
set title offset 0,-0.3
