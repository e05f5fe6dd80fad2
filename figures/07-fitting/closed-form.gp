# closed-form.gp: Linear regression on the first p of d Gaussian inputs: Monte-Carlo mean against the closed form
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'closed-form'
load '../style.gp'
set title 'Linear regression on the first p of d Gaussian inputs: Monte-Carlo mean against the closed form'
set xlabel 'inputs used p'
set ylabel 'expected squared error on a new example'
eval size(900, 520)
set logscale y
set format y '10^{%L}'
set key top right
set yrange [0.8:100]
stats 'closed-form-gap.dat' using 1 nooutput
low = STATS_min
stats 'closed-form-gap.dat' using 2 nooutput
high = STATS_min
set object 1 rect from low, graph 0 to high, graph 1 fc rgb '#EEEEEE' fs solid 1.0 noborder behind
set label 1 'not tested' at (low + high) / 2, graph 0.04 center font ',10'
plot 'closed-form.dat' using 1:2:(2*$3) with yerrorbars ls 2 pt 6 ps 0.7 title 'Monte-Carlo mean ± 2 standard errors', \
     '' using 1:5 with lines ls 7 lw 1.2 title 'closed form (Belkin, Hsu and Xu 2019)'
