# loss-accuracy.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'loss-accuracy'
load '../style.gp'
eval size(1300, 440)
set multiplot layout 1,3 title 'Shirt vs T-shirt, a linear classifier on 150 images, 5 seeds: median (line), min-max over seeds (band), the lowest validation loss of each seed (circle)'
set xlabel 'epoch (log scale)'
set logscale x
set xrange [5:1000]
set title 'Losses'
set ylabel 'binary cross-entropy'
set yrange [0:*]
set key top left Left reverse
plot 'loss-accuracy.dat' using 1:2:4 with filledcurves lc rgb '#BBD8EE' notitle, \
     '' using 1:3 with lines ls 1 title 'validation loss', \
     '' using 1:8 with lines ls 7 dt 2 title 'training loss', \
     'loss-accuracy-parting.dat' using 2:3 with points ls 2 pt 6 ps 1.4 title 'lowest validation loss'
set title 'Validation accuracy'
set ylabel 'accuracy'
set yrange [*:*]
set key bottom right Left reverse font ',11'
plot 'loss-accuracy.dat' using 1:5:7 with filledcurves lc rgb '#BBE6D8' notitle, \
     '' using 1:6 with lines ls 3 title 'validation accuracy', \
     'loss-accuracy-parting.dat' using 2:4 with points ls 2 pt 6 ps 1.4 title 'at the lowest validation loss'
set title 'Why: the wrong answers grow confident (medians)'
set ylabel 'mean loss of a misclassified image'
set y2label '‖w‖'
set y2tics
set ytics nomirror
set yrange [0:*]
set y2range [0:*]
set key top left Left reverse
plot 'loss-accuracy.dat' using 1:9 with lines ls 2 title 'loss of a wrong answer (left)', \
     '' using 1:10 axes x1y2 with lines ls 4 dt 2 title '‖w‖ (right)'
unset multiplot
