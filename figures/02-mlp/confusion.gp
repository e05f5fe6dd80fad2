# confusion.gp: Fashion-MNIST test set: confusion matrix (counts)
# Written by 02-mlp; rendered by tools/render.sh (gnuplot, run in this directory).
name = 'confusion'
load '../style.gp'
set title 'Fashion-MNIST test set: confusion matrix (counts)'
set xlabel 'predicted class'
set ylabel 'true class'
eval size(860, 720)
set size ratio -1
set yrange [9.5:-0.5]
set xrange [-0.5:9.5]
set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#4a98c9')
set logscale cb
set cbrange [1:1000]
set cblabel 'images (log scale)'
set xtics font ',11'
set key off
set xtics ("T-shirt/\ntop" 0, "Trouser" 1, "Pullover" 2, "Dress" 3, "Coat" 4, "Sandal" 5, "Shirt" 6, "Sneaker" 7, "Bag" 8, "Ankle\nboot" 9)
set ytics ("T-shirt/top" 0, "Trouser" 1, "Pullover" 2, "Dress" 3, "Coat" 4, "Sandal" 5, "Shirt" 6, "Sneaker" 7, "Bag" 8, "Ankle boot" 9)
plot 'confusion.dat' using 1:2:($3 > 0 ? $3 : 1) with image pixels, \
     '' using 1:2:(sprintf('%d', $3)) with labels font ',9'
