# margin-fit.gp: One line per margin loss, 4 mislabelled points far on the wrong side
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'margin-fit'
load '../style.gp'
set title 'One line per margin loss, 4 mislabelled points far on the wrong side'
set xlabel 'x_1'
set ylabel 'x_2'
eval size(960, 560)
set size ratio -1
set xrange [-4:3]
set yrange [-2.5:3]
set key outside right center Left reverse font ',11'
plot 'margin-points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 7 ps 0.5 title 'y = −1', \
     '' using 1:($3 == 1 && $4 == 0 ? $2 : 1/0) with points ls 2 pt 5 ps 0.5 title 'y = +1', \
     '' using 1:($4 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 1.4 title 'y = +1, mislabelled', \
     'margin-lines.dat' using 1:7 with lines ls 7 dt 2 title 'the line the blobs were drawn around', \
     '' using 1:2 with lines ls 3 title 'hinge', \
     '' using 1:3 with lines ls 4 dt 4 title 'squared hinge', \
     '' using 1:4 with lines ls 5 dt 5 title 'logistic', \
     '' using 1:5 with lines ls 6 lw 3 title 'exponential', \
     '' using 1:6 with lines lc rgb '#666666' dt 3 lw 3 title 'quadratic'
