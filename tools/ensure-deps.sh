#!/bin/sh
# Makes sure the tools the course needs are present. As root with apt-get, installs
# what is missing; otherwise names the exact command and fails.
#   tools/ensure-deps.sh           everything `make` needs
#   tools/ensure-deps.sh --test    also what `make test` needs
#   tools/ensure-deps.sh --browser also what `make test-html` needs (Chromium, Node)
#   --quiet                        say nothing when all is present
set -u
#   --cc COMPILER                  the compiler make will use (clang also needs libomp-dev)
quiet=0; test_deps=0; browser=0; cc=cc
while [ $# -gt 0 ]; do
  case "$1" in
    --quiet) quiet=1 ;;
    --test) test_deps=1 ;;
    --browser) browser=1 ;;
    --cc) shift; cc=${1:-cc} ;;
    *) echo "ensure-deps.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

missing=""
need() { # need COMMAND-OR-FILE PACKAGE
  case "$1" in
    /*) [ -e "$1" ] || missing="$missing $2" ;;
    *) command -v "$1" >/dev/null 2>&1 || missing="$missing $2" ;;
  esac
}
case "$cc" in
  *clang*) need "$cc" clang; need /usr/lib/llvm-14/lib/libomp.so libomp-dev ;;
  cc|gcc|*/cc|*/gcc) need "$cc" gcc ;;
  *) need "$cc" "$cc" ;;
esac
need make make
need gnuplot gnuplot-nox
need dot graphviz
need pandoc pandoc
need /usr/include/zlib.h zlib1g-dev
need /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz dataset-fashion-mnist
if [ "$test_deps" = 1 ]; then
  need prove perl
  need git git
fi

if [ "$browser" = 1 ]; then
  need chromium chromium
  need node nodejs
fi

if [ -z "$missing" ]; then
  [ "$quiet" = 1 ] || echo "ensure-deps: everything is installed"
  exit 0
fi

echo "ensure-deps: missing:$missing" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: installing with apt-get (root)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq $missing >&2 && exit 0
  echo "ensure-deps: apt-get failed; run: apt-get install$missing" >&2
  exit 1
fi
echo "ensure-deps: please run: sudo apt-get install$missing" >&2
exit 1
