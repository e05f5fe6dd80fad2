# fashion-curves.gp: 
# Written by 07-fitting; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'fashion-curves'
load '../style.gp'
eval size(1100, 820)
set multiplot layout 2,2 title 'Fashion-MNIST, 1000 training images, 784-64-10 ReLU, Adam: median over 3 seeds, band from the smallest to the largest'
set xlabel 'epoch'
set title 'loss, no regularisation'
set ylabel 'mean cross-entropy'
set yrange [0:1.2]
set key top center
plot 'fashion-spread.dat' using 1:2:4 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' using 1:8:10 with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \
     '' using 1:3 with lines ls 1 title 'training', \
     '' using 1:9 with lines ls 2 title 'validation', \
     'fashion-early-stop.dat' index 0 using 3:4 with points ls 7 pt 7 ps 0.9 title 'early-stopping epoch (each seed)'
set title 'accuracy, no regularisation'
set ylabel 'fraction correct'
set yrange [0.6:1.01]
set key bottom right
plot 'fashion-spread.dat' using 1:5:7 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' using 1:11:13 with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \
     '' using 1:6 with lines ls 1 title 'training', \
     '' using 1:12 with lines ls 2 title 'validation', \
     'fashion-early-stop.dat' index 0 using 3:5 with points ls 7 pt 7 ps 0.9 title 'early-stopping epoch (each seed)'
set title 'loss, dropout on the hidden layer'
set ylabel 'mean cross-entropy'
set yrange [0:1.2]
set key top center
plot 'fashion-spread.dat' using 1:14:16 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' using 1:20:22 with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \
     '' using 1:15 with lines ls 1 title 'training', \
     '' using 1:21 with lines ls 2 title 'validation', \
     'fashion-early-stop.dat' index 1 using 3:4 with points ls 7 pt 7 ps 0.9 title 'early-stopping epoch (each seed)'
set title 'accuracy, dropout on the hidden layer'
set ylabel 'fraction correct'
set yrange [0.6:1.01]
set key bottom right
plot 'fashion-spread.dat' using 1:17:19 with filledcurves fc ls 1 fs transparent solid 0.2 noborder notitle, \
     '' using 1:23:25 with filledcurves fc ls 2 fs transparent solid 0.2 noborder notitle, \
     '' using 1:18 with lines ls 1 title 'training', \
     '' using 1:24 with lines ls 2 title 'validation', \
     'fashion-early-stop.dat' index 1 using 3:5 with points ls 7 pt 7 ps 0.9 title 'early-stopping epoch (each seed)'
unset multiplot
