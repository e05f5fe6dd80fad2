# bias-variance.gp: Bias and variance over training sets, against the width
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'bias-variance'
load '../style.gp'
set title 'Bias and variance over training sets, against the width'
set xlabel 'width w'
set ylabel 'squared error (mean over x in [-1, 1])'
eval size(900, 500)
set logscale y
set format y '10^{%L}'
set xrange [0:29]
set yrange [1e-5:1]
set key bottom right
plot 'bias-variance.dat' using 1:2 with linespoints ls 1 title 'bias^2', \
     '' using 1:3 with linespoints ls 2 title 'variance', \
     '' using 1:4 with lines ls 7 title 'bias^2 + variance = MSE to f', \
     '' using 1:7 with lines ls 5 title 'MSE + σ^2', \
     '' using 1:5 with points ls 6 pt 6 ps 0.8 title 'error on noisy targets (measured)', \
     'bias-variance-chosen.dat' using 1:2 with points ls 3 pt 6 ps 2.5 lw 2 title 'width chosen on validation'
