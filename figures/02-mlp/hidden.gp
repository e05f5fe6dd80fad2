# hidden.gp: 
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'hidden'
load '../style.gp'
set title ''
set xlabel ''
set ylabel ''
eval size(1100, 540)
set multiplot layout 1,2 title 'XOR through a 2-2-1 tanh network: input plane (left), hidden layer h = tanh(W1 x + b1) (right)'
unset colorbox
set size ratio -1
set cbrange [0:1]
set autoscale fix
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set key off
set title 'input x: the network’s regions, grid lines'
set xlabel 'x1'
set ylabel 'x2'
plot 'hidden_input_grid.dat' using 1:2:3 with image, \
     'hidden_gridlines.dat' using 1:2 with lines lc rgb '#999999' lw 0.6, \
     'hidden_points.dat' using 1:($5 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.5, \
     'hidden_points.dat' using 1:($5 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.5
set title 'hidden h: the same points and grid lines; the output line w·h + b = 0'
set xlabel 'h1'
set ylabel 'h2'
set xrange [-1.1:1.1]
set yrange [-1.1:1.1]
plot 'hidden_space_grid.dat' using 1:2:3 with image, \
     'hidden_gridlines.dat' using 3:4 with lines lc rgb '#999999' lw 0.6, \
     'hidden_points.dat' using 3:($5 == 0 ? $4 : 1/0) with points ls 1 pt 7 ps 0.5, \
     'hidden_points.dat' using 3:($5 == 1 ? $4 : 1/0) with points ls 2 pt 7 ps 0.5, \
     'hidden_line.dat' using 1:2 with lines lc rgb '#000000' lw 1.5
unset multiplot
