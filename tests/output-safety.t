#!/usr/bin/perl
# What a chapter run does to its --out, checked on the real programs (lib/nn_run.h says
# what is promised; tests/test_run.c checks the library alone):
#   1. killed by SIGINT or SIGTERM at several moments, a run leaves --out exactly as it was
#      (or, when the signal came after the run finished, exactly the complete new run),
#      with no staging directory or temporary file left;
#   2. symlinks planted at every name a run writes (and at the `<name>.tmp` names older
#      writers used) are replaced by the run's files, their targets left untouched;
#   3. two runs with different seeds into one --out leave the complete files of one of
#      them, never a mixture (compared with reference runs of each seed);
#   4. an --out path of 1010 characters works (fixed 1024-byte buffers aborted on it);
#   5. --threads above the number of processors is capped with a one-line notice.
#   6. So is OMP_NUM_THREADS above it (when --threads leaves the count to OpenMP).
# Chapters 1 and 3 run in milliseconds and are used throughout; chapter 2 (--skip-images,
# one thread, a few seconds) is killed mid-run and run twice concurrently, except under
# sanitizers (NN_SAN), where those points are skipped.
#
# Environment (set by make test): NN_BUILD, NN_SAN.
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Copy qw(copy);
use File::Path qw(make_path remove_tree);
use File::Temp qw(tempdir);
use Digest::MD5;
use POSIX qw(:sys_wait_h);
use Time::HiRes qw(sleep time);

chdir(dirname(__FILE__) . '/..') or die "cannot cd to the repository: $!";
my $build = $ENV{NN_BUILD} || 'build/cc-double';
my $sanitized = $ENV{NN_SAN} ? 1 : 0;
my %prog = map { $_ => "$build/chapters/$_/$_" } qw(01-perceptron 02-mlp 03-backprop);
my %extra = ('01-perceptron' => [], '03-backprop' => [], '02-mlp' => [ '--skip-images', '--threads', '1' ]);
my $tmp = tempdir('output-safety.XXXXXX', TMPDIR => 1, CLEANUP => 1);

# Chapters 1 and 3: a sweep of moments, 0 to 100 ms in steps of 4 ms, SIGINT and SIGTERM
# in turn (a run takes 20-100 ms: the sweep lands in its start, its middle, its end and
# after it); chapter 2: two moments in its seconds of work.
my @kills_fast = map { [ $_ % 2 ? 'TERM' : 'INT', 0.004 * $_ ] } 0 .. 25;
my @kills_ch2 = ([ 'INT', 0.5 ], [ 'TERM', 1.5 ]);
my $pairs_fast = 8;
my $plan = 2 + @kills_ch2 + 2 + 2 + 2 + 1 + 2 + 2;
print "1..$plan\n";
my $n = 0;
sub ok   { my ($good, $what, @diag) = @_; $n++; print(($good ? "ok" : "not ok") . " $n - $what\n"); print "# $_\n" for $good ? () : @diag; return $good }
sub skip { my ($why) = @_; $n++; print "ok $n # SKIP $why\n" }

# Every entry below a directory: type, and bytes (plus inode and mtime when asked) of files.
sub snapshot {
    my ($root, $with_inodes) = @_;
    my @lines;
    my $walk;
    $walk = sub {
        my ($path, $rel) = @_;
        my @st = lstat $path or return;
        if (-l _) { push @lines, "$rel -> " . readlink($path) }
        elsif (-d _) {
            push @lines, "$rel/";
            opendir(my $dh, $path) or return;
            $walk->("$path/$_", "$rel/$_") for sort grep { $_ ne '.' && $_ ne '..' } readdir $dh;
            closedir $dh;
        }
        elsif (-f _) {
            open(my $fh, '<:raw', $path) or return;
            my $md5 = Digest::MD5->new->addfile($fh)->hexdigest;
            close $fh;
            push @lines, "$rel $st[7] $md5" . ($with_inodes ? " inode $st[1] mtime $st[9]" : '');
        }
        else { push @lines, "$rel special" }
    };
    $walk->($root, '.');
    return join("\n", @lines) . "\n";
}

sub differences {
    my ($a, $b) = @_;
    my %x = map { $_ => 1 } split /\n/, $a;
    my %y = map { $_ => 1 } split /\n/, $b;
    return ((map { "only before: $_" } grep { !$y{$_} } sort keys %x),
            (map { "only after:  $_" } grep { !$x{$_} } sort keys %y));
}

