# fashion.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'fashion'
load '../style.gp'
eval size(1200, 440)
set multiplot layout 1,3 title 'Fashion-MNIST, 784-64-10 ReLU, 10000 training images, batches of 64: the same weights and batches for each optimiser (bands and bars: min to max over 5 seeds)'
set style fill transparent solid 0.2 noborder
set key top right font ',10'
set title '(a) training loss (mean over each epoch)'
set xlabel 'epoch'
set ylabel 'cross-entropy'
set xtics 1
plot for [k=0:2] 'fashion_epochs.dat' using 1:(column(3+3*k)):(column(4+3*k)) with filledcurves ls (k+1) notitle, \
     for [k=0:2] '' using 1:(column(2+3*k)) with linespoints ls (k+1) title word('sgd momentum adam', k+1)
set title '(b) validation accuracy (after each epoch)'
set ylabel 'fraction correct'
set key bottom right
plot for [k=0:2] 'fashion_epochs.dat' using 1:(column(12+3*k)):(column(13+3*k)) with filledcurves ls (k+1) notitle, \
     for [k=0:2] '' using 1:(column(11+3*k)) with linespoints ls (k+1) title word('sgd momentum adam', k+1)
set title '(c) test accuracy, each seed (read once)'
set xlabel 'optimiser'
set xtics ('sgd' 0, 'momentum' 1, 'adam' 2)
set xrange [-0.5:2.5]
set key off
plot 'fashion_test.dat' using ($1 + ($2 - 3) * 0.06):3:($1+1) with points pt 7 ps 1 lc variable notitle
unset multiplot
