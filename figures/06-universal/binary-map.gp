# binary-map.gp: 
# Written by 06-universal; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'binary-map'
load '../style.gp'
eval size(1200, 440)
set multiplot layout 1,3 title 'Three corners of the square, labels ±1, interpolated exactly: the two networks agree on the square [−1, 1]², not outside it'
set size ratio -1
set xrange [-2:2]
set yrange [-2:2]
set xlabel 'x_1'
set ylabel 'x_2'
set palette defined (-3 '#08306B', -1 '#0072B2', 0 '#F7F7F7', 1 '#D55E00', 3 '#7F2704')
set cbrange [-3:3]
set cblabel 'network output'
set key off
unset grid
set object 1 rect from -1,-1 to 1,1 fs empty border rgb '#000000' dt 2 lw 1.5 front
points = "'binary-points.dat' using 1:2:(sprintf('y = %+g', $3)) with labels point pt 7 ps 1.2 lc rgb '#000000' offset 0,-1.1"
fourth = "'+' using (1):(1):('no data') every ::0::0 with labels point pt 6 ps 1.2 lc rgb '#000000' offset 0,1.1"
set title 'deep: Σ_i y_i ReLU(1 − ‖x − c_i‖_1), 16 neurons'
plot 'binary-map.dat' using 1:2:3 with image, @points, @fourth
set title 'one hidden layer: Σ_i y_i ReLU(c_i·x − 1), 4 neurons'
plot 'binary-map.dat' using 1:2:4 with image, @points, @fourth
set title 'deep − one hidden layer'
set cblabel 'difference of the outputs'
plot 'binary-map.dat' using 1:2:($3 - $4) with image, @points, @fourth
unset multiplot
