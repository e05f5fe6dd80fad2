# symmetry.gp: 2-4-1 sigmoid network on XOR: equal initial weights never separate
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'symmetry'
load '../style.gp'
set title '2-4-1 sigmoid network on XOR: equal initial weights never separate'
set xlabel 'step + 1'
set ylabel 'training loss (BCE)'
set logscale x
set xrange [1:1001]
set key bottom left
plot 'symmetry.dat' using ($1+1):2 with lines ls 2 lw 3 title 'every weight 0.5: the 4 hidden units stay one', \
     '' using ($1+1):4 with lines ls 1 title 'uniform on [−1, 1) (the source)'
