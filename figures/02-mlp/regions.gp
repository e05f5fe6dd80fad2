# regions.gp: Decision regions: one layer against an MLP
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'regions'
load '../style.gp'
set title 'Decision regions: one layer against an MLP'
set xlabel 'x1'
set ylabel 'x2'
eval size(1100, 1900)
set multiplot title 'Decision regions of one layer (left) and of a two-hidden-layer tanh MLP (right); points: the training data, outlined in their class colour'
set size ratio -1
set autoscale fix
set grid front
set tics out
set key Left reverse samplen 1 spacing 1.2
row_height = 0.95 / 4
# XOR
top = 0.955 - 0 * row_height; bottom = top - row_height + 0.04
set tmargin at screen top - 0.02; set bmargin at screen bottom
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')
set palette maxcolors 0
set cbrange [0:1]
set cbtics 0.25
set cblabel 'p = σ(z), the predicted probability of class 1'
set lmargin at screen 0.08; set rmargin at screen 0.40
unset colorbox
set key off
set title 'XOR: one layer'
plot 'regions_xor_grid.dat' using 1:2:3 with image notitle, \
     'regions_xor_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_xor_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 notitle '0', \
     'regions_xor_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_xor_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 notitle '1'
set lmargin at screen 0.47; set rmargin at screen 0.79
set colorbox user origin screen 0.81, screen bottom + 0.02 size screen 0.015, screen (top - bottom) * 0.55
set key at screen 0.81, screen top left top
set title 'XOR: 2-16-16-1'
plot 'regions_xor_grid.dat' using 1:2:4 with image notitle, \
     'regions_xor_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_xor_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \
     'regions_xor_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_xor_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1'
# moons
top = 0.955 - 1 * row_height; bottom = top - row_height + 0.04
set tmargin at screen top - 0.02; set bmargin at screen bottom
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')
set palette maxcolors 0
set cbrange [0:1]
set cbtics 0.25
set cblabel 'p = σ(z), the predicted probability of class 1'
set lmargin at screen 0.08; set rmargin at screen 0.40
unset colorbox
set key off
set title 'moons: one layer'
plot 'regions_moons_grid.dat' using 1:2:3 with image notitle, \
     'regions_moons_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_moons_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 notitle '0', \
     'regions_moons_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_moons_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 notitle '1'
set lmargin at screen 0.47; set rmargin at screen 0.79
set colorbox user origin screen 0.81, screen bottom + 0.02 size screen 0.015, screen (top - bottom) * 0.55
set key at screen 0.81, screen top left top
set title 'moons: 2-16-16-1'
plot 'regions_moons_grid.dat' using 1:2:4 with image notitle, \
     'regions_moons_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_moons_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \
     'regions_moons_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_moons_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1'
# circles
top = 0.955 - 2 * row_height; bottom = top - row_height + 0.04
set tmargin at screen top - 0.02; set bmargin at screen bottom
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')
set palette maxcolors 0
set cbrange [0:1]
set cbtics 0.25
set cblabel 'p = σ(z), the predicted probability of class 1'
set lmargin at screen 0.08; set rmargin at screen 0.40
unset colorbox
set key off
set title 'circles: one layer'
plot 'regions_circles_grid.dat' using 1:2:3 with image notitle, \
     'regions_circles_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_circles_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 notitle '0', \
     'regions_circles_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_circles_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 notitle '1'
set lmargin at screen 0.47; set rmargin at screen 0.79
set colorbox user origin screen 0.81, screen bottom + 0.02 size screen 0.015, screen (top - bottom) * 0.55
set key at screen 0.81, screen top left top
set title 'circles: 2-16-16-1'
plot 'regions_circles_grid.dat' using 1:2:4 with image notitle, \
     'regions_circles_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_circles_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \
     'regions_circles_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_circles_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1'
# spirals
top = 0.955 - 3 * row_height; bottom = top - row_height + 0.04
set tmargin at screen top - 0.02; set bmargin at screen bottom
set palette defined (0 '#B5D3EA', 1 '#F2C3A3', 2 '#A8DCC9')
set palette maxcolors 3
set cbrange [-0.5:2.5]
set cbtics ('class 0' 0, 'class 1' 1, 'class 2' 2)
set cblabel 'predicted class'
set lmargin at screen 0.08; set rmargin at screen 0.40
unset colorbox
set key off
set title 'spirals: one layer'
plot 'regions_spirals_grid.dat' using 1:2:3 with image notitle, \
     'regions_spirals_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_spirals_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 notitle '0', \
     'regions_spirals_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_spirals_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 notitle '1', \
     'regions_spirals_points.dat' using 1:($3 == 2 ? $2 : 1/0) with points pt 9 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_spirals_points.dat' using 1:($3 == 2 ? $2 : 1/0) with points ls 3 pt 8 ps 0.75 lw 1.5 notitle '2'
set lmargin at screen 0.47; set rmargin at screen 0.79
set colorbox user origin screen 0.81, screen bottom + 0.02 size screen 0.015, screen (top - bottom) * 0.55
set key at screen 0.81, screen top left top
set title 'spirals: 2-32-32-3'
plot 'regions_spirals_grid.dat' using 1:2:4 with image notitle, \
     'regions_spirals_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_spirals_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \
     'regions_spirals_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_spirals_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1', \
     'regions_spirals_points.dat' using 1:($3 == 2 ? $2 : 1/0) with points pt 9 ps 0.75 lc rgb '#ffffff' notitle, \
     'regions_spirals_points.dat' using 1:($3 == 2 ? $2 : 1/0) with points ls 3 pt 8 ps 0.75 lw 1.5 title 'class 2'
unset multiplot