# Starts a chapter in the background; returns its pid. Its stderr goes to $log{$pid}.
my (%log, $logs);
sub start {
    my ($chapter, $out, @args) = @_;
    my $err = "$tmp/log" . ++$logs;
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    $log{$pid} = $err;
    if ($pid == 0) {
        open(STDOUT, '>', '/dev/null') or POSIX::_exit(254);
        open(STDERR, '>', $err) or POSIX::_exit(254);
        { no warnings 'exec'; exec $prog{$chapter}, '--quiet', '--out', $out, @{ $extra{$chapter} }, @args; }
        POSIX::_exit(255);
    }
    return $pid;
}
sub slurp { my ($path) = @_; open(my $fh, '<', $path) or return ''; local $/; my $s = <$fh>; return $s // '' }
my $last_stderr = '';
sub finish {
    my ($pid) = @_;
    waitpid($pid, 0);
    my $status = WIFEXITED($?) ? WEXITSTATUS($?) : 'signal ' . WTERMSIG($?);
    $last_stderr = slurp($log{$pid});
    return $status;
}
sub run { my ($chapter, $out, @args) = @_; return finish(start($chapter, $out, @args)) }


# Reference runs: the files a complete run of each seed writes.
my %reference;
sub reference {
    my ($chapter, $seed) = @_;
    my $dir = "$tmp/ref-$chapter-$seed";
    return $reference{$dir} //= do {
        my $status = run($chapter, $dir, '--seed', $seed);
        die "$chapter --seed $seed: exit $status\n$last_stderr" if $status ne '0';
        snapshot($dir, 0);
    };
}

# An --out holding a previous run's files (a copy of the run of seed 2), to be left alone
# or replaced whole.
sub previous_run {
    my ($chapter, $dir) = @_;
    reference($chapter, 2);
    remove_tree($dir);
    make_path($dir);
    opendir(my $dh, "$tmp/ref-$chapter-2") or die $!;
    for my $name (grep { !/^\./ } readdir $dh) { copy("$tmp/ref-$chapter-2/$name", "$dir/$name") or die $! }
    closedir $dh;
    return $dir;
}

# ---- 1. Killed at several moments --------------------------------------------------
# One kill: 'untouched', 'finished' (every file of the run was in place before the signal
# took effect: it exited 0, or the signal, held while the files were moved in, ended it
# just after), or a list of what is wrong.
sub kill_at {
    my ($chapter, $signal, $after) = @_;
    my $out = previous_run($chapter, "$tmp/kill-$chapter-$signal-$after");
    my $before = snapshot($out, 1);
    my $complete = reference($chapter, 1);
    my $pid = start($chapter, $out, '--seed', '1');
    sleep $after;
    kill $signal, $pid;
    my $status = finish($pid);
    my $now = snapshot($out, 1);
    return 'untouched' if $now eq $before && $status =~ /^signal/;
    return 'finished' if ($status eq '0' || $status =~ /^signal/) && snapshot($out, 0) eq $complete;
    return ("SIG$signal after ${after}s: exit $status", differences($before, $now), "stderr: $last_stderr");
}
for my $chapter ('01-perceptron', '03-backprop') {
    my %count = (untouched => 0, finished => 0);
    my @bad;
    for my $k (@kills_fast) {
        my @r = kill_at($chapter, @$k);
        if (@r == 1) { $count{ $r[0] }++ } else { push @bad, @r }
    }
    ok(!@bad, sprintf("%s killed %d times (SIGINT/SIGTERM, 0-100 ms): --out exactly as it was %d times, " .
                      "the complete new run %d times (its files were in first), never anything else, no staging left",
                      $chapter, scalar @kills_fast, $count{untouched}, $count{finished}), @bad);
}
for my $k (@kills_ch2) {
    if ($sanitized) { skip("02-mlp killed after $k->[1] s: not under sanitizers (seconds of instrumented run)"); next }
    my @r = kill_at('02-mlp', @$k);
    ok(@r == 1 && $r[0] eq 'untouched', "02-mlp, SIG$k->[0] after $k->[1] s (mid-run): --out exactly as it was, " .
       "no staging left", @r);
}

# ---- 2. Symlinks at every name a run writes ------------------------------------------
sub planted_links {
    my ($chapter) = @_;
    my $ref = "$tmp/ref-$chapter-1";
    reference($chapter, 1);
    opendir(my $dh, $ref) or die "$ref: $!";
    my @names = sort grep { !/^\./ } readdir $dh;
    closedir $dh;
    my $out = "$tmp/links-$chapter";
    my $victims = "$tmp/victims-$chapter";
    make_path($out, $victims);
    for my $name (@names) {
        for my $link ($name, "$name.tmp") {
            open(my $fh, '>', "$victims/$link") or die $!;
            print $fh "victim of $link\n";
            close $fh;
            symlink("$victims/$link", "$out/$link") or die "symlink: $!";
        }
    }
    symlink("$victims/does-not-exist", "$out/dangling.tmp") or die;
    my $victims_before = snapshot($victims, 1);
    my $status = run($chapter, $out, '--seed', '1');
    my @replaced = grep { !-l "$out/$_" && -f "$out/$_" } @names;
    my $same = 1;
    for my $name (@names) { $same &&= slurp("$out/$name") eq slurp("$ref/$name") }
    ok($status eq '0' && snapshot($victims, 1) eq $victims_before && !-e "$victims/does-not-exist",
       "$chapter: symlinks at its " . scalar(@names) . " names and their .tmp: every target untouched",
       "exit $status", differences($victims_before, snapshot($victims, 1)));
    ok(@replaced == @names && $same,
       "$chapter: each of the " . scalar(@names) . " linked names now a regular file holding the run's bytes",
       "replaced " . scalar(@replaced) . " of " . scalar(@names));
}
planted_links($_) for '01-perceptron', '03-backprop';

