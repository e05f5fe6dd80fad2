# capacity.gp: Training and validation error against the width (bands: middle half of the data sets)
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'capacity'
load '../style.gp'
set title 'Training and validation error against the width (bands: middle half of the data sets)'
set xlabel 'width w (hidden units; w + 1 parameters fitted)'
set ylabel 'mean squared error'
eval size(900, 500)
set xrange [0:30]
set yrange [0:*]
set key top right
plot 'capacity-spread.dat' using 1:2:4 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' using 1:5:7 with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \
     'capacity.dat' using 1:2 with linespoints ls 1 title 'training (nested widths)', \
     '' using 1:3 with linespoints ls 2 title 'validation', \
     '' using 1:4 with lines ls 5 dt 2 title 'training, knots drawn afresh at each width', \
     'capacity-chosen.dat' using 1:2 with points ls 3 pt 6 ps 2.5 lw 2 title 'chosen on validation', \
     'capacity.dat' using 1:5 with lines ls 7 dt 3 lw 1 title 'noise variance σ^2'
