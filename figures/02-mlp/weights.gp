# weights.gp: First-layer weights of hidden units 1-16, each row of W₁ as a 28×28 image
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'weights'
load '../style.gp'
set title 'First-layer weights of hidden units 1-16, each row of W₁ as a 28×28 image'
eval size(700, 760)
set size ratio -1
unset xtics
unset ytics
unset border
unset grid
set autoscale fix
set yrange [*:*] reverse
stats 'weights.dat' using 3 nooutput
m = abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max)
set cbrange [-m:m]
set cblabel 'weight w (red +, blue −; one scale for every tile)'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b')
set key below
plot 'weights.dat' using 1:2:3 with image notitle, \
     'weights_tiles.dat' using 1:($2 - 16):(sprintf('unit %d%s', $3, $4 > 0 ? ', dead' : '')) with labels font ',10' notitle, \
     'weights_tiles.dat' using ($4 > 0 ? $1 : 1/0):2:(14):(14) with boxxyerror fs empty lc rgb '#000000' lw 2 title 'dead unit: no training image activates it'
