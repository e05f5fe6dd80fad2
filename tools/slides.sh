#!/bin/sh
# Renders figures for slides: every .gp script and .dot diagram of the given figure
# directories, at 16:9, as PDF (vector) or PNG (1920x1080), into OUTDIR/NN-name/.
#   tools/slides.sh pdf build/slides figures/01-perceptron figures/02-mlp ...
# The committed SVGs are never touched: the same scripts run with
#   gnuplot -e "format='pdf'; outdir='...'" NAME.gp
# and figures/style.gp picks the terminal and the output file from those two variables.
# Graphviz diagrams are scaled to fill a 16:9 frame (keeping their aspect ratio).
# The data are the committed .dat files: after changing a chapter, run `make` first.
set -eu
format=${1:-}; out=${2:-}
case "$format" in
  pdf) dot_size='-Gsize=6.3,3.54! -Gmargin=0' ;;            # 16 cm x 9 cm, like the gnuplot PDFs
  png) dot_size='-Gsize=19.2,10.8! -Gdpi=100' ;;  # at most 1920 x 1080 pixels
  *) echo "slides.sh: FORMAT must be pdf or png, not '$format'; try make figures FORMAT=pdf" >&2
     exit 2 ;;
esac
[ -n "$out" ] || { echo "usage: slides.sh pdf|png OUTDIR FIGURE-DIR..." >&2; exit 2; }
shift 2
mkdir -p "$out"
out=$(cd "$out" && pwd)    # gnuplot runs inside each figure directory
count=0
for dir in "$@"; do
  [ -d "$dir" ] || { echo "slides.sh: $dir: no such directory" >&2; exit 1; }
  dest="$out/$(basename "$dir")"
  mkdir -p "$dest"
  for gp in "$dir"/*.gp; do
    [ -e "$gp" ] || continue
    ( cd "$dir" && gnuplot -e "format='$format'; outdir='$dest'" "$(basename "$gp")" ) ||
      { echo "slides.sh: gnuplot failed on $gp" >&2; exit 1; }
    count=$((count + 1))
  done
  for dotf in "$dir"/*.dot; do
    [ -e "$dotf" ] || continue
    name=$(basename "${dotf%.dot}")
    # shellcheck disable=SC2086  # dot_size is two options for png
    dot -T"$format" $dot_size -Gbgcolor=white "$dotf" > "$dest/$name.$format.tmp" ||
      { rm -f "$dest/$name.$format.tmp"; echo "slides.sh: dot failed on $dotf" >&2; exit 1; }
    mv "$dest/$name.$format.tmp" "$dest/$name.$format"
    count=$((count + 1))
  done
done
echo "slides.sh: $count figures written as $format under $out"
