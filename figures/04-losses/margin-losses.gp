# margin-losses.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'margin-losses'
load '../style.gp'
eval size(1200, 760)
set multiplot layout 2,4 title 'Margin losses φ(m), m = y·s, each over the 0-1 loss 1[m ≤ 0] (thick grey)' 
set xrange [-3:3]
set yrange [0:4]
set xtics 1
unset key
set xlabel 'margin m'
set title 'perceptron max(0, −m)'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:3 with lines ls 1
set title 'hinge max(0, 1 − m)'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:4 with lines ls 2
set title 'squared hinge max(0, 1 − m)²'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:5 with lines ls 3
set title 'logistic log(1 + e^{−m})'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:6 with lines ls 4
set title 'logistic, base 2: log_2(1 + e^{−m})'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:7 with lines ls 5
set title 'exponential e^{−m}'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:8 with lines ls 6
set title 'quadratic (1 − m)²'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7, \
     '' using 1:9 with lines ls 7
set title 'the convex upper bounds together'
set xrange [-1:2]
set yrange [0:2.5]
set key top right samplen 3 font ',10'
plot 'margin-losses.dat' using 1:2 with steps lc rgb '#AAAAAA' lw 7 title '0-1', \
     '' using 1:4 with lines ls 2 dt 1 title 'hinge', \
     '' using 1:5 with lines ls 3 dt 2 title 'sq. hinge', \
     '' using 1:7 with lines ls 5 dt 4 title 'logistic_2' noenhanced, \
     '' using 1:8 with lines ls 6 dt 3 title 'exp', \
     '' using 1:9 with lines ls 7 dt 5 title 'quadratic'
unset multiplot
