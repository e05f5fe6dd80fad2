# composition.gp: The 1-5-3-1 sigmoid network, one stage at a time
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'composition'
load '../style.gp'
set title 'The 1-5-3-1 sigmoid network, one stage at a time'
set xlabel 'input x'
eval size(1100, 440)
set multiplot layout 1,3 title 'The 1-5-3-1 sigmoid network with random weights, one stage at a time'
set key outside right top
set title 'h1 = σ(W1 x + b1): 5 units'
set ylabel 'activation'
plot for [j=2:6] 'composition.dat' using 1:j with lines ls (j-1) title sprintf('h1_%d', j-1)
set title 'h2 = σ(W2 h1 + b2): 3 units'
plot for [k=7:9] 'composition.dat' using 1:k with lines ls (k-6) title sprintf('h2_%d', k-6)
set title 'y = W3 h2 + b3'
set ylabel 'output y'
plot 'composition.dat' using 1:10 with lines ls 1 title 'y(x)'
unset multiplot
