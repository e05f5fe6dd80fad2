# capacity-fits.gp: 
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'capacity-fits'
load '../style.gp'
eval size(1100, 400)
set multiplot layout 1,3 title 'The fitted network at three widths (the same 30 training points)'
set xlabel 'x'
set ylabel 'y'
set yrange [-2.2:2.2]
set key bottom right
set title 'width 2: underfit'
plot 'capacity-fits.dat' using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)', \
     '' using 1:3 with lines ls 1 title 'network', \
     'capacity-train.dat' using 1:2 with points ls 7 pt 7 ps 0.5 title 'training set'
set title 'width 4: chosen on validation'
plot 'capacity-fits.dat' using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)', \
     '' using 1:4 with lines ls 2 title 'network', \
     'capacity-train.dat' using 1:2 with points ls 7 pt 7 ps 0.5 title 'training set'
set title 'width 29: interpolating'
plot 'capacity-fits.dat' using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)', \
     '' using 1:5 with lines ls 3 title 'network', \
     'capacity-train.dat' using 1:2 with points ls 7 pt 7 ps 0.5 title 'training set'
unset multiplot
