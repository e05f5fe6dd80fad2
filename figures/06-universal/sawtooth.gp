# sawtooth.gp: 
# Written by 06-universal; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'sawtooth'
load '../style.gp'
eval size(1000, 640)
set multiplot layout 2,2 title 'The tent map composed k times, 2 ReLUs per layer: linear pieces = 2^k'
set xlabel 'x'
set ylabel 'T^{k}(x)'
set yrange [-0.05:1.4]
set ytics 0, 0.2, 1
set key top center horizontal maxcols 2 maxrows 1 width -2
do for [k=1:4] {
  stats 'sawtooth-breaks.dat' index (k-1) using 1 nooutput
  set title sprintf('k = %d: %d hidden units, %d pieces counted', k, 2*k, STATS_records - 1)
  plot 'sawtooth.dat' index (k-1) using 1:2 with lines ls 1 title 'network', \
       'sawtooth-breaks.dat' index (k-1) using 1:2 with points ls 2 pt 7 ps 0.7 title 'pieces'' ends (counted)'
}
unset multiplot
