# regions.gp: 
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'regions'
load '../style.gp'
set title ''
set xlabel 'x1'
set ylabel 'x2'
eval size(1200, 680)
set multiplot layout 2,4 title 'Decision regions: one layer (top) and a two-hidden-layer tanh MLP (bottom)'
unset colorbox
set size ratio -1
set key off
set autoscale fix
set xtics 1
set ytics 1
set grid front
set cbrange [0:1]
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set title 'XOR, one layer'
plot 'regions_xor_grid.dat' using 1:2:3 with image notitle, \
     'regions_xor_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_xor_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1'
set cbrange [0:1]
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set title 'moons, one layer'
plot 'regions_moons_grid.dat' using 1:2:3 with image notitle, \
     'regions_moons_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_moons_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1'
set cbrange [0:1]
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set title 'circles, one layer'
plot 'regions_circles_grid.dat' using 1:2:3 with image notitle, \
     'regions_circles_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_circles_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1'
set cbrange [-0.5:2.5]
set palette maxcolors 3
set palette defined (0 '#bcd7ee', 1 '#f6c9a6', 2 '#c4e6c1')
set title 'spirals, one layer'
plot 'regions_spirals_grid.dat' using 1:2:3 with image notitle, \
     'regions_spirals_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_spirals_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1', \
     'regions_spirals_points.dat' using 1:($3 == 2 ? $2 : 1/0) with points ls 3 pt 7 ps 0.35 title 'class 2'
set cbrange [0:1]
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set title 'XOR, 2-16-16-1'
plot 'regions_xor_grid.dat' using 1:2:4 with image notitle, \
     'regions_xor_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_xor_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1'
set cbrange [0:1]
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set title 'moons, 2-16-16-1'
plot 'regions_moons_grid.dat' using 1:2:4 with image notitle, \
     'regions_moons_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_moons_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1'
set cbrange [0:1]
set palette defined (0 '#5e9fd3', 0.4999 '#e6f0f9', 0.5001 '#fbe9dc', 1 '#e58c4f')
set title 'circles, 2-16-16-1'
plot 'regions_circles_grid.dat' using 1:2:4 with image notitle, \
     'regions_circles_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_circles_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1'
set cbrange [-0.5:2.5]
set palette maxcolors 3
set palette defined (0 '#bcd7ee', 1 '#f6c9a6', 2 '#c4e6c1')
set title 'spirals, 2-32-32-3'
plot 'regions_spirals_grid.dat' using 1:2:4 with image notitle, \
     'regions_spirals_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.35 title 'class 0', \
     'regions_spirals_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 7 ps 0.35 title 'class 1', \
     'regions_spirals_points.dat' using 1:($3 == 2 ? $2 : 1/0) with points ls 3 pt 7 ps 0.35 title 'class 2'
unset multiplot
