# weights.gp: First-layer weights of 16 hidden units, each row of W1 as a 28×28 image
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'weights'
load '../style.gp'
set title 'First-layer weights of 16 hidden units, each row of W1 as a 28×28 image'
set xlabel ''
set ylabel ''
eval size(640, 600)
set size ratio -1
unset xtics
unset ytics
set autoscale fix
set yrange [*:*] reverse
set cbrange [-1:1]
set cblabel 'w / max|w| (red +, blue −)'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b')
plot 'weights.dat' using 1:2:3 with image notitle
