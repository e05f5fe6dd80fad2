#!/bin/sh
# make bench: build tools/bench/ against the library and OpenBLAS, measure PyTorch if it
# is installed, then run the benchmark.   tools/bench.sh CC BUILD REAL OPENMP
# Only this program links OpenBLAS (the reference); the library never does.
set -eu
cc=${1:-cc}; build=${2:-build/cc-double}; real=${3:-double}; openmp=${4:-1}
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
$cc $flags tools/bench/*.c "$build/libnn.a" -lopenblas -lz -lm -o "$out/bench"

# OpenBLAS 0.3.21 (Debian 12) does not recognise recent Xeons and falls back to its
# SSE3 "Prescott" kernels, 4-5x slower: on an AVX-512 machine, ask for its AVX-512 ones.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -q avx512f /proc/cpuinfo 2>/dev/null; then
  OPENBLAS_CORETYPE=SkylakeX; export OPENBLAS_CORETYPE
fi

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
"$out/bench" --torch "$torch" --out "$out/results.txt"
