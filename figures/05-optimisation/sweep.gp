# sweep.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'sweep'
load '../style.gp'
eval size(1100, 440)
set multiplot layout 1,2 title 'Gradient descent with λ from 10^{-3} to 10: 2-16-16-1 ReLU network, two moons, full batch, the same initial weights'
set title '(a) loss after 400 steps (✕: diverged, drawn at the threshold 10 × the first loss)'
set logscale xy
set format x '10^{%L}'
set xlabel 'learning rate λ'
set ylabel 'training loss (BCE)'
set key bottom left
plot 'sweep.dat' using 1:($3 < 0 ? $2 : NaN) with linespoints ls 1 title 'trained', \
     '' using 1:($3 >= 0 ? $2 : NaN) with points pt 2 ps 2 lw 2 lc rgb '#D55E00' title 'diverged'
set title '(b) loss during training, six of the λ (✕: where a run diverged)'
set xlabel 'step + 1'
set xrange [1:401]
set key bottom left font ',10'
plot 'sweep_curves.dat' using ($1+1):(column(2) > 0 ? column(2) : NaN) with lines ls 1 title 'λ = 0.001', \
     'sweep_curves.dat' using ($1+1):(column(5) > 0 ? column(5) : NaN) with lines ls 2 title 'λ = 0.01', \
     'sweep_curves.dat' using ($1+1):(column(8) > 0 ? column(8) : NaN) with lines ls 3 title 'λ = 0.1', \
     'sweep_curves.dat' using ($1+1):(column(11) > 0 ? column(11) : NaN) with lines ls 4 title 'λ = 1', \
     'sweep_curves.dat' using ($1+1):(column(12) > 0 ? column(12) : NaN) with lines ls 5 title 'λ = 2.15', \
     'sweep_curves.dat' using ($1+1):(column(13) > 0 ? column(13) : NaN) with lines ls 6 title 'λ = 4.64', \
     'sweep_stops.dat' using ($1+1):2 with points pt 2 ps 2 lw 2 lc rgb '#000000' title 'diverged'
unset multiplot
