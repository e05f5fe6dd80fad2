# modes.gp: Cost of a full derivative: forward against reverse mode
# Written by 03-backprop; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'modes'
load '../style.gp'
set title 'Cost of a full derivative: forward against reverse mode'
set xlabel 'dimension d (inputs of f: R^d → R, outputs of g: R → R^d)'
set ylabel 'multiply-adds, counted on the tape'
set logscale xy 2
set key top left
plot 'modes.dat' using 1:2 with linespoints ls 1 title 'gradient of f, forward mode (d sweeps)', \
     'modes.dat' using 1:3 with linespoints ls 2 title 'gradient of f, reverse mode (1 sweep)', \
     'modes.dat' using 1:4 with linespoints ls 3 dt 2 title 'Jacobian of g, forward mode (1 sweep)', \
     'modes.dat' using 1:5 with linespoints ls 4 dt 2 title 'Jacobian of g, reverse mode (d sweeps)'
