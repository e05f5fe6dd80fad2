# fd_error.gp: Finite differences: truncation (falls with h) against round-off (grows as h shrinks)
# Written by 03-backprop; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'fd_error'
load '../style.gp'
set title 'Finite differences: truncation (falls with h) against round-off (grows as h shrinks)'
set xlabel 'step h'
set ylabel 'relative error of the derivative'
set logscale xy
set format x '10^{%T}'
set format y '10^{%T}'
set key top center
plot 'fd_error.dat' using 1:2 with linespoints ls 1 title 'central, measured', \
     'fd_error.dat' using 1:4 with lines ls 1 dt 2 title "central, model h²|f'''|/6 + ε|f|/h", \
     'fd_error.dat' using 1:3 with linespoints ls 2 title 'forward, measured', \
     'fd_error.dat' using 1:5 with lines ls 2 dt 2 title "forward, model h|f''|/2 + 2ε|f|/h", \
     'fd_error.dat' using 1:6 with linespoints ls 3 dt 3 title '2-2-1 network loss, central'
