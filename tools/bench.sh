#!/bin/sh
# make bench: build tools/bench/ against the library and OpenBLAS, choose OpenBLAS's
# fastest correct kernel, time the whole course, measure PyTorch if it is installed, then
# run the benchmark (quiet, then under contention).
#   tools/bench.sh CC BUILD REAL OPENMP [bench arguments...]
#   BENCH_COURSE=0 skips the course timing (tools/bench/course_time.sh).
# Only this program links OpenBLAS (the reference); the library never does.
set -eu
cc=${1:-cc}; build=${2:-build/cc-double}; real=${3:-double}; openmp=${4:-1}
[ $# -ge 4 ] && shift 4 || set --
out="$build/bench"
mkdir -p "$out"

# OpenBLAS's headers: libopenblas-dev.
if ! printf '#include <cblas.h>\n' | $cc -E - >/dev/null 2>&1; then
  echo "bench: OpenBLAS (the reference) is missing" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev >&2
  else
    echo "bench: please run: sudo apt-get install libopenblas-dev" >&2; exit 1
  fi
fi

flags="-std=c11 -Wall -Wextra -Wpedantic -O3 -march=native -g -D_POSIX_C_SOURCE=200809L -Ilib"
[ "$real" = float ] && flags="$flags -DNN_REAL_FLOAT"
[ "$openmp" = 1 ] && flags="$flags -fopenmp"
# The peak kernel alone with -ffp-contract=fast: in ISO C mode GCC would not fuse its
# a·b + c into one FMA (bench_peak.c).
$cc $flags -ffp-contract=fast -c tools/bench/bench_peak.c -o "$out/bench_peak.o"
$cc $flags $(ls tools/bench/*.c | grep -v bench_peak.c) "$out/bench_peak.o" "$build/libnn.a" \
  -lopenblas -lz -lm -o "$out/bench"
# Check that the peak really is FMAs: count them in peak_kernel's code.
if command -v objdump >/dev/null 2>&1 && [ "$(uname -m)" = x86_64 ]; then
  fmas=$(objdump -d --no-show-raw-insn "$out/bench" | awk '/<peak_kernel[^>]*>:$/ { on = 1; next } on && /^$/ { on = 0 } on' | grep -c 'vfmadd' || true)
  if [ "$fmas" -gt 0 ]; then echo "== peak kernel: $fmas FMA instructions in its code (objdump)"
  else echo "WARNING: the peak kernel holds no FMA instruction: its peak is too low" >&2; fi
fi

# The whole course in a fresh copy, in the caller's environment (the course never links
# OpenBLAS), before the bench measures anything and never beside it.
imports=""
if [ "${BENCH_COURSE:-1}" = 1 ]; then
  echo "== The whole course: make, then each make chapterN (tools/bench/course_time.sh)"
  if sh tools/bench/course_time.sh "$out/course.txt" CC="$cc" REAL="$real" OPENMP="$openmp"; then
    imports="--import $out/course.txt"
  else
    echo "  the course timing failed: its figures are left out" >&2
  fi
fi

# An honest reference: OpenBLAS with the fastest kernel that is correct on this CPU,
# whatever OPENBLAS_CORETYPE was preset to (tools/bench/kernel_probe.sh). Exported for this
# script's commands only (PyTorch links the same OpenBLAS: it gets the same kernel).
echo "== OpenBLAS kernels: each candidate's products checked and timed (1 thread, n = 512)"
kernel=$(sh tools/bench/kernel_probe.sh "$out/bench" "$out/kernel.txt")
if [ "$kernel" = auto ]; then unset OPENBLAS_CORETYPE; else OPENBLAS_CORETYPE=$kernel; export OPENBLAS_CORETYPE; fi
imports="$imports --import $out/kernel.txt"

# PyTorch, if Debian's python3-torch is installed (Debian's own python3 first: a python3
# earlier in PATH, e.g. from pyenv, does not see Debian's packages).
# Each library runs with its own threads' default way of waiting: OpenBLAS's pool spins,
# libgomp spins for GOMP_SPINCOUNT (300000 pauses) and then sleeps. OMP_WAIT_POLICY=passive
# (sleep at once) would make every parallel region wake a halted virtual CPU: measured on
# the course's VM, 13 µs a region instead of 1.4, for a training step of ~0.6 ms with three
# regions. The two trainers never run at the same time (bench_quiesce lets the other
# library's threads go to sleep in between). On a busy machine spinning threads can wait
# a whole time slice for a core another process holds: the bench prints the load and says
# so; OMP_WAIT_POLICY=passive make bench measures that setting instead.

torch="$out/torch.txt"
rm -f "$torch"
python=""
for py in /usr/bin/python3 python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import torch' 2>/dev/null; then python=$py; break; fi
done
if [ -n "$python" ]; then
  echo "== PyTorch: the same training, measured first (tools/bench/torch_mlp.py)"
  "$python" tools/bench/torch_mlp.py --out "$torch" || echo "skipped: the PyTorch script failed" > "$torch"
else
  echo "skipped: python3-torch is not installed (apt-get install python3-torch)" > "$torch"
fi
"$out/bench" --torch "$torch" --out "$out/results.txt" $imports --contended "$@"
