# trained.gp: sin 2πx: the built network against the same width trained by Adam
# Written by 06-universal; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'trained'
load '../style.gp'
set title 'sin 2πx: the built network against the same width trained by Adam'
set xlabel 'neurons N'
set ylabel 'sup |f − network| on [0, 1]'
set logscale x 2
set logscale y 10
set format y '10^{%L}'
set key top right
set xrange [1.6:83]
plot 'trained.dat' using 1:2 with linespoints ls 1 title 'built from the proof (knots i/N)', \
     '' using 1:4:3:5 with yerrorbars ls 2 pt 7 title 'trained by Adam: median, min and max over 5 seeds', \
     '' using 1:4 with lines ls 2 notitle, \
     'trained-seeds.dat' using 1:3 with points ls 2 pt 6 ps 0.5 title 'each seed'
