#!/bin/sh
# An honest reference: which OpenBLAS kernel the bench compares with.
#   tools/bench/kernel_probe.sh BENCH OUT      (prints a table; writes OUT, key = value;
#                                               prints the chosen OPENBLAS_CORETYPE last,
#                                               "auto" for none)
# Candidates: the preset OPENBLAS_CORETYPE (if any), OpenBLAS's own detection (variable
# unset), SkylakeX, Cooperlake, Zen, Haswell. Each runs `BENCH --probe-kernel` (bench_probe.c)
# with the variable set for that one command: the core name OpenBLAS reports, its products
# checked against a naive one (bound k·eps), its 1-thread GFLOP/s at n = 512. The fastest
# correct one is kept (a later candidate must be 5% faster to replace an earlier one).
# Only the bench sees it: tests and CI never set the variable.
set -eu
bench=$1; out=$2
preset=${OPENBLAS_CORETYPE:-}
candidates=""
for c in "$preset" auto SkylakeX Cooperlake Zen Haswell; do
  [ -n "$c" ] || continue
  case " $candidates " in *" $c "*) continue ;; esac
  candidates="$candidates $c"
done

best=""; best_core=""; best_gflops=0; preset_gflops=""
: > "$out.tmp"
printf '  %-22s %-12s %8s %9s %9s  %s\n' candidate "core name" GFLOP/s "max err" bound correct >&2
for c in $candidates; do
  # A kernel the CPU cannot run dies of SIGILL; a hung one is stopped after 120 s.
  if [ "$c" = auto ]; then
    line=$(env -u OPENBLAS_CORETYPE timeout 120 "$bench" --probe-kernel 2>/dev/null) || line=""
  else
    line=$(OPENBLAS_CORETYPE=$c timeout 120 "$bench" --probe-kernel 2>/dev/null) || line=""
  fi
  [ -n "$line" ] || line="core=(crashed) gflops=0 max_err=- bound=- correct=0"
  eval "$(echo "$line" | tr ' ' '\n' | sed -n 's/^\(core\|gflops\|max_err\|bound\|correct\)=\(.*\)$/p_\1="\2"/p')"
  label=$c
  [ "$c" = "$preset" ] && label="$c (preset)"
  [ "$c" = auto ] && label="auto (variable unset)"
  printf '  %-22s %-12s %8s %9s %9s  %s\n' "$label" "$p_core" "$p_gflops" "$p_max_err" "$p_bound" \
    "$([ "$p_correct" = 1 ] && echo yes || echo NO)" >&2
  echo "openblas_probe_${c}_gflops = $p_gflops" >> "$out.tmp"
  echo "openblas_probe_${c}_correct = $p_correct" >> "$out.tmp"
  echo "openblas_probe_${c}_core = $p_core" >> "$out.tmp"
  [ "$c" = "$preset" ] && preset_gflops=$p_gflops
  # A later candidate must beat the one kept by 5%, more than the probe's noise on a shared
  # machine, and report another core name (the same name runs the same kernels), so that
  # the choice does not flip between equal kernels (SkylakeX and Cooperlake share their
  # dgemm): among equals the earlier one (the preset, then OpenBLAS's own choice) stays.
  if [ "$p_correct" = 1 ] && [ "$p_core" != "${best_core:-}" ] &&
     awk "BEGIN { exit !($p_gflops > 1.05 * $best_gflops) }"; then
    best=$c; best_gflops=$p_gflops; best_core=$p_core
  fi
done

if [ -z "$best" ]; then
  echo "  no candidate gave correct products: the bench runs OpenBLAS as detected (variable unset)" >&2
  best=auto; best_core=unknown
else
  why="the fastest correct candidate (a later one replaces an earlier one only if 5% faster on another core)"
  [ -n "$preset" ] && [ "$best" != "$preset" ] &&
    why="$why; the preset $preset ran at ${preset_gflops:-0} GFLOP/s, $(awk "BEGIN { printf \"%.2f\", ${preset_gflops:-0} / $best_gflops }") of it"
  echo "  chosen: $best (OpenBLAS reports $best_core, $best_gflops GFLOP/s): $why" >&2
fi
echo "openblas_preset = ${preset:-unset}" >> "$out.tmp"
echo "openblas_kernel = $best" >> "$out.tmp"
echo "openblas_kernel_core = $best_core" >> "$out.tmp"
mv "$out.tmp" "$out"
echo "$best"
