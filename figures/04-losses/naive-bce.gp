# naive-bce.gp: BCE of a negative example through p = σ(z): the error of the naive formula
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'naive-bce'
load '../style.gp'
set title 'BCE of a negative example through p = σ(z): the error of the naive formula'
set xlabel 'logit z (the example is negative, y = 0)'
set ylabel 'relative error of −log(1 − σ(z))'
set logscale y
set format y '10^{%T}'
set xrange [0:40]
set key bottom right
first_inf = 36.740000000000002
set arrow 1 from first first_inf, graph 0 to first first_inf, graph 1 nohead ls 2 dt 2
set label 1 sprintf("dashed line: from z = %.2f on, 1 − σ(z) rounds to 0\nand the naive loss is +Inf", first_inf) at graph 0.03, graph 0.93 left
plot 'naive-bce.dat' using 1:2 with points ls 1 pt 7 ps 0.25 title 'naive, against softplus(z) (the stable form)', \
     2.2e-16 * exp(x) / x with lines ls 7 dt 2 title 'ε e^z / z: the rounding of 1 − σ(z) ≈ e^{−z}, relative to ℓ ≈ z'
