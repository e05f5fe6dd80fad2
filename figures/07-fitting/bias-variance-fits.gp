# bias-variance-fits.gp: 
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'bias-variance-fits'
load '../style.gp'
eval size(1100, 400)
set multiplot layout 1,3 title 'The fits of 20 training sets (grey), their mean (colour) and f (dashed)'
set xlabel 'x'
set ylabel 'y'
set yrange [-2.2:2.2]
set key bottom right
set title 'width 2: high bias'
plot for [r=0:19] 'bias-variance-fits.dat' index 0 using 1:(column(r + 4)) with lines lc rgb '#B0B0B0' lw 0.7 notitle, \
     '' index 0 using 1:3 with lines ls 1 lw 2.5 title 'mean prediction', \
     '' index 0 using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)'
set title 'width 4: chosen'
plot for [r=0:19] 'bias-variance-fits.dat' index 1 using 1:(column(r + 4)) with lines lc rgb '#B0B0B0' lw 0.7 notitle, \
     '' index 1 using 1:3 with lines ls 2 lw 2.5 title 'mean prediction', \
     '' index 1 using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)'
set title 'width 29: high variance'
plot for [r=0:19] 'bias-variance-fits.dat' index 2 using 1:(column(r + 4)) with lines lc rgb '#B0B0B0' lw 0.7 notitle, \
     '' index 2 using 1:3 with lines ls 3 lw 2.5 title 'mean prediction', \
     '' index 2 using 1:2 with lines ls 7 lw 1.5 dt 2 title 'f(x)'
unset multiplot
