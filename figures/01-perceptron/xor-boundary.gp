# xor-boundary.gp: XOR: the line keeps moving (the last epochs of training)
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'xor-boundary'
load '../style.gp'
set title 'XOR: the line keeps moving (the last epochs of training)'
set xlabel 'x_1'
set ylabel 'x_2'
set size ratio -1
set lmargin 0
set rmargin 0
set key below horizontal maxcols 2 width -6
set cblabel 'epoch'
set palette defined (0 '#d9d9d9', 1 '#d55e00')
plot 'xor-boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'after epoch e (colour)', \
     'xor.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 title 'class y = 0', \
     'xor.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 5 title 'class y = 1'
