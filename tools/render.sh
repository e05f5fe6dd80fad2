#!/bin/sh
# Renders every figure of one chapter directory: each .gp through gnuplot (run in the
# directory, so its paths are relative to it) and each .dot through dot -Tsvg.
# Output goes to a temporary file and is renamed into place.
#   tools/render.sh figures/01-perceptron
set -eu
dir=${1:?usage: render.sh FIGURE-DIR}
[ -d "$dir" ] || { echo "render.sh: $dir: no such directory (run the chapter first)" >&2; exit 1; }
count=0
for gp in "$dir"/*.gp; do
  [ -e "$gp" ] || continue
  # The scripts write NAME.svg.tmp (see nn_gnuplot_open); it becomes NAME.svg once complete.
  ( cd "$dir" && gnuplot "$(basename "$gp")" ) || { echo "render.sh: gnuplot failed on $gp" >&2; exit 1; }
  for t in "$dir"/*.svg.tmp; do [ -e "$t" ] && mv "$t" "${t%.tmp}"; done
  count=$((count + 1))
done
for dotf in "$dir"/*.dot; do
  [ -e "$dotf" ] || continue
  svg=${dotf%.dot}.svg
  dot -Tsvg "$dotf" > "$svg.tmp" || { rm -f "$svg.tmp"; echo "render.sh: dot failed on $dotf" >&2; exit 1; }
  mv "$svg.tmp" "$svg"
  count=$((count + 1))
done
[ -t 1 ] && echo "render.sh: $dir: $count figures rendered"
exit 0
