#!/bin/sh
# Runs the libFuzzer targets of `make fuzz` (tests/fuzz/README.md).
#   tests/fuzz/run.sh --check               is clang with libFuzzer there? (installs it as root)
#   tests/fuzz/run.sh SECONDS BINARY...     fuzz each for SECONDS, then report coverage
# Each target starts from its seeds in tests/fuzz/corpus/<target>/ and keeps what it finds
# in build/fuzz/corpus/<target>/ (the tree's seeds are never written). A crash stops the
# run with libFuzzer's report and the input saved as build/fuzz/crash-<target>-*; exit 1.
# After fuzzing, when llvm-profdata and llvm-cov are installed, the coverage build of each
# target (build/fuzz/cov/<target>) replays its corpus and the line coverage of the library
# files it exercises is printed.
set -u
cd "$(dirname "$0")/../.." || exit 1

if [ "${1:-}" = --check ]; then
  fuzzer=$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)
  if command -v clang >/dev/null 2>&1 && [ -f "$fuzzer" ]; then exit 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make fuzz: installing clang and libFuzzer (clang libclang-rt-dev)"
    apt-get install -y -qq --no-install-recommends clang libclang-rt-dev >/dev/null && exit 0
  fi
  echo "make fuzz: needs clang with libFuzzer: apt-get install clang libclang-rt-dev" >&2
  exit 1
fi

seconds=${1:?usage: run.sh SECONDS BINARY...}
shift
status=0
for bin in "$@"; do
  name=$(basename "$bin")
  corpus=build/fuzz/corpus/$name
  mkdir -p "$corpus"
  extra=""
  [ "$name" = fuzz_cli ] && extra="-close_fd_mask=1"     # --help prints the usage to stdout
  echo "== $name: ${seconds} s from tests/fuzz/corpus/$name"
  log=build/fuzz/$name.log
  # -timeout: one input may take at most 10 s; -rss_limit_mb: 2 GB (a header may ask for
  # 2^31 bytes, which the reader only allocates as the data arrives)
  "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
         -artifact_prefix="build/fuzz/crash-$name-" $extra "$corpus" "tests/fuzz/corpus/$name" \
         >"$log" 2>&1
  rc=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)|^#[0-9]+.*DONE' "$log" |
    sed "s/^/   /"
  if [ $rc != 0 ]; then
    echo "   $name FAILED (exit $rc): the report, from $log:"
    grep -A 40 -E 'ERROR|runtime error|deadly signal|timeout' "$log" | head -60 | sed 's/^/   | /'
    status=1
  fi
done

# Coverage: each target's corpus replayed once by its instrumented build; the IDX targets
# are counted together on lib/nn_idx.c, the flag parser on lib/nn_cli.c.
if command -v llvm-profdata >/dev/null 2>&1 && command -v llvm-cov >/dev/null 2>&1; then
  idx_objects=""; idx_profiles=""; idx_inputs=0
  for bin in "$@"; do
    name=$(basename "$bin")
    cov=build/fuzz/cov/$name
    [ -x "$cov" ] || continue
    rm -f "build/fuzz/$name.profraw"
    LLVM_PROFILE_FILE=build/fuzz/$name.profraw "$cov" -runs=0 -close_fd_mask=3 \
      "build/fuzz/corpus/$name" "tests/fuzz/corpus/$name" >/dev/null 2>&1
    inputs=$(find "build/fuzz/corpus/$name" "tests/fuzz/corpus/$name" -type f | wc -l)
    if [ "$name" = fuzz_cli ]; then
      llvm-profdata merge -sparse "build/fuzz/$name.profraw" -o build/fuzz/cli.profdata &&
      llvm-cov report "$cov" -instr-profile=build/fuzz/cli.profdata lib/nn_cli.c 2>/dev/null |
        awk -v n="$inputs" '/^TOTAL/ { printf "== lib/nn_cli.c under fuzz_cli (%d inputs): lines %s of %s covered (%s), branches %s\n", n, $8 - $9, $8, $10, $13 }'
      llvm-cov report "$cov" -instr-profile=build/fuzz/cli.profdata -show-functions lib/nn_cli.c 2>/dev/null |
        awk '$1 ~ /^(nn_|nn_cli\.c:|fuzz_cli\.c:)/ && $1 !~ /(nn_say|nn_progress_start|nn_progress_update|nn_progress_end|now_seconds|nn_check_finite)$/ {
               lines += $5; missed += $6 }
             END { if (lines) printf "   of which the parser (all but narration, progress and nn_check_finite; nn_cli.c is included in fuzz_cli.c): lines %d of %d (%.2f%%)\n", lines - missed, lines, 100 * (lines - missed) / lines }'
    else
      idx_objects="$idx_objects ${idx_objects:+-object }$cov"
      idx_profiles="$idx_profiles build/fuzz/$name.profraw"
      idx_inputs=$((idx_inputs + inputs))
    fi
  done
  if [ -n "$idx_profiles" ]; then
    llvm-profdata merge -sparse $idx_profiles -o build/fuzz/idx.profdata &&
    llvm-cov report $idx_objects -instr-profile=build/fuzz/idx.profdata lib/nn_idx.c 2>/dev/null |
      awk -v n="$idx_inputs" '/^TOTAL/ { printf "== lib/nn_idx.c under the IDX targets (%d inputs): lines %s of %s covered (%s), branches %s\n", n, $8 - $9, $8, $10, $13 }'
    # the same without the functions that open files and directories (not reachable from
    # memory; tests/test_idx.c runs them): the parser, the set checks, the batch reader
    llvm-cov report $idx_objects -instr-profile=build/fuzz/idx.profdata -show-functions lib/nn_idx.c 2>/dev/null |
      awk '$1 ~ /^(nn_|nn_idx\.c:)/ && $1 !~ /(nn_idx_read|nn_fashion_mnist_load|file_kind|load_half|read_member)$/ {
             lines += $5; missed += $6 }
           END { if (lines) printf "   of which the code reachable from memory (all but nn_idx_read and the directory loader): lines %d of %d (%.2f%%)\n", lines - missed, lines, 100 * (lines - missed) / lines }' 
  fi
else
  echo "== coverage: not measured (install llvm for llvm-profdata and llvm-cov)"
fi
exit $status
