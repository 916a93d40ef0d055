#!/usr/bin/env bash
# Throughput and memory benchmarks of docs/engine.md.
#   bench/speed.sh           images/s of the default FCN and CNN at batch 64 and 256 (median after a warm-up epoch)
#   bench/speed.sh memory    RSS after FCN epoch 20 vs epoch 2 (must stay within 10%)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-speed}" in
  speed) ./atelier bench ;;
  memory) ./atelier bench --only fcn --batch-sizes 128 --fcn-epochs 20 ;;
  *) echo "usage: bench/speed.sh [speed|memory]" >&2; exit 2 ;;
esac
