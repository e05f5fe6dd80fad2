# tests/chapter-run.sh: one run of a chapter per `make test`, shared by the test files that
# read it (sourced by tests/*.t).
#
#     . tests/chapter-run.sh
#     chapter_run 07-fitting 1      # sets run_dir, run_rc, run_log
#
# A chapter's files are a function of its binary and its flags alone: chapters.t checks
# that --threads 1 and --threads 2 give the same bytes, into different directories. So a
# run made once can be read by every test that needs it. make test sets NN_RUNS to an empty
# directory ($(BUILD)/test-runs, emptied at the start of each `make test`); the first
# chapter_run of NAME with THREADS runs it into NN_RUNS/NAME.threadsT and keeps the exit
# status and the log beside it, later calls reuse them. Without NN_RUNS (a test run by
# hand), each call runs the chapter into a directory of its own under $tmp.
chapter_run() {  # NAME THREADS
  _name=$1; _threads=$2
  _prog="${NN_BUILD:-build/cc-double}/chapters/$_name/$_name"
  if [ -n "${NN_RUNS:-}" ]; then
    mkdir -p "$NN_RUNS" || return 1
    run_dir="$NN_RUNS/$_name.threads$_threads"
  else
    run_dir="${tmp:?chapter_run needs \$tmp or \$NN_RUNS}/$_name.threads$_threads"
  fi
  run_log="$run_dir.log"
  if [ -z "${NN_RUNS:-}" ] || [ ! -f "$run_dir.rc" ]; then
    rm -rf "$run_dir"
    "$_prog" --quiet --threads "$_threads" --out "$run_dir" >"$run_log" 2>&1
    echo $? > "$run_dir.rc"
  fi
  run_rc=$(cat "$run_dir.rc")
}
