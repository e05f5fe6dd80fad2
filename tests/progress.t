#!/bin/sh
# The progress line of a long loop (nn_progress, lib/nn_cli.h), seen on a real terminal.
#
# Chapter 2 trains its 2-D networks with a progress line (--skip-images keeps the run to a
# few seconds). It runs under a pseudo-terminal made by script(1), its stdout redirected to a
# file, its stderr left on the terminal, as a student's `make chapter2 > log` would:
#   1. the terminal shows a progress line ("label: done/total (p%, t s)"), drawn at least
#      twice, each drawing starting with \r and no newline between the drawings of one loop:
#      it is redrawn in place, not scrolled;
#   2. the line is erased when the loop ends (\r, spaces, \r after its last drawing), so the
#      narration that follows does not land on top of it;
#   3. the redirected stdout holds the narration and nothing of the progress line (no \r,
#      no "done/total (p%" text);
#   4. with stderr a file as well (no terminal anywhere), no progress line is written at all.
# Skipped, with the reason, when script(1) is missing (Debian: bsdutils), when chapter 2 is
# not built, and under sanitizers (an instrumented run is slow and adds nothing here).
#
# Environment (set by make test): NN_BUILD, NN_SAN.
cd "$(dirname "$0")/.." || exit 1
build=${NN_BUILD:-build/cc-double}
prog=$build/chapters/02-mlp/02-mlp

skip_all() { echo "1..0 # SKIP $*"; exit 0; }
command -v script >/dev/null 2>&1 || skip_all "no script(1) to make a pseudo-terminal (apt-get install bsdutils)"
[ -x "$prog" ] || skip_all "$prog is not built (make build)"
[ -n "${NN_SAN:-}" ] && skip_all "sanitized build: a slow run that checks nothing the plain build does not"
command -v perl >/dev/null 2>&1 || skip_all "no perl to read the terminal's bytes"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/progress.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "1..4"

# script -e returns the command's exit status; -q leaves the start and end notices out of
# the terminal output; the typescript file records every byte the terminal received.
script -q -e -c "'$prog' --skip-images --threads 1 --out '$tmp/run1' > '$tmp/stdout'" \
  "$tmp/terminal" < /dev/null > /dev/null 2>&1
status=$?
"$prog" --skip-images --threads 1 --out "$tmp/run2" > "$tmp/stdout2" 2> "$tmp/stderr2" < /dev/null
status2=$?

perl - "$tmp" "$status" "$status2" <<'EOF'
use strict;
use warnings;
my ($tmp, $status, $status2) = @ARGV;
sub slurp { open(my $f, '<:raw', $_[0]) or return ''; local $/; my $s = <$f>; close $f; $s }
my ($term, $out, $out2, $err2) = map { slurp("$tmp/$_") } qw(terminal stdout stdout2 stderr2);
my $draw = qr/\r([^\r\n]+?): (\d+)\/(\d+) \((\d+)%, [0-9.]+ s\)[^\r\n]*/;
my $n = 0;
sub point { my ($ok, $what, @diag) = @_; $n++; print(($ok ? 'ok' : 'not ok') . " $n - $what\n"); print "# $_\n" for @diag; }
sub shown { my $s = substr($_[0], 0, 300); $s =~ s/\r/\\r/g; $s =~ s/\n/\\n/g; $s =~ s/\e/\\e/g; $s }

# 1. Drawn in place: group the drawings by label, in order of appearance.
my (%draws, @labels);
while ($term =~ /$draw/g) {
    push @labels, $1 unless $draws{$1};
    push @{$draws{$1}}, [$-[0], $+[0], $2, $3];
}
my ($best) = sort { @{$draws{$b}} <=> @{$draws{$a}} } @labels;
my $count = $best ? @{$draws{$best}} : 0;
my $between = $best ? substr($term, $draws{$best}[0][0], $draws{$best}[-1][1] - $draws{$best}[0][0]) : '';
point($status == 0 && $count >= 2 && $between !~ /\n/,
      sprintf("progress on the terminal: '%s' drawn %d times, each from \\r, no newline between "
              . "(%d loops with a progress line, chapter exit %d)", $best // 'none', $count, scalar @labels, $status),
      $count ? () : ('no progress line in what the terminal received: ' . shown($term)),
      $between =~ /\n/ ? ('a newline between two drawings: ' . shown($between)) : ());

# 2. Erased at the end of each loop: after its last drawing, \r, spaces, \r.
my @not_erased = grep { substr($term, $draws{$_}[-1][1]) !~ /\A\r {10,}\r/ } @labels;
point(@labels && !@not_erased, 'the progress line is erased (\r, spaces, \r) when its loop ends',
      map { "'$_' is not erased: " . shown(substr($term, $draws{$_}[-1][1], 80)) } @not_erased);

# 3. Nothing of it in the redirected stdout, which still has the narration.
my $leak = $out =~ /\r|\d+\/\d+ \(\d+%/;
point(length($out) > 200 && !$leak,
      sprintf('redirected stdout: %d bytes of narration, no \r and no progress text', length $out),
      $leak ? ('progress text in stdout: ' . shown($out =~ /(.{0,40}(?:\r|\d+\/\d+ \(\d+%).{0,40})/s ? $1 : $out)) : ());

# 4. No terminal at all: no progress anywhere.
my $any = "$out2$err2" =~ /\r|\d+\/\d+ \(\d+%/;
point($status2 == 0 && !$any && length($out2) > 200,
      "without a terminal (stdout and stderr files) no progress line is written (exit $status2)",
      $any ? ('progress text without a terminal: ' . shown($err2)) : ());
EOF
