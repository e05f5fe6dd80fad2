# threshold.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'threshold'
load '../style.gp'
set xlabel 'threshold on σ(z)'
eval size(800, 560)
set title "'Shirt' against the nine other classes, 10 000 validation images: the metrics against the threshold"
set key below horizontal maxcols 3
set yrange [0:1.02]
plot 'threshold.dat' using 1:2 with lines ls 7 title 'accuracy', \
     '' using 1:3 with lines ls 1 dt 2 title 'precision (0 when nothing is predicted positive)', \
     '' using 1:4 with lines ls 2 dt 4 title 'recall', \
     '' using 1:5 with lines ls 3 lw 3 title 'F1', \
     0.89769999999999994 with lines ls 7 dt 3 lw 1 title 'accuracy of always "negative"', \
     'chosen.dat' using 1:5 with points ls 3 pt 6 ps 2 title 'largest F1 (the threshold chosen)'
