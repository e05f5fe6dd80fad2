# xor-boundary.gp: XOR: the line keeps moving (the last epochs of training)
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'xor-boundary'
load '../style.gp'
set title 'XOR: the line keeps moving (the last epochs of training)'
set xlabel 'x_1'
set ylabel 'x_2'
eval size(860, 560)
set size ratio -1
set key outside right top Left reverse width -2 spacing 1.3
set cblabel 'epoch e'
set colorbox user origin 0.66,0.1 size 0.02,0.35
set palette defined (0 '#c8c8c8', 1 '#000000')
plot 'xor-boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'line after epoch e (shade)', \
     'xor.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.8 title 'class y = 0', \
     'xor.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 5 ps 0.7 title 'class y = 1'
