#!/bin/sh
# course.md agrees with the code and the results: every code excerpt equals its marked
# region in the source, every quoted number equals its key in figures/*/results.txt
# (tools/course-sync --check; fix with tools/course-sync --update).
cd "$(dirname "$0")/.." || exit 1
echo "1..1"
if out=$(perl tools/course-sync --check 2>&1); then
  echo "ok 1 - course.md excerpts and numbers agree with sources and results: ${out#course-sync: }"
else
  echo "not ok 1 - course.md excerpts and numbers agree with sources and results"
  printf '%s\n' "$out" | sed 's/^/# /'
  exit 1
fi
