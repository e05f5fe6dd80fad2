# momentum.gp: Best plain step against heavy-ball momentum (dashed: the predicted rates)
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'momentum'
load '../style.gp'
set title 'Best plain step against heavy-ball momentum (dashed: the predicted rates)'
set xlabel 'step t'
set ylabel '‖θ_t − θ*‖ / ‖θ_0 − θ*‖  (log scale)'
set logscale y
set format y '10^{%L}'
set key bottom left
set yrange [1e-80:10]
plot 'momentum.dat' using 1:2 with lines ls 1 title 'gradient descent, κ = 10', \
     '' using 1:3 with lines ls 2 title 'heavy ball, κ = 10', \
     '' using 1:4 with lines ls 3 title 'gradient descent, κ = 100', \
     '' using 1:5 with lines ls 4 title 'heavy ball, κ = 100', \
     for [k=6:9] '' using 1:k with lines dt 2 lw 1 lc rgb '#555555' notitle
