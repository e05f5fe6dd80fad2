# line-fit.gp: A line fitted through 10 outliers: squared error, absolute error, Huber (δ = 1)
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'line-fit'
load '../style.gp'
set title 'A line fitted through 10 outliers: squared error, absolute error, Huber (δ = 1)'
set xlabel 'x'
set ylabel 'y'
set key top left
plot 'line-points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 7 pt 7 ps 0.5 title 'data', \
     'line-points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 7 pt 6 ps 1.2 title 'outliers (y + 6)', \
     'line-fits.dat' using 1:5 with lines ls 7 dt 2 lw 1.5 title 'the line the data were drawn from', \
     'line-fits.dat' using 1:2 with lines ls 2 title 'squared error', \
     'line-fits.dat' using 1:3 with lines ls 1 title 'absolute error', \
     'line-fits.dat' using 1:4 with lines ls 3 dt 4 title 'Huber, δ = 1'
