# paths.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'paths'
load '../style.gp'
set xlabel 'x'
set ylabel 'y'
eval size(1200, 440)
set multiplot layout 1,3 title 'Every optimiser from the same start (markers every steps/15 steps; grey contours of log_{10} of the value, 2 per decade)' margins 0.05, 0.99, 0.12, 0.86 spacing 0.08, 0
set title '(a) valley'
set xrange [-5:2]
set yrange [-3:4]
set contour base
set cntrparam levels incremental -3, 0.5, 6
unset surface
set view map
set table $contours0
splot 'paths_valley_grid.dat' using 1:2:3 with lines
unset table
unset contour
set surface
set size ratio -1
set key top left font ',10' samplen 1.5 spacing 0.9 opaque
plot $contours0 using 1:2 with lines lc rgb '#cccccc' lw 0.8 notitle, \
     'paths_valley.dat' every :::0::0 using 1:2 with lines ls 7 lw 1.5 notitle, \
     '' every 13::0:0::0 using 1:2 with points ls 7 ps 0.6 notitle, \
     keyentry with linespoints ls 7 title 'sgd', \
     'paths_valley.dat' every :::1::1 using 1:2 with lines ls 1 lw 1.5 notitle, \
     '' every 13::0:1::1 using 1:2 with points ls 1 ps 0.6 notitle, \
     keyentry with linespoints ls 1 title 'momentum', \
     'paths_valley.dat' every :::2::2 using 1:2 with lines ls 6 lw 1.5 notitle, \
     '' every 13::0:2::2 using 1:2 with points ls 6 ps 0.6 notitle, \
     keyentry with linespoints ls 6 title 'nesterov', \
     'paths_valley.dat' every :::3::3 using 1:2 with lines ls 3 lw 1.5 notitle, \
     '' every 13::0:3::3 using 1:2 with points ls 3 ps 0.6 notitle, \
     keyentry with linespoints ls 3 title 'adagrad', \
     'paths_valley.dat' every :::4::4 using 1:2 with lines ls 4 lw 1.5 notitle, \
     '' every 13::0:4::4 using 1:2 with points ls 4 ps 0.6 notitle, \
     keyentry with linespoints ls 4 title 'rmsprop', \
     'paths_valley.dat' every :::5::5 using 1:2 with lines ls 2 lw 1.5 notitle, \
     '' every 13::0:5::5 using 1:2 with points ls 2 ps 0.6 notitle, \
     keyentry with linespoints ls 2 title 'adam', \
     'paths_valley.dat' every :::9::9 using 1:2 with lines ls 5 lw 1.5 notitle, \
     '' every 13::0:9::9 using 1:2 with points ls 5 ps 0.6 notitle, \
     keyentry with linespoints ls 5 title 'nadam', \
     'paths_valley_minima.dat' using 1:2 with points pt 3 ps 2 lc rgb '#000000' title 'minimum', \
     'paths_valley_minima.dat' using 3:4 with points pt 65 ps 1.5 lc rgb '#000000' title 'start'
