# boundary.gp: Separable blobs: the line w·x + b = 0 after each update
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'boundary'
load '../style.gp'
set title 'Separable blobs: the line w·x + b = 0 after each update'
set xlabel 'x_1'
set ylabel 'x_2'
set size ratio -1
set lmargin 0
set rmargin 0
set key below horizontal maxcols 2 width -6
set cblabel 'update k'
set palette defined (0 '#d9d9d9', 1 '#0072b2')
plot 'boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'after update k (0: the random start)', \
     'boundary-final.dat' using 1:2 with lines ls 3 lw 3 title 'final line (an epoch without mistakes)', \
     'culprits.dat' using 1:2 with points ls 7 pt 6 ps 2 title 'example that caused update k', \
     'culprits.dat' using 1:2:3 with labels offset 1.2,0.8 notitle, \
     'truth.dat' using 1:2 with lines ls 7 dt 2 lw 2 title 'line the blobs were drawn around', \
     'blobs.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 title 'class y = 0', \
     'blobs.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 5 title 'class y = 1'
