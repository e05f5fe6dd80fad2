# errors.gp: Mistakes per epoch: separable data stop, XOR never does
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'errors'
load '../style.gp'
set title 'Mistakes per epoch: separable data stop, XOR never does'
set xlabel 'epoch'
set ylabel 'mistakes in the epoch / number of examples'
eval size(1000, 420)
set multiplot layout 1,2 title 'Mistakes per epoch, as a fraction of the examples: separable data stop, XOR never does'
set yrange [0:1.05]
set key top right
set title 'separable blobs: the run stops at the first epoch without a mistake'
set xrange [0.5:*]
set xtics 1
set offsets 0, 0.5, 0, 0
plot 'errors-blobs.dat' using 1:3 with linespoints ls 1 pt 7 ps 1.2 title 'separable blobs'
set title 'XOR: no epoch is ever free of mistakes'
set xrange [0:*]
set xtics autofreq
set offsets 0, 0, 0, 0
set key bottom right opaque
plot 'errors-xor.dat' using 1:3 with lines ls 2 title 'XOR, noisy clusters', \
     'errors-xor-corners.dat' using 1:3 with lines ls 3 title 'XOR, the four corners'
unset multiplot
