# kink.gp: ReLU at z0 = 1e-6: a central difference wider than z0 straddles the kink
# Written by 03-backprop; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'kink'
load '../style.gp'
set title 'ReLU at z0 = 1e-6: a central difference wider than z0 straddles the kink'
set xlabel 'step h'
set ylabel '(relu(z0+h) − relu(z0−h)) / 2h'
set logscale x
set format x '10^{%T}'
set yrange [0:1.1]
set key bottom right
plot 'kink.dat' using 1:2 with linespoints ls 1 title 'central difference', \
     1 with lines ls 2 dt 2 title 'true derivative relu′(z0) = 1'
