# error.gp: Sup error of the built network against its number of neurons
# Written by 06-universal; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'error'
load '../style.gp'
set title 'Sup error of the built network against its number of neurons'
set xlabel 'neurons N (= pieces of the interpolant)'
set ylabel 'sup |f − network| on [0, 1]'
eval size(860, 680)
set logscale x 2
set logscale y 10
set format y '10^{%L}'
set key below maxrows 4 width -2 samplen 3
set xrange [1.5:2048]
plot 'error.dat' using 1:2 with linespoints ls 1 title 'sin 2πx', \
     '' using 1:6 with lines ls 1 dt 2 lw 1.5 title '  bound h²/8·max|f″|, slope -2', \
     'error.dat' using 1:3 with linespoints ls 2 title '|x − c|', \
     '' using 1:7 with lines ls 2 dt 2 lw 1.5 title '  bound Lh/2, slope -1', \
     'error.dat' using 1:4 with linespoints ls 3 title '√x', \
     '' using 1:8 with lines ls 3 dt 2 lw 1.5 title '  bound ω_f(h), slope -0.5', \
     'error.dat' using 1:5 with linespoints ls 4 title '1[x ≥ s]', \
     '' using 1:9 with lines ls 4 dt 2 lw 1.5 title '  bound ω_f(h), slope 0', \
     'kink-every-n.dat' using 1:2 with points ls 2 pt 6 ps 0.7 title '|x − c|, every N ≤ 128 whose knots miss c', \
     'error.dat' using 1:(0.5) with lines ls 7 dt 3 lw 1 title 'half the jump'
