#!/usr/bin/env bash
# Accuracy benchmarks of docs/engine.md: the default FCN, the default CNN and the cnn-large preset on the full data.
# Each run writes runs/acc-<name>/ (result.json has test_acc) and bench/logs/acc-<name>.log.
#   bench/accuracy.sh            all three, one after the other
#   bench/accuracy.sh cnn        only the default CNN
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/logs
run() {
  local name=$1; shift
  echo "== $name: ./atelier train $* --out runs/acc-$name"
  ./atelier train --no-progress --out "runs/acc-$name" "$@" 2>&1 | tee "bench/logs/acc-$name.log" | grep -E '^(epoch|test_acc)'
}
what=${1:-all}
[[ $what == all || $what == fcn ]] && run fcn-default architecture=fcn
[[ $what == all || $what == cnn ]] && run cnn-default architecture=cnn
[[ $what == all || $what == cnn-large ]] && run cnn-large preset=cnn-large
exit 0
