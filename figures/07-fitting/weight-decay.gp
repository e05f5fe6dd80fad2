# weight-decay.gp: 
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'weight-decay'
load '../style.gp'
eval size(1100, 440)
set multiplot layout 1,2 title 'L2 weight decay on 1000 Fashion-MNIST images, after 80 epochs (points: seeds; lines: their mean)'
set xlabel 'weight decay α'
set xrange [-0.4:5.4]
set xtics ('0' 0, '0.001' 1, '0.003' 2, '0.01' 3, '0.03' 4, '0.1' 5)
set title 'validation'
set ylabel 'validation loss'
set y2label 'validation error (1 - accuracy)'
set y2tics nomirror
set key top center
plot 'weight-decay.dat' using 1:5 with points ls 2 title 'loss', \
     'weight-decay-mean.dat' using 1:4 with lines ls 2 notitle, \
     'weight-decay.dat' using 1:6 axes x1y2 with points ls 1 title 'error (right axis)', \
     'weight-decay-mean.dat' using 1:5 axes x1y2 with lines ls 1 notitle
unset y2tics
unset y2label
set title 'size of the weights'
set ylabel 'weight norm (Σ_l ‖W_l‖^2)^{1/2}'
set key top right
plot 'weight-decay.dat' using 1:4 with points ls 3 title 'each seed', \
     'weight-decay-mean.dat' using 1:3 with lines ls 3 title 'mean'
unset multiplot
