# double-descent.gp: 
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'double-descent'
load '../style.gp'
eval size(1100, 460)
set multiplot layout 1,2 title 'Random ReLU features, minimum-norm least squares: n = 100 examples in d = 20 dimensions, median over 20 repetitions (band: middle half)'
set logscale xy
set format y '10^{%L}'
set xlabel 'features p'
set xrange [4:2500]
stats 'double-descent-n.dat' using 1 nooutput
set arrow 1 from STATS_max, graph 0 to STATS_max, graph 1 nohead ls 7 dt 2 lw 1
set label 1 'p = n' at STATS_max, graph 0.96 offset 0.6,0
set title 'test error'
set ylabel 'squared error on a new noisy label'
set key top right
plot 'double-descent.dat' index 2 using 1:3:5 with filledcurves fc ls 2 fs transparent solid 0.15 noborder notitle, \
     '' index 1 using 1:3:5 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' index 0 using 1:3:5 with filledcurves fc ls 3 fs transparent solid 0.2 noborder notitle, \
     '' index 2 using 1:4 with lines ls 2 title 'noise σ = 0.4', \
     '' index 1 using 1:4 with lines ls 1 title 'noise σ = 0.2', \
     '' index 0 using 1:4 with lines ls 3 title 'noise σ = 0'
set title 'training error, noise σ = 0.2'
set ylabel 'mean squared training residual'
set format y '10^{%L}'
set key right center
plot 'double-descent.dat' index 1 using 1:6:8 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' index 1 using 1:7 with linespoints ls 1 title 'training error (median, middle half)'
unset multiplot
