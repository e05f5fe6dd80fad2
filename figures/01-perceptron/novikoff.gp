# novikoff.gp: Updates until convergence against Novikoff's bound (R̃/γ̃)²
# Written by 01-perceptron; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'novikoff'
load '../style.gp'
set title 'Updates until convergence against Novikoff''s bound (R̃/γ̃)²'
set xlabel 'bound on the number of updates'
set ylabel 'updates made'
set logscale xy
set key top left Left reverse
set offsets 0, 0, graph 0.3, 0
plot 'novikoff.dat' using 5:6 with points ls 1 pt 7 title 'from w̃ = 0, against (R̃/γ̃)²', \
     'novikoff.dat' using 7:8 with points ls 2 pt 5 title 'from the random start w̃₀, against its bound', \
     x with lines ls 7 dt 2 title 'updates = bound'
