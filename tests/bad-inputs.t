#!/usr/bin/perl
# Bad inputs, from the table tests/bad-inputs.txt (its header says what a row holds).
#
# One TAP point per row: the chapter program, run on the row's arguments with --out in a
# scratch directory that holds a previous run's files, must
#   1. end with the row's exit status (not a signal, not a hang: 300 s at most),
#   2. say every word of the row on stderr, one of them naming the flag or the file,
#   3. leave the scratch directory exactly as it was: the same names, bytes, inodes and
#      modification times, no staging directory, no new directory of --out.
# Rows of a chapter that is not built are skipped (so later chapters add rows first);
# rows marked `slow` are skipped under sanitizers, rows marked `exact` in every build but
# gcc in double (the one the figures are made with), rows on {fashion} when it is absent.
#
# Environment (set by make test): NN_BUILD, NN_SAN, NN_REAL, NN_CC.
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use Digest::MD5;
use IO::Compress::Gzip qw(gzip $GzipError);
use POSIX qw(mkfifo :sys_wait_h);
use Text::ParseWords qw(shellwords);
use Time::HiRes qw(sleep time);

chdir(dirname(__FILE__) . '/..') or die "cannot cd to the repository: $!";
my $build = $ENV{NN_BUILD} || 'build/cc-double';
my $sanitized = $ENV{NN_SAN} ? 1 : 0;
my $exact_build = ($ENV{NN_REAL} // 'double') eq 'double' && ($ENV{NN_CC} // 'cc') =~ /^(cc|gcc)$/;
my $fashion = '/usr/share/datasets/fashion-mnist';     # NN_FASHION_MNIST_DIR
my $timeout = 300;

# ---- The table ----------------------------------------------------------------------
my @rows;
open(my $table, '<', 'tests/bad-inputs.txt') or die "tests/bad-inputs.txt: $!";
while (my $line = <$table>) {
    next if $line =~ /^\s*(#|$)/;
    chomp $line;
    my ($chapter, $status, $words, $args, $tag) = split /\s*\|\s*/, $line, 5;
    die "tests/bad-inputs.txt:$.: needs chapter | exit | words | arguments\n"
        unless defined $args && $status =~ /^\d+$/;
    my %tags = map { $_ => 1 } split ' ', $tag // '';
    push @rows, { line => $., chapter => $chapter, status => $status, args => $args,
                  words => [ split /\s*;\s*/, $words ], slow => $tags{slow}, exact => $tags{exact} };
}
close $table;
print "1..", scalar @rows, "\n";

my $tmp = tempdir('bad-inputs.XXXXXX', TMPDIR => 1, CLEANUP => 1);

# ---- Data fixtures: Fashion-MNIST-shaped sets, each broken in one way ----------------
sub idx_bytes {          # type, dims..., then the data bytes (counting mod 251)
    my ($type, @dims) = @_;
    my $n = 1;
    $n *= $_ for @dims;
    return pack('CCCC', 0, 0, $type, scalar @dims) . pack('N*', @dims)
         . pack('C*', map { $_ % 251 } 0 .. $n - 1);
}
sub labels_bytes { my @labels = @_; return pack('CCCC', 0, 0, 8, 1) . pack('N', scalar @labels) . pack('C*', @labels) }
sub put {
    my ($path, $bytes) = @_;
    make_path(dirname($path));
    open(my $fh, '>:raw', $path) or die "$path: $!";
    print $fh $bytes;
    close $fh or die "$path: $!";
}
sub gz { my ($bytes) = @_; my $out; gzip(\$bytes => \$out) or die $GzipError; return $out }

# A whole set: train images gzipped, train labels plain, t10k the other way round
# (both spellings read). %change replaces a member's bytes (undef: leave it out).
sub make_set {
    my ($dir, $n_train, $n_test, %change) = @_;
    my %members = (
        'train-images-idx3-ubyte.gz' => gz(idx_bytes(8, $n_train, 28, 28)),
        'train-labels-idx1-ubyte'    => labels_bytes(map { $_ % 10 } 0 .. $n_train - 1),
        't10k-images-idx3-ubyte'     => idx_bytes(8, $n_test, 28, 28),
        't10k-labels-idx1-ubyte.gz'  => gz(labels_bytes(map { $_ % 10 } 0 .. $n_test - 1)),
    );
    %members = (%members, %change);
    make_path($dir);
    for my $name (sort keys %members) {
        put("$dir/$name", $members{$name}) if defined $members{$name};
    }
}

sub make_fixtures {
    my $d = "$tmp/data";
    make_set("$d/tiny", 20, 10);
    make_set("$d/zero", 0, 0);
    make_set("$d/zerotest", 20, 0);
    make_path("$d/empty");
    my $images = idx_bytes(8, 20, 28, 28);
    make_set("$d/truncated", 20, 10, 'train-images-idx3-ubyte.gz' => undef,
             'train-images-idx3-ubyte' => substr($images, 0, length($images) - 100));
    make_set("$d/garbage", 20, 10, 'train-images-idx3-ubyte.gz' => gz($images) . "junk after the stream");
    my $t10k = gz(idx_bytes(8, 10, 28, 28));
    substr($t10k, int(length($t10k) / 2), 1) ^= "\x55";
    make_set("$d/badgzip", 20, 10, 't10k-images-idx3-ubyte' => undef, 't10k-images-idx3-ubyte.gz' => $t10k);
    my $labels = gz(labels_bytes(map { $_ % 10 } 0 .. 19));
    make_set("$d/cutgzip", 20, 10, 'train-labels-idx1-ubyte' => undef,
             'train-labels-idx1-ubyte.gz' => substr($labels, 0, length($labels) - 4));
    make_set("$d/fifo", 20, 10, 't10k-labels-idx1-ubyte.gz' => undef);
    mkfifo("$d/fifo/t10k-labels-idx1-ubyte", 0600) or die "mkfifo: $!";
    make_set("$d/dirmember", 20, 10, 'train-images-idx3-ubyte.gz' => undef);
    make_path("$d/dirmember/train-images-idx3-ubyte");
    make_set("$d/badlabel", 20, 10, 'train-labels-idx1-ubyte' => labels_bytes((map { $_ % 10 } 0 .. 18), 10));
    make_set("$d/mismatch", 20, 10, 'train-labels-idx1-ubyte' => labels_bytes(map { $_ % 10 } 0 .. 18));
    make_set("$d/notidx", 20, 10, 'train-images-idx3-ubyte.gz' => undef,
             'train-images-idx3-ubyte' => "hello, this is not an IDX file\n");
    make_set("$d/wrongshape", 20, 10, 't10k-images-idx3-ubyte' => idx_bytes(8, 10, 28, 27));
    make_set("$d/floats", 20, 10, 'train-images-idx3-ubyte.gz' => undef,
             'train-images-idx3-ubyte' => idx_bytes(0x0d, 20, 28, 28));
}
make_fixtures();

# ---- A directory, described exactly ---------------------------------------------------
# Every entry below it: its type, and for a file its bytes, inode and mtime; for a link
# its target. Directories' own times change when a run creates and removes its staging
# directory inside, which is the point of staging, so they are left out.
sub snapshot {
    my ($root) = @_;
    my @lines;
    my $walk;
    $walk = sub {
        my ($path, $rel) = @_;
        my @st = lstat $path or return;
        if (-l _) { push @lines, "$rel -> " . readlink($path) }
        elsif (-d _) {
            push @lines, "$rel/";
            opendir(my $dh, $path) or return;
            my @names = sort grep { $_ ne '.' && $_ ne '..' } readdir $dh;
            closedir $dh;
            $walk->("$path/$_", "$rel/$_") for @names;
        }
        elsif (-f _) {
            open(my $fh, '<:raw', $path) or return push @lines, "$rel unreadable";
            my $md5 = Digest::MD5->new->addfile($fh)->hexdigest;
            close $fh;
            push @lines, "$rel file $st[7] bytes md5 $md5 inode $st[1] mtime $st[9]";
        }
        else { push @lines, "$rel special" }
    };
    $walk->($root, '.');
    return join("\n", @lines) . "\n";
}

# Runs argv with stdout and stderr to files; the exit status, "signal N", or "timeout".
sub run_program {
    my ($argv, $out, $err) = @_;
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDOUT, '>', $out) or POSIX::_exit(254);
        open(STDERR, '>', $err) or POSIX::_exit(254);
        { no warnings 'exec'; exec { $argv->[0] } @$argv; }
        POSIX::_exit(255);
    }
    my $deadline = time + $timeout;
    while (time < $deadline) {
        my $r = waitpid($pid, WNOHANG);
        if ($r == $pid) {
            return WIFEXITED($?) ? WEXITSTATUS($?) : 'signal ' . WTERMSIG($?);
        }
        sleep 0.01;
    }
    kill 'KILL', $pid;
    waitpid($pid, 0);
    return 'timeout';
}

