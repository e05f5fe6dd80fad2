# pr-roc.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'pr-roc'
load '../style.gp'
eval size(1100, 560)
set multiplot layout 1,2 title "'Shirt' against the rest, validation set (1023 positives of 10000): AUC = 0.9224"
set size ratio -1
set xrange [0:1]
set yrange [0:1]
set title 'Precision-recall curve'
set xlabel 'recall'
set ylabel 'precision'
set key below Left reverse
plot 'pr.dat' using 1:2 with lines ls 1 title 'lowering the threshold', \
     0.1023 with lines ls 7 dt 2 title 'a random ranking (precision = share of positives)', \
     'chosen.dat' using 3:4 with points ls 3 pt 6 ps 2 title 'largest F1'
set title 'ROC curve'
set xlabel 'false positive rate'
set ylabel 'true positive rate (recall)'
plot 'roc.dat' using 1:2 with lines ls 2 title 'lowering the threshold', \
     x with lines ls 7 dt 2 title 'a random ranking (AUC 1/2)', \
     'chosen.dat' using 2:3 with points ls 3 pt 6 ps 2 title 'largest F1'
unset multiplot
