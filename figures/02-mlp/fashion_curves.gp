# fashion_curves.gp: Fashion-MNIST, 784-100-10 ReLU, Adam: loss and accuracy per epoch
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'fashion_curves'
load '../style.gp'
set title 'Fashion-MNIST, 784-100-10 ReLU, Adam: loss and accuracy per epoch'
set xlabel 'epoch'
eval size(1000, 440)
set multiplot layout 1,2 title 'Fashion-MNIST, 784-100-10 ReLU, Adam: loss and accuracy per epoch'
set title 'loss (softmax cross-entropy)'
set ylabel 'mean loss'
set key top right
plot 'fashion_epochs.dat' using 1:2 with linespoints ls 1 title 'training (mean over the epoch)', \
     '' using 1:4 with linespoints ls 2 title 'test (after the epoch)'
set title 'accuracy'
set ylabel 'fraction correct'
set key bottom right
plot 'fashion_epochs.dat' using 1:3 with linespoints ls 1 title 'training (mean over the epoch)', \
     '' using 1:5 with linespoints ls 2 title 'test (after the epoch)'
unset multiplot