sub slurp { my ($path) = @_; open(my $fh, '<', $path) or return ''; local $/; my $s = <$fh>; return $s // '' }

# ---- The cases -----------------------------------------------------------------------
my $n = 0;
for my $row (@rows) {
    $n++;
    my $prog = "$build/chapters/$row->{chapter}/$row->{chapter}";
    my $what = "$row->{chapter} $row->{args}";
    if (!-x $prog) { print "ok $n # SKIP $what: $prog is not built\n"; next }
    if ($row->{slow} && $sanitized) { print "ok $n # SKIP $what: trains for seconds, not under sanitizers\n"; next }
    if ($row->{exact} && !$exact_build) { print "ok $n # SKIP $what: its outcome holds in the gcc double build only (see its row)\n"; next }
    if ($row->{args} =~ /\{fashion\}/ && !-d $fashion) { print "ok $n # SKIP $what: Fashion-MNIST not installed\n"; next }

    my $case = "$tmp/case$n";
    make_path("$case/out");
    put("$case/a-file", "a regular file\n");
    put("$case/out/results.txt", "previous = 1\n");     # what an earlier run left
    put("$case/out/previous.dat", "# x y\n1 2\n");
    my %place = (tmp => $case, data => "$tmp/data", fashion => $fashion, name300 => 'n' x 300);
    my $expand = sub { my ($s) = @_; $s =~ s/\{(\w+)\}/exists $place{$1} ? $place{$1} : "{$1}"/ge; return $s };
    my @args = map { $expand->($_) } shellwords($row->{args});
    push @args, '--out', "$case/out" unless grep { /^--out(=|$)/ } @args;
    push @args, '--quiet';
    my @words = map { $expand->($_) } @{ $row->{words} };

    my $before = snapshot($case);
    my $started = time;
    my $status = run_program([ $prog, @args ], "$tmp/stdout", "$tmp/stderr");
    my $seconds = time - $started;
    my $after = snapshot($case);
    my $stderr = slurp("$tmp/stderr");

    my @problems;
    push @problems, "exit $status, expected $row->{status}" if $status ne $row->{status};
    for my $w (@words) { push @problems, "stderr lacks '$w'" if index($stderr, $w) < 0 }
    my %given = map { $_ => 1 } @args;
    push @problems, "no word names the flag (--x), the file (a/b) or the argument"
        unless grep { /^--|\// || $given{$_} } @words;
    push @problems, "the scratch directory (with --out) changed" if $before ne $after;
    (my $said = $stderr) =~ s/\s+$//;
    $said =~ s/\n.*//s;
    $said =~ s/\Q$case\E/{tmp}/g;
    $said =~ s/\Q$tmp\/data\E/{data}/g;
    $said = substr($said, 0, 160) . '...' if length $said > 160;
    if (@problems) {
        print "not ok $n - $what (tests/bad-inputs.txt:$row->{line})\n";
        print "# $_\n" for @problems;
        print "# stderr: $_\n" for split /\n/, $stderr;
        if ($before ne $after) {
            my %was = map { $_ => 1 } split /\n/, $before;
            my %now = map { $_ => 1 } split /\n/, $after;
            print "# gone: $_\n" for grep { !$now{$_} } sort keys %was;
            print "# new:  $_\n" for grep { !$was{$_} } sort keys %now;
        }
    } else {
        print "ok $n - $what: exit $status, \"$said\", --out unchanged\n";
        printf "# %.1f s\n", $seconds if $seconds > 1;
    }
}
