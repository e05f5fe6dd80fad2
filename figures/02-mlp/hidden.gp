# hidden.gp: XOR through a 2-2-1 tanh network: the input plane and the hidden layer
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'hidden'
load '../style.gp'
set title 'XOR through a 2-2-1 tanh network: the input plane and the hidden layer'
eval size(1100, 560)
set multiplot layout 1,2 title 'XOR through a 2-2-1 tanh network: the input plane (left) and the hidden layer h = tanh(W₁x + b₁) (right)'
set size ratio -1
set autoscale fix
set cbrange [0:1]
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')
unset colorbox
set key below Left reverse samplen 1.5 maxrows 2 width -2
set title 'input x: the network’s p = σ(z), and grid lines'
set xlabel 'x_1'
set ylabel 'x_2'
plot 'hidden_input_grid.dat' using 1:2:3 with image notitle, \
     'hidden_gridlines.dat' using 1:2 with lines lc rgb '#404040' lw 0.8 title 'grid lines of the input plane', \
     'hidden_points.dat' using 1:($5 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'hidden_points.dat' using 1:($5 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \
     'hidden_points.dat' using 1:($5 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'hidden_points.dat' using 1:($5 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1'
set title 'hidden h: the same points and grid lines, and the output neuron’s line'
set xlabel 'h_1'
set ylabel 'h_2'
set xrange [-1.1:1.1]
set yrange [-1.1:1.1]
set colorbox
set cblabel 'p = σ(w·h + b): the network’s output, in both panels'
plot 'hidden_space_grid.dat' using 1:2:3 with image notitle, \
     'hidden_gridlines.dat' using 3:4 with lines lc rgb '#404040' lw 0.8 title 'the same grid lines, carried to h', \
     'hidden_line.dat' using 1:2 with lines lc rgb '#000000' lw 2 dt (8,4) title 'output line w·h + b = 0', \
     'hidden_points.dat' using 3:($5 == 0 ? $4 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'hidden_points.dat' using 3:($5 == 0 ? $4 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 notitle '0', \
     'hidden_points.dat' using 3:($5 == 1 ? $4 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'hidden_points.dat' using 3:($5 == 1 ? $4 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 notitle '1'
unset multiplot
