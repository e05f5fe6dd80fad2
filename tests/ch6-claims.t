#!/bin/sh
# Chapter 6's claims about the numbers its run prints, read from a fresh run of the chapter
# (results.txt in a temporary directory, default flags). The claims about the constructions
# themselves are tested on the chapter's code by test_universal.c.
#   [C6.5] the fitted log-log slopes the text quotes are within 0.05 of −2, −1 and −½, and
#          the jump's error never falls below half the jump;
#   [C6.9] built against trained (1-N-1 ReLU, sin 2πx, Adam from random starts, the
#          learning rate chosen on a validation set): for every width N ≥ 16 the built
#          network's sup error is below the best seed's, and at N = 64 more than 10 times
#          below. (At N = 2 and 4 the best seed can beat the built network: not claimed.)
#
# Environment (set by make test): NN_BUILD, NN_REAL.
cd "$(dirname "$0")/.." || exit 1
build=${NN_BUILD:-build/cc-double}
prog="$build/chapters/06-universal/06-universal"
echo "1..6"
if [ "${NN_REAL:-double}" != double ]; then
  for i in 1 2 3 4 5 6; do echo "ok $i # SKIP the quoted numbers are double-precision results"; done
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ch6-claims.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

. tests/chapter-run.sh                 # the run chapters.t reads too
chapter_run 06-universal 1
rc=$run_rc
cp "$run_log" "$tmp/log"
cp "$run_dir"/* "$tmp/" 2>/dev/null
if [ $rc != 0 ]; then
  for i in 1 2 3 4 5 6; do echo "not ok $i - 06-universal run failed (exit $rc)"; done
  sed 's/^/# /' "$tmp/log" | tail -n 20
  exit 1
fi

# value KEY: the value of KEY in the run's results.txt (empty if absent)
value() { awk -v k="$1" '$1 == k && $2 == "=" { sub(/^[^=]*= */, ""); print; exit }' "$tmp/results.txt"; }
short() { awk -v x="$(value "$1")" 'BEGIN { printf "%.4g", x }'; }
# check DESCRIPTION AWK-CONDITION KEY...: the condition sees the keys' values as v1, v2, ...
n=0
check() {
  desc=$1; cond=$2; shift 2
  n=$((n + 1))
  args=""; i=1
  for k in "$@"; do args="$args -v v$i=$(value "$k")"; i=$((i + 1)); done
  if awk $args "BEGIN { exit !($cond) }" </dev/null; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"
    for k in "$@"; do echo "# $k = $(value "$k")"; done
  fi
}

check "[C6.5] chapter: sin 2pi x, fitted slope $(short sweep.smooth.slope) within 0.05 of -2" \
  "v1 >= -2.05 && v1 <= -1.95" sweep.smooth.slope
check "[C6.5] chapter: |x - c|, fitted slope $(short sweep.kink.slope) within 0.05 of -1" \
  "v1 >= -1.05 && v1 <= -0.95" sweep.kink.slope
check "[C6.5] chapter: sqrt x, fitted slope $(short sweep.sqrt.slope) within 0.05 of -0.5; the jump's error never below $(short sweep.step.smallest_error) >= 0.5" \
  "v1 >= -0.55 && v1 <= -0.45 && v2 >= 0.5" sweep.sqrt.slope sweep.step.smallest_error
for N in 16 32; do
  check "[C6.9] width $N: built network's sup error $(short trained.N$N.built) below the best of $(value trained.seeds) Adam runs, $(short trained.N$N.best)" \
    "v1 < v2" trained.N$N.built trained.N$N.best
done
check "[C6.9] width 64: built $(short trained.N64.built) more than 10 times below the best of $(value trained.seeds) Adam runs, $(short trained.N64.best)" \
  "10 * v1 < v2" trained.N64.built trained.N64.best
