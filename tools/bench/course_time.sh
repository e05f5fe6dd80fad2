#!/bin/sh
# The whole course, timed as a student runs it.
#   tools/bench/course_time.sh OUT [make variables...]     (writes OUT, key = value)
# Copies the tracked sources (git ls-files, as they are in the working tree) into a fresh
# directory, so that nothing is built yet and the repository's figures/ are not touched;
# there, times the whole `make` (library, every chapter, figures, the site with pandoc;
# Chromium is not needed: it only serves `make test-html`), then each `make chapterN`
# again (run and render, the program already built), and removes the copy.
# Wall and CPU seconds (of make and everything it ran) come from perl's times().
set -eu
out=$1; shift
# As a student types it: not as a sub-make of `make bench` (whose flags and command-line
# variables would reach it through MAKEFLAGS).
unset MAKEFLAGS MFLAGS MAKELEVEL
root=$(pwd)
git rev-parse --git-dir >/dev/null 2>&1 ||
  { echo "course_time.sh: not a git checkout: the tracked sources cannot be listed" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/nncourse-time.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$dir"

# timed NAME COMMAND...: runs it in the copy, output to its log, appends NAME_seconds
# and NAME_cpu_seconds to OUT.tmp; a failure is reported and recorded as -1.
timed() {
  name=$1; shift
  if ! (cd "$dir" && perl -MTime::HiRes=time -e '
        my $t = time; my $rc = system(@ARGV); my @c = times;
        printf STDERR "%.2f %.2f\n", time - $t, $c[2] + $c[3]; exit($rc ? 1 : 0)' "$@" \
        >>"$dir/course.log" 2>"$dir/time.txt.raw"); then
    echo "  $name: failed (the last lines of its log follow)" >&2
    tail -n 5 "$dir/course.log" >&2
    echo "${name}_seconds = -1" >> "$out.tmp"
    return 0
  fi
  # The timing is the last line of stderr (make's own messages come before it).
  set -- $(tail -n 1 "$dir/time.txt.raw")
  sed '$d' "$dir/time.txt.raw" >> "$dir/course.log"
  echo "${name}_seconds = $1" >> "$out.tmp"
  echo "${name}_cpu_seconds = $2" >> "$out.tmp"
  printf '  %-18s %7.1f s wall, %7.1f s CPU\n' "$name" "$1" "$2"
}

: > "$out.tmp"
echo "  (in a fresh copy of the tracked sources: $dir)"
timed whole_make make "$@"
for d in "$root"/chapters/[0-9][0-9]-*/; do
  n=$(basename "$d" | sed 's/^0*\([0-9]*\)-.*/\1/')
  timed "chapter_$n" make "chapter$n" "$@"
done
mv "$out.tmp" "$out"
