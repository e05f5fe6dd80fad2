# adam.gp: Adam's step with a constant gradient g: with and without the bias correction
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'adam'
load '../style.gp'
set title 'Adam''s step with a constant gradient g: with and without the bias correction'
set xlabel 'step t'
set ylabel '|θ_t − θ_{t−1}| / λ'
set logscale x
set xrange [1:3000]
set yrange [0:7.5]
set key top right
plot 'adam.dat' using 1:5 with lines ls 2 title 'without correction (any g)', \
     '' using 1:3 with lines ls 1 lw 4 title 'with correction, g = 1', \
     '' using 1:2 with lines ls 3 dt 2 title 'with correction, g = 10^{-3}', \
     '' using 1:4 with lines ls 4 dt 3 title 'with correction, g = 10^{3}'
