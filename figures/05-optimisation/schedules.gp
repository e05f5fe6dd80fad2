# schedules.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'schedules'
load '../style.gp'
eval size(1100, 440)
set multiplot layout 1,2 title 'Learning-rate schedules for one-example SGD on least squares (λ_0 = 0.05, 30 epochs of 200 updates)'
set key top right font ',10'
set title '(a) λ_t'
set xlabel 'update t'
set ylabel 'λ_t'
plot for [k=2:6] 'schedules_lr.dat' using 1:k with lines ls (k-1) title word('constant step exponential 1/t cosine', k-1)
set title '(b) L(β) − L(β*) after each epoch (bands: min to max over 5 shuffles)'
set xlabel 'epoch'
set ylabel 'L(β) − L(β*)'
set logscale y
set format y '10^{%L}'
set style fill transparent solid 0.2 noborder
set key bottom left
plot for [k=0:4] 'schedules.dat' using 1:(column(3+3*k)):(column(4+3*k)) with filledcurves ls (k+1) notitle, \
     for [k=0:4] '' using 1:(column(2+3*k)) with lines ls (k+1) title word('constant step exponential 1/t cosine', k+1)
unset multiplot
