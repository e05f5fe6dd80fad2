# constant.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'constant'
load '../style.gp'
eval size(1200, 420)
set multiplot layout 1,5 title 'Fitting one number c to a skewed sample with outliers: L(c) under each loss, its minimum (circle), the mean (black dashes) and the median (black dots)'
unset key
mean = 1.6480171705346118; median = 1.0669428338162201
set xrange [0:3]
set xtics 1
set xlabel 'c'
set arrow 1 from first mean, graph 0 to first mean, graph 1 nohead ls 7 dt 2
set arrow 2 from first median, graph 0 to first median, graph 1 nohead ls 7 dt 3
set title 'squared error'
set ylabel 'L(c)'
plot 'constant.dat' using 1:2 with lines ls 1 notitle, \
     'constant-fits.dat' using ($1 == 1 ? $2 : 1/0):3 with points ls 7 pt 6 ps 1.6 notitle
set title 'absolute error'
set ylabel ''
plot 'constant.dat' using 1:3 with lines ls 2 notitle, \
     'constant-fits.dat' using ($1 == 2 ? $2 : 1/0):3 with points ls 7 pt 6 ps 1.6 notitle
set title 'Huber, δ = 0.5'
set ylabel ''
plot 'constant.dat' using 1:4 with lines ls 3 notitle, \
     'constant-fits.dat' using ($1 == 3 ? $2 : 1/0):3 with points ls 7 pt 6 ps 1.6 notitle
set title 'Huber, δ = 1'
set ylabel ''
plot 'constant.dat' using 1:5 with lines ls 4 notitle, \
     'constant-fits.dat' using ($1 == 4 ? $2 : 1/0):3 with points ls 7 pt 6 ps 1.6 notitle
set title 'Huber, δ = 2'
set ylabel ''
plot 'constant.dat' using 1:6 with lines ls 5 notitle, \
     'constant-fits.dat' using ($1 == 5 ? $2 : 1/0):3 with points ls 7 pt 6 ps 1.6 notitle
unset multiplot
