# regression-losses.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'regression-losses'
load '../style.gp'
eval size(1100, 440)
set multiplot layout 1,2
set xlabel 'residual r = ŷ − y'
set title 'The losses ℓ(r)'
set ylabel 'ℓ(r)'
set yrange [0:4.5]
set key top center opaque
plot 'regression-losses.dat' using 1:2 with lines ls 2 lw 2 title 'squared error', \
     'regression-losses.dat' using 1:3 with lines ls 1 lw 2 dt 2 title 'absolute error', \
     'regression-losses.dat' using 1:6 with lines ls 5 lw 7 title 'Huber, δ = 2', \
     'regression-losses.dat' using 1:5 with lines ls 3 lw 4 title 'Huber, δ = 1', \
     'regression-losses.dat' using 1:4 with lines ls 7 lw 1.5 title 'Huber, δ = 0.5'
set title 'Their gradients ψ(r) = dℓ/dr: the pull of one residual'
set ylabel 'ψ(r)'
set yrange [-3.2:3.2]
set key top left
plot 'regression-losses.dat' using 1:7 with lines ls 2 lw 2 title 'squared error', \
     'regression-losses.dat' using 1:8 with lines ls 1 lw 2 dt 2 title 'absolute error', \
     'regression-losses.dat' using 1:11 with lines ls 5 lw 7 title 'Huber, δ = 2', \
     'regression-losses.dat' using 1:10 with lines ls 3 lw 4 title 'Huber, δ = 1', \
     'regression-losses.dat' using 1:9 with lines ls 7 lw 1.5 title 'Huber, δ = 0.5'
unset multiplot
