# modes.gp: 
# Written by 05-optimisation; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'modes'
load '../style.gp'
eval size(1200, 440)
set multiplot layout 1,3 title 'Full batch (200), mini-batches of 10 and one example at a time, same λ, same start β = 0 (bands: min to max over 5 shuffles)'
set logscale y
set format y '10^{%L}'
set key bottom right font ',10'
set style fill transparent solid 0.25 noborder
set yrange [1e-5:1e2]
set title '(a) least squares, λ = 0.05, per epoch'
set xlabel 'epoch (n = 200 gradients)'
set ylabel 'L(β) − L(β*)'
plot 'modes_linear.dat' using 1:9:10 with filledcurves ls 2 notitle, \
     '' using 1:6:7 with filledcurves ls 1 notitle, \
     '' using 1:2 with linespoints ls 7 pi 5 title 'full batch', \
     '' using 1:5 with lines ls 1 title 'mini-batch 10', \
     '' using 1:8 with lines ls 2 title 'one example'
set title '(b) the same, per update'
set xlabel 'updates (log scale)'
set logscale x
set key top right
plot 'modes_linear_updates.dat' using 1:($2 > 0 ? $2 : NaN) with linespoints ls 7 title 'full batch', \
     '' using 1:3 with linespoints ls 1 title 'mini-batch 10', \
     '' using 1:6 with linespoints ls 2 title 'one example'
unset logscale x
set title '(c) logistic regression, λ = 0.5, per epoch'
set xlabel 'epoch (n = 200 gradients)'
set ylabel '‖β − β*‖'
set yrange [1e-3:10]
set key bottom right
plot 'modes_logistic.dat' using 1:9:10 with filledcurves ls 2 notitle, \
     '' using 1:6:7 with filledcurves ls 1 notitle, \
     '' using 1:2 with linespoints ls 7 pi 5 title 'full batch', \
     '' using 1:5 with lines ls 1 title 'mini-batch 10', \
     '' using 1:8 with lines ls 2 title 'one example'
unset multiplot
