# errors.gp: Mistakes per epoch: separable data stop, XOR never does
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'errors'
load '../style.gp'
set title 'Mistakes per epoch: separable data stop, XOR never does'
set xlabel 'epoch'
set ylabel 'mistakes in the epoch / number of examples'
set key center right
set yrange [0:1.05]
plot 'errors-blobs.dat' using 1:3 with linespoints ls 1 pt 7 title 'separable blobs', \
     'errors-xor.dat' using 1:3 with lines ls 2 title 'XOR, noisy clusters', \
     'errors-xor-corners.dat' using 1:3 with lines ls 3 title 'XOR, the four corners'
