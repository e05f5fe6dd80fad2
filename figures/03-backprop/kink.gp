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
set key bottom left
set arrow from 1e-06, graph 0 to 1e-06, graph 1 nohead dt 3 lc rgb '#777777'
set label 'h = z0' at 1e-06, graph 0.3 left offset 0.5,0 textcolor rgb '#555555'
plot 1 with lines ls 2 lw 4 dt 1 title 'true derivative relu′(z0) = 1', \
     'kink.dat' using 1:3 with lines ls 7 dt 2 title 'model: 1 while h ≤ z0, then 1/2 + z0/(2h)', \
     'kink.dat' using 1:2 with points ls 1 pt 7 title 'central difference, measured'
