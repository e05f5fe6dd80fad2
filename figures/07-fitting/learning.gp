# learning.gp: Learning curves: error against the number of training examples
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'learning'
load '../style.gp'
set title 'Learning curves: error against the number of training examples'
set xlabel 'training examples n'
set ylabel 'mean squared error (median, middle half shaded)'
eval size(900, 500)
set logscale x
set xrange [3:250]
set yrange [0:0.8]
set key top right
plot 'learning.dat' index 0 using 1:5:7 with filledcurves fc ls 1 fs transparent solid 0.15 noborder notitle, \
     '' index 1 using 1:5:7 with filledcurves fc ls 2 fs transparent solid 0.15 noborder notitle, \
     '' index 0 using 1:6 with linespoints ls 1 title 'width 1 (a line), validation', \
     '' index 0 using 1:3 with linespoints ls 1 dt 2 title 'width 1 (a line), training', \
     '' index 1 using 1:6 with linespoints ls 2 title 'width 15, validation', \
     '' index 1 using 1:3 with linespoints ls 2 dt 2 title 'width 15, training', \
     '' index 1 using 1:8 with lines ls 7 dt 3 lw 1 title 'noise variance σ^2'
