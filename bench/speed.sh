#!/usr/bin/env bash
# Throughput and memory benchmarks of docs/engine.md.
#   bench/speed.sh           images/s of the default FCN and CNN at batch 64 and 256 (median after a warm-up epoch)
#   bench/speed.sh memory    RSS after FCN epoch 20 vs epoch 2 (must stay within 10%)
#   bench/speed.sh vs-pytorch  Atelier, then bench/pytorch_baseline.py (same models, batch sizes and epochs), back to
#                            back with THREADS intra-op threads each [1]; needs Debian's python3-torch (see README)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-speed}" in
  speed) ./atelier bench ;;
  memory) ./atelier bench --only fcn --batch-sizes 128 --fcn-epochs 20 ;;
  vs-pytorch)
    threads=${THREADS:-1}
    ./atelier bench --fcn-epochs 6 --cnn-epochs 4 --set threads="$threads"
    # the baseline gets the allocator ./atelier uses (tcmalloc when installed, unless ATELIER_MALLOC=system), for a fair race
    source scripts/tcmalloc.sh
    preload="$(atelier_tcmalloc || true)"
    echo "PyTorch baseline allocator: ${preload:-glibc malloc}"
    LD_PRELOAD="$preload" OPENBLAS_NUM_THREADS=$threads /usr/bin/python3 bench/pytorch_baseline.py --threads "$threads" --fcn-epochs 6 --cnn-epochs 4 ;;
  *) echo "usage: bench/speed.sh [speed|memory|vs-pytorch]" >&2; exit 2 ;;
esac
