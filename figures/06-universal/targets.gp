# targets.gp: 
# Written by 06-universal; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'targets'
load '../style.gp'
eval size(1000, 720)
set multiplot layout 2,2 title 'Targets f (grey) and the networks built from 8 knots (blue), knots marked'
set xlabel 'x'
set key bottom right
set title 'smooth'
set ylabel 'f(x), network(x)'
plot 'targets.dat' index 0 using 1:2 with lines lw 4 lc rgb '#BBBBBB' title 'f = sin 2πx', \
     '' index 0 using 1:3 with lines ls 1 title 'network', \
     'knots.dat' index 0 using 1:2 with points ls 2 pt 7 ps 0.9 title 'knots'
set title 'kink'
set ylabel 'f(x), network(x)'
plot 'targets.dat' index 1 using 1:2 with lines lw 4 lc rgb '#BBBBBB' title 'f = |x − c|', \
     '' index 1 using 1:3 with lines ls 1 title 'network', \
     'knots.dat' index 1 using 1:2 with points ls 2 pt 7 ps 0.9 title 'knots'
set title 'sqrt'
set ylabel 'f(x), network(x)'
plot 'targets.dat' index 2 using 1:2 with lines lw 4 lc rgb '#BBBBBB' title 'f = √x', \
     '' index 2 using 1:3 with lines ls 1 title 'network', \
     'knots.dat' index 2 using 1:2 with points ls 2 pt 7 ps 0.9 title 'knots'
set title 'step'
set ylabel 'f(x), network(x)'
plot 'targets.dat' index 3 using 1:2 with lines lw 4 lc rgb '#BBBBBB' title 'f = 1[x ≥ s]', \
     '' index 3 using 1:3 with lines ls 1 title 'network', \
     'knots.dat' index 3 using 1:2 with points ls 2 pt 7 ps 0.9 title 'knots'
unset multiplot
