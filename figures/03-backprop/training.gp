# training.gp: Training the 2-2-1 network with its hand-written gradients
# Written by 03-backprop; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'training'
load '../style.gp'
set title 'Training the 2-2-1 network with its hand-written gradients'
eval size(1100, 480)
set multiplot layout 1,2 title 'The 2-2-1 sigmoid/BCE network of §3.3, trained by plain gradient descent on its hand-written gradients'
set title 'the mean loss L after each step'
set xlabel 'step t (log scale)'
set ylabel 'L (binary cross-entropy)'
set logscale x
set autoscale xfix
set key top right
plot 'training.dat' using 1:2 with lines ls 1 lw 2.5 title 'loss L on the training set'
unset logscale
set title 'the trained network: ŷ over the plane, and the training points'
set xlabel 'x_1'
set ylabel 'x_2'
set size ratio -1
set autoscale fix
set grid front
set palette defined (0 '#9CC3E0', 0.5 '#F7F7F7', 1 '#EFB08C')
set cbrange [0:1]
set cblabel 'ŷ = σ(z_2)'
set key below horizontal
plot 'training_regions.dat' using 1:2:3 with image notitle, \
     'training_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.75 lc rgb '#ffffff' notitle, \
     'training_points.dat' using 1:($3 == 0 ? $2 : 1/0) with points ls 1 pt 6 ps 0.75 lw 1.5 title 'class 0', \
     'training_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 5 ps 0.75 lc rgb '#ffffff' notitle, \
     'training_points.dat' using 1:($3 == 1 ? $2 : 1/0) with points ls 2 pt 4 ps 0.75 lw 1.5 title 'class 1'
unset multiplot
