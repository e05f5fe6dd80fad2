# vanishing.gp: Gradient norm per layer, 10 hidden layers of width 32 (+ linear output)
# Written by 03-backprop; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'vanishing'
load '../style.gp'
set title 'Gradient norm per layer, 10 hidden layers of width 32 (+ linear output)'
set xlabel 'layer l (1 = first hidden, 11 = output)'
set ylabel '‖dW_l‖_F'
set logscale y
set format y '10^{%T}'
set xtics 1
set key bottom right
plot 'vanishing.dat' using 1:2 with linespoints ls 1 title 'sigmoid, Glorot uniform', \
     'vanishing.dat' using 1:3 with linespoints ls 2 title 'sigmoid, He normal', \
     'vanishing.dat' using 1:4 with linespoints ls 3 title 'ReLU, He normal'
