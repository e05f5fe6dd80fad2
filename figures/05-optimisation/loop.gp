# loop.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'loop'
load '../style.gp'
set xlabel 'step'
eval size(1100, 440)
set multiplot layout 1,2 title 'The loop of §3.8 with each optimiser as its last line: 2-2-1 sigmoid network, BCE, noisy XOR, full batch'
set logscale x
set xrange [1:1001]
set ylabel 'training loss (BCE)'
set key bottom left
set title 'gradient descent and momentum (λ = 1)'
plot 'loop.dat' using ($1+1):2 with lines ls 7 title 'sgd', \
     '' using ($1+1):3 with lines ls 1 title 'momentum', \
     '' using ($1+1):4 with lines ls 2 dt 2 title 'nesterov'
set title 'adaptive steps (λ = 0.05; adadelta λ = 1)'
plot 'loop.dat' using ($1+1):2 with lines ls 7 title 'sgd', \
     '' using ($1+1):5 with lines ls 3 title 'adagrad', \
     '' using ($1+1):6 with lines ls 4 title 'rmsprop', \
     '' using ($1+1):9 with lines ls 6 title 'adadelta', \
     '' using ($1+1):7 with lines ls 1 title 'adam', \
     '' using ($1+1):10 with lines ls 5 dt 2 title 'adamax', \
     '' using ($1+1):11 with lines ls 2 dt 3 title 'nadam'
unset multiplot
