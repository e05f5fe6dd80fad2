# quad_lr.gp: Gradient descent on a quadratic (κ = 10): the step λ against 2/L
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'quad_lr'
load '../style.gp'
set title 'Gradient descent on a quadratic (κ = 10): the step λ against 2/L'
set xlabel 'step t'
set ylabel 'L(θ_t) − L(θ*)  (log scale)'
set logscale y
set format y '10^{%L}'
set key bottom left
plot 'quad_lr.dat' using 1:2 with linespoints ls 1 pi 10 title 'λ = 0.1/L', \
     '' using 1:3 with linespoints ls 2 pi 10 title 'λ = 1/L', \
     '' using 1:4 with linespoints ls 3 pi 10 title 'λ = 1.9/L', \
     '' using 1:5 with linespoints ls 4 pi 10 title 'λ = 2.1/L  (> 2/L)'
