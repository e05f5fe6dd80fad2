# margin-angles.gp: 
# Written by 04-losses; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'margin-angles'
load '../style.gp'
eval size(1100, 420)
set multiplot layout 1,2 title 'Each seed is one point (10 seeds): how far 4 mislabelled points pull each loss'
set xtics ('hinge' 1, 'sq. hinge' 2, 'logistic' 3, 'exponential' 4, 'quadratic' 5)
set xrange [0.5:5.5]
unset key
set grid noxtics
set title 'Angle between w and the true normal w*'
set ylabel 'degrees'
set yrange [0:*]
plot for [k=1:5] 'margin-angles.dat' using (k + ($0 - 4.5) * 0.03):(column(k+1)) with points ls k pt 7 ps 0.8
set title 'Accuracy on the 200 correctly labelled points'
set ylabel 'accuracy'
set yrange [*:1]
plot for [k=1:5] 'margin-angles.dat' using (k + ($0 - 4.5) * 0.03):(column(k+6)) with points ls k pt 7 ps 0.8
unset multiplot
