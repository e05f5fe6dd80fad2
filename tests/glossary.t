#!/usr/bin/perl
# The glossary (course.md, "## Glossary") names only library identifiers that exist.
#
# Each row of its table gives a term in English and in French, a symbol, and in the column
# "in the library" zero or more `identifiers`. Every one of them must be declared in lib/*.h:
# a whole word of the headers once their comments are removed (so a name that survives only
# in a comment, after a rename, does not count). One TAP point per row with identifiers, one
# for the French column being filled, and one showing that the check rejects a name that is
# not there (so that it cannot pass by accepting everything).
use strict;
use warnings;
use File::Basename qw(dirname);

chdir(dirname(__FILE__) . '/..') or die "glossary.t: cannot cd to the repository: $!\n";

my @points;
sub point { my ($ok, $what, @diag) = @_; push @points, [$ok, $what, @diag]; }

# The headers' code, without comments.
my $code = '';
for my $h (sort glob('lib/*.h')) {
    open(my $f, '<', $h) or die "glossary.t: $h: $!\n";
    local $/;
    my $src = <$f>;
    $src =~ s{/\*.*?\*/}{ }gs;
    $src =~ s{//[^\n]*}{}g;
    $code .= $src . "\n";
}
sub declared { my ($name) = @_; return $code =~ /(?<![A-Za-z0-9_])\Q$name\E(?![A-Za-z0-9_])/; }

# The table of the Glossary section.
open(my $c, '<', 'course.md') or die "glossary.t: course.md: $!\n";
my ($in, @rows, @header) = (0);
while (my $l = <$c>) {
    if ($l =~ /^## /) { last if $in; $in = $l =~ /^## Glossary\s*$/; next; }
    next unless $in && $l =~ /^\|/;
    my @cells = map { s/^\s+|\s+$//gr } split /\|/, $l =~ s/^\||\|\s*$//gr, -1;
    if (!@header) { @header = @cells; next; }
    next if $l =~ /^\|[\s:|-]+$/;
    push @rows, [$., @cells];
}
close $c;

my ($lib_col) = grep { $header[$_] =~ /library/i } 0 .. $#header;
my ($fr_col) = grep { $header[$_] =~ /fran/i } 0 .. $#header;
if (!@rows || !defined $lib_col || !defined $fr_col) {
    print "1..1\nnot ok 1 - course.md has a '## Glossary' table with a French and a library column\n";
    exit 1;
}

my @no_french = map { "course.md:$_->[0]: $_->[1]" } grep { ($_->[1 + $fr_col] // '') eq '' } @rows;
point(!@no_french, sprintf('glossary: all %d terms have their French name', scalar @rows),
      map { "no French term: $_" } @no_french);

my $named = 0;
for my $r (@rows) {
    my ($line, @cells) = @$r;
    my @names = ($cells[$lib_col] // '') =~ /`([^`]*)`/g;
    next unless @names;
    $named += @names;
    my @bad = grep { !/^[A-Za-z_][A-Za-z0-9_]*$/ || !declared($_) } map { s/\(\)$//r } @names;
    point(!@bad, "glossary '$cells[0]': " . join(', ', @names) . ' declared in lib/*.h',
          map { "course.md:$line: '$_' is not an identifier declared in lib/*.h" } @bad);
}

# The check itself can fail: a made-up name is rejected, a real one accepted.
my $fake = 'nn_glossary_no_such_name';
point(!declared($fake) && declared('nn_dense_forward'),
      "glossary check rejects '$fake' and accepts nn_dense_forward ($named names checked)");

printf "1..%d\n", scalar @points;
my $n = 0;
for my $p (@points) {
    my ($ok, $what, @diag) = @$p;
    $n++;
    print(($ok ? 'ok' : 'not ok') . " $n - $what\n");
    print "# $_\n" for @diag;
}
exit((grep { !$_->[0] } @points) ? 1 : 0);
