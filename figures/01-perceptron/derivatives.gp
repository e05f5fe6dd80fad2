# derivatives.gp: Their derivatives f'(z) (the step's is 0 wherever it exists)
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'derivatives'
load '../style.gp'
set title 'Their derivatives f''(z) (the step''s is 0 wherever it exists)'
set xlabel 'pre-activation z'
set ylabel 'f''(z)'
set key top left
plot 'derivatives.dat' using 1:2 with lines ls 1 title 'step' noenhanced, \
     'derivatives.dat' using 1:3 with lines ls 2 title 'sigmoid' noenhanced, \
     'derivatives.dat' using 1:4 with lines ls 3 title 'tanh' noenhanced, \
     'derivatives.dat' using 1:5 with lines ls 4 title 'relu' noenhanced, \
     'derivatives.dat' using 1:6 with lines ls 5 title 'leaky_relu' noenhanced, \
     'derivatives.dat' using 1:7 with lines ls 6 title 'elu' noenhanced, \
     'derivatives.dat' using 1:8 with lines ls 7 title 'softplus' noenhanced, \
     'derivatives.dat' using 1:9 with lines ls 8 title 'maxout' noenhanced
