# boundary.gp: Separable blobs: the line w·x + b = 0 after each update k
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'boundary'
load '../style.gp'
set title 'Separable blobs: the line w·x + b = 0 after each update k'
set xlabel 'x_1'
set ylabel 'x_2'
eval size(860, 560)
set size ratio -1
set key outside right top Left reverse width -2 spacing 1.3
set cblabel 'update k'
set cbtics 1
set colorbox user origin 0.66,0.1 size 0.02,0.35
set palette defined (0 '#c8c8c8', 1 '#000000')
set palette maxcolors 7
set cbrange [-0.5:6.5]
set style textbox opaque noborder
plot 'boundary.dat' using 1:2:3 with lines lc palette lw 1.5 title 'line after update k (0: the start)', \
     'boundary.dat' every ::0::0 using 1:2:(sprintf('%d', $3)) with labels left offset 0.4,0 font ',10' notitle, \
     'truth.dat' using 1:2 with lines ls 3 dt (8,4) lw 2 title 'line the blobs were drawn around', \
     'culprits.dat' using 1:2 with points pt 6 ps 2.4 lw 1.5 lc rgb '#000000' title 'example that caused update k', \
     'blobs.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.8 title 'class y = 0', \
     'blobs.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 5 ps 0.7 title 'class y = 1', \
     'culprits.dat' using 1:2:(sprintf('%d', $3)) with labels boxed offset 1.6,1.1 font ',11' notitle
