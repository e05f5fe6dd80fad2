# noise.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'noise'
load '../style.gp'
eval size(1000, 400)
set multiplot layout 1,2
set title 'Noise densities, both of variance 1'
set xlabel 'noise ε = y − ŷ'
set ylabel 'density p(ε)'
plot 'noise.dat' using 1:2 with lines ls 1 title 'Gaussian, σ = 1', \
     'noise.dat' using 1:3 with lines ls 2 dt 2 title 'Laplace, β = 1/√2'
set title 'Their negative logs: the losses (shifted to 0 at ε = 0)'
set ylabel '−log p(ε) + log p(0)'
set key top center
set yrange [0:5.4]
plot 'noise.dat' using 1:4 with lines ls 1 title 'Gaussian: ε²/2 (squared error)', \
     'noise.dat' using 1:5 with lines ls 2 dt 2 title 'Laplace: √2 |ε| (absolute error)'
unset multiplot