# ---- 3. Two runs into one --out --------------------------------------------------------
sub concurrent {
    my ($chapter, $pairs) = @_;
    my ($one, $two) = (reference($chapter, 1), reference($chapter, 2));
    my ($good, @bad) = (0);
    for my $p (1 .. $pairs) {
        my $out = "$tmp/pair-$chapter-$p";
        remove_tree($out);
        make_path($out);
        my @pids = (start($chapter, $out, '--seed', '1'), start($chapter, $out, '--seed', '2'));
        my @status = map { finish($_) } @pids;
        my $now = snapshot($out, 0);
        if ("@status" eq '0 0' && ($now eq $one || $now eq $two)) { $good++ }
        else { push @bad, "pair $p: exit @status", differences($now eq $one ? '' : $one, $now) }
    }
    ok($good == $pairs, "$chapter: $pairs pairs of runs (seeds 1 and 2) into one --out, both exit 0: " .
       "each time exactly the complete files of one seed", @bad[0 .. ($#bad < 20 ? $#bad : 20)]);
}
concurrent('01-perceptron', $pairs_fast);
if ($sanitized) { skip('02-mlp concurrent runs: not under sanitizers (seconds of instrumented run)') }
else { concurrent('02-mlp', 1) }

# ---- 4. A long --out ------------------------------------------------------------------
{
    my $out = "$tmp/long";
    $out .= '/' . ('d' x 100) while 1010 - length($out) > 101;
    $out .= '/' . ('e' x (1010 - length($out) - 1));
    my $status = run('03-backprop', $out, '--seed', '1');
    ok($status eq '0' && length($out) == 1010 && snapshot($out, 0) eq reference('03-backprop', 1),
       "03-backprop --out of 1010 characters: exit $status, the complete run written there",
       "stderr: $last_stderr");
}

# ---- 5. More threads than processors -------------------------------------------------
{
    my $procs = 0;
    if (open(my $fh, '<', '/proc/cpuinfo')) { $procs = grep { /^processor\s*:/ } <$fh> }
    my $out = "$tmp/threads";
    my $status = run('01-perceptron', $out, '--threads', '1024', '--seed', '1');
    my $err = $last_stderr;
    my @lines = split /\n/, $err;
    ok($status eq '0' && @lines == 1 && $err =~ /^01-perceptron: --threads 1024: capped at (\d+), the number of processors/
       && ($procs == 0 || $1 == $procs),
       "--threads 1024: one notice line, capped at the processors ($procs), exit $status", "stderr: $err");
    ok(snapshot($out, 0) eq reference('01-perceptron', 1),
       '--threads 1024 (capped): the same files as the reference run');
}

# ---- 6. More threads than processors, from OMP_NUM_THREADS ---------------------------
# The same cap when the count comes from the environment (without OpenMP there is nothing
# to cap, and nothing is said).
{
    my $procs = 0;
    if (open(my $fh, '<', '/proc/cpuinfo')) { $procs = grep { /^processor\s*:/ } <$fh> }
    my $openmp = ($ENV{NN_OPENMP} // '1') ne '0';
    my $out = "$tmp/omp-threads";
    local $ENV{OMP_NUM_THREADS} = 64;
    my $status = run('01-perceptron', $out, '--seed', '1');
    my $err = $last_stderr;
    my @lines = split /\n/, $err;
    if ($openmp) {
        ok($status eq '0' && @lines == 1 && $err =~ /^01-perceptron: OMP_NUM_THREADS=64: capped at (\d+), the number of processors/
           && ($procs == 0 || $procs >= 64 || $1 == $procs),
           "OMP_NUM_THREADS=64: one notice line, capped at the processors ($procs), exit $status", "stderr: $err");
    } else {
        ok($status eq '0' && $err eq '', "OMP_NUM_THREADS=64 without OpenMP: nothing to cap, nothing said, exit $status",
           "stderr: $err");
    }
    ok(snapshot($out, 0) eq reference('01-perceptron', 1),
       'OMP_NUM_THREADS=64 (capped): the same files as the reference run');
}
