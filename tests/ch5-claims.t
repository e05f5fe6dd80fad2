#!/bin/sh
# Chapter 5's claim about Fashion-MNIST, read from the reviewed run (figures/05-optimisation/
# results.txt, which tests/chapters.t regenerates and holds equal to tests/expected/):
#   [C5.13] with the learning rates chosen on the validation split, and every optimiser
#           started from the same weights and fed the same batches, on every one of the
#           seeds: Adam's final training loss is below momentum's, momentum's below SGD's,
#           and Adam's test accuracy is above both others'. (Momentum against SGD on test
#           accuracy is not claimed: the seeds disagree, and the text says so; this test
#           checks that they do disagree, so that the text's hedge is not stale either.)
# The training takes most of the chapter's 40 s, so it is not re-run here; a change to the
# code that moves these numbers shows up first in chapters.t, then here once the figures
# are regenerated (make chapter5).
cd "$(dirname "$0")/.." || exit 1
results=figures/05-optimisation/results.txt
echo "1..2"
if [ ! -f "$results" ]; then
  echo "not ok 1 - [C5.13] $results is missing: run make chapter5"
  echo "not ok 2 - [C5.13] $results is missing: run make chapter5"
  exit 0
fi
value() { awk -v k="$1" '$1 == k && $2 == "=" { sub(/^[^=]*= */, ""); print; exit }' "$results"; }
if [ "$(value fashion.status)" != trained ]; then
  echo "ok 1 # SKIP Fashion-MNIST was not trained in the committed run ($(value fashion.status))"
  echo "ok 2 # SKIP Fashion-MNIST was not trained in the committed run"
  exit 0
fi
seeds=$(value fashion.seeds)
a=$(value fashion.seeds_where.adam.train_loss_below.momentum)
b=$(value fashion.seeds_where.momentum.train_loss_below.sgd)
c=$(value fashion.seeds_where.adam.test_accuracy_above.momentum)
d=$(value fashion.seeds_where.adam.test_accuracy_above.sgd)
e=$(value fashion.seeds_where.momentum.test_accuracy_above.sgd)
if [ "$a" = "$seeds" ] && [ "$b" = "$seeds" ] && [ "$c" = "$seeds" ] && [ "$d" = "$seeds" ]; then
  echo "ok 1 - [C5.13] Fashion-MNIST, $seeds seeds: training loss adam < momentum on $a, momentum < sgd on $b; test accuracy adam > momentum on $c, adam > sgd on $d"
else
  echo "not ok 1 - [C5.13] Fashion-MNIST, $seeds seeds: training loss adam < momentum on $a, momentum < sgd on $b; test accuracy adam > momentum on $c, adam > sgd on $d (each should be $seeds)"
fi
if [ -n "$e" ] && [ "$e" -gt 0 ] && [ "$e" -lt "$seeds" ]; then
  echo "ok 2 - [C5.13] momentum's test accuracy is above sgd's on $e of $seeds seeds only: the text quotes no ranking of the two"
else
  echo "not ok 2 - [C5.13] momentum against sgd on test accuracy: $e of $seeds seeds; the text says the seeds disagree, update it"
fi