set title '(b) rosenbrock'
set xrange [-2:2]
set yrange [-1:3]
set contour base
set cntrparam levels incremental -3, 0.5, 6
unset surface
set view map
set table $contours1
splot 'paths_rosenbrock_grid.dat' using 1:2:3 with lines
unset table
unset contour
set surface
set size ratio -1
unset key
plot $contours1 using 1:2 with lines lc rgb '#cccccc' lw 0.8 notitle, \
     'paths_rosenbrock.dat' every :::0::0 using 1:2 with lines ls 7 lw 1.5 notitle, \
     '' every 33::0:0::0 using 1:2 with points ls 7 ps 0.6 notitle, \
     keyentry with linespoints ls 7 title 'sgd', \
     'paths_rosenbrock.dat' every :::1::1 using 1:2 with lines ls 1 lw 1.5 notitle, \
     '' every 33::0:1::1 using 1:2 with points ls 1 ps 0.6 notitle, \
     keyentry with linespoints ls 1 title 'momentum', \
     'paths_rosenbrock.dat' every :::2::2 using 1:2 with lines ls 6 lw 1.5 notitle, \
     '' every 33::0:2::2 using 1:2 with points ls 6 ps 0.6 notitle, \
     keyentry with linespoints ls 6 title 'nesterov', \
     'paths_rosenbrock.dat' every :::3::3 using 1:2 with lines ls 3 lw 1.5 notitle, \
     '' every 33::0:3::3 using 1:2 with points ls 3 ps 0.6 notitle, \
     keyentry with linespoints ls 3 title 'adagrad', \
     'paths_rosenbrock.dat' every :::4::4 using 1:2 with lines ls 4 lw 1.5 notitle, \
     '' every 33::0:4::4 using 1:2 with points ls 4 ps 0.6 notitle, \
     keyentry with linespoints ls 4 title 'rmsprop', \
     'paths_rosenbrock.dat' every :::5::5 using 1:2 with lines ls 2 lw 1.5 notitle, \
     '' every 33::0:5::5 using 1:2 with points ls 2 ps 0.6 notitle, \
     keyentry with linespoints ls 2 title 'adam', \
     'paths_rosenbrock.dat' every :::9::9 using 1:2 with lines ls 5 lw 1.5 notitle, \
     '' every 33::0:9::9 using 1:2 with points ls 5 ps 0.6 notitle, \
     keyentry with linespoints ls 5 title 'nadam', \
     'paths_rosenbrock_minima.dat' using 1:2 with points pt 3 ps 2 lc rgb '#000000' title 'minimum', \
     'paths_rosenbrock_minima.dat' using 3:4 with points pt 65 ps 1.5 lc rgb '#000000' title 'start'
set title '(c) himmelblau'
set xrange [-5:5]
set yrange [-5:5]
set contour base
set cntrparam levels incremental -3, 0.5, 6
unset surface
set view map
set table $contours2
splot 'paths_himmelblau_grid.dat' using 1:2:3 with lines
unset table
unset contour
set surface
set size ratio -1
unset key
plot $contours2 using 1:2 with lines lc rgb '#cccccc' lw 0.8 notitle, \
     'paths_himmelblau.dat' every :::0::0 using 1:2 with lines ls 7 lw 1.5 notitle, \
     '' every 33::0:0::0 using 1:2 with points ls 7 ps 0.6 notitle, \
     keyentry with linespoints ls 7 title 'sgd', \
     'paths_himmelblau.dat' every :::1::1 using 1:2 with lines ls 1 lw 1.5 notitle, \
     '' every 33::0:1::1 using 1:2 with points ls 1 ps 0.6 notitle, \
     keyentry with linespoints ls 1 title 'momentum', \
     'paths_himmelblau.dat' every :::2::2 using 1:2 with lines ls 6 lw 1.5 notitle, \
     '' every 33::0:2::2 using 1:2 with points ls 6 ps 0.6 notitle, \
     keyentry with linespoints ls 6 title 'nesterov', \
     'paths_himmelblau.dat' every :::3::3 using 1:2 with lines ls 3 lw 1.5 notitle, \
     '' every 33::0:3::3 using 1:2 with points ls 3 ps 0.6 notitle, \
     keyentry with linespoints ls 3 title 'adagrad', \
     'paths_himmelblau.dat' every :::4::4 using 1:2 with lines ls 4 lw 1.5 notitle, \
     '' every 33::0:4::4 using 1:2 with points ls 4 ps 0.6 notitle, \
     keyentry with linespoints ls 4 title 'rmsprop', \
     'paths_himmelblau.dat' every :::5::5 using 1:2 with lines ls 2 lw 1.5 notitle, \
     '' every 33::0:5::5 using 1:2 with points ls 2 ps 0.6 notitle, \
     keyentry with linespoints ls 2 title 'adam', \
     'paths_himmelblau.dat' every :::9::9 using 1:2 with lines ls 5 lw 1.5 notitle, \
     '' every 33::0:9::9 using 1:2 with points ls 5 ps 0.6 notitle, \
     keyentry with linespoints ls 5 title 'nadam', \
     'paths_himmelblau_minima.dat' using 1:2 with points pt 3 ps 2 lc rgb '#000000' title 'minimum', \
     'paths_himmelblau_minima.dat' using 3:4 with points pt 65 ps 1.5 lc rgb '#000000' title 'start'
unset multiplot
