# activations.gp: Activations f(z) and their derivatives f′(z)
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'activations'
load '../style.gp'
set title 'Activations f(z) and their derivatives f′(z)'
set xlabel 'z'
eval size(1100, 560)
set multiplot layout 2,4 title 'Each activation f (solid) with its derivative f′ (dashed), z from −4 to 4'
set xtics 2
set key left center samplen 1.5
set offsets 0, 0, graph 0.06, graph 0.06
set title 'step (f′ = 0 for z ≠ 0, none at 0)'
plot 'activations.dat' using 1:2 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:2 with lines ls 2 dt (6,3) title "f′(z)"
unset key
set title 'sigmoid σ'
plot 'activations.dat' using 1:3 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:3 with lines ls 2 dt (6,3) title "f′(z)"
set title 'tanh'
plot 'activations.dat' using 1:4 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:4 with lines ls 2 dt (6,3) title "f′(z)"
set title 'ReLU'
plot 'activations.dat' using 1:5 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:5 with lines ls 2 dt (6,3) title "f′(z)"
set title 'leaky ReLU, α = 0.1'
plot 'activations.dat' using 1:6 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:6 with lines ls 2 dt (6,3) title "f′(z)"
set title 'ELU, α = 1'
plot 'activations.dat' using 1:7 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:7 with lines ls 2 dt (6,3) title "f′(z)"
set title 'softplus'
plot 'activations.dat' using 1:8 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:8 with lines ls 2 dt (6,3) title "f′(z)"
set title 'maxout of z and −z/2 − 1'
plot 'activations.dat' using 1:9 with lines ls 1 title 'f(z)', \
     'derivatives.dat' using 1:9 with lines ls 2 dt (6,3) title "f′(z)"
unset multiplot
