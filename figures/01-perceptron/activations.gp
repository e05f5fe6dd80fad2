# activations.gp: Activations a = f(z)
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'activations'
load '../style.gp'
set title 'Activations a = f(z)'
set xlabel 'pre-activation z'
set ylabel 'a = f(z)'
set key top left
plot 'activations.dat' using 1:2 with lines ls 1 title 'step' noenhanced, \
     'activations.dat' using 1:3 with lines ls 2 title 'sigmoid' noenhanced, \
     'activations.dat' using 1:4 with lines ls 3 title 'tanh' noenhanced, \
     'activations.dat' using 1:5 with lines ls 4 title 'relu' noenhanced, \
     'activations.dat' using 1:6 with lines ls 5 title 'leaky_relu' noenhanced, \
     'activations.dat' using 1:7 with lines ls 6 title 'elu' noenhanced, \
     'activations.dat' using 1:8 with lines ls 7 title 'softplus' noenhanced, \
     'activations.dat' using 1:9 with lines ls 8 title 'maxout' noenhanced
