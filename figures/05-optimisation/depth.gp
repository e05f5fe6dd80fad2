# depth.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'depth'
load '../style.gp'
eval size(1100, 440)
set multiplot layout 1,2 title 'Standard deviation of the activations through 20 layers of width 128 (biases 0, standard normal inputs)'
set logscale y
set format y '10^{%L}'
set xlabel 'layer l'
set ylabel 'std of a_l'
set key bottom left font ',10'
set yrange [1e-21:10]
set title '(a) tanh'
plot 'depth.dat' using 1:2 with linespoints ls 1 title 'Glorot normal, Var = 2/(fan_{in}+fan_{out})', \
     '' using 1:3 with linespoints ls 2 title 'N(0, 1)', \
     '' using 1:4 with linespoints ls 3 title 'N(0, 0.01^2)', \
     '' using 1:5 with linespoints ls 4 title 'truncated N(0, 0.05^2) (Keras)'
set title '(b) ReLU'
set yrange [1e-23:1e20]
plot 'depth.dat' using 1:6 with linespoints ls 1 title 'He normal, Var = 2/fan_{in}', \
     '' using 1:7 with linespoints ls 2 title 'N(0, 1)', \
     '' using 1:8 with linespoints ls 3 title 'N(0, 0.01^2)', \
     '' using 1:9 with linespoints ls 4 title 'Glorot normal'
unset multiplot
