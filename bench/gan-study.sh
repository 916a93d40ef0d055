#!/usr/bin/env bash
# cGAN augmentation study: test accuracy of FCN/CNN classifiers trained on real data only (augment=none)
# vs real + cGAN samples (augment=cgan), per training-set size, several seeds; plus each generator's
# quality report (GAN-test / GAN-train / FID).
#
#   bench/gan-study.sh                                  # the full study (hours on 2 CPU cores)
#   SUBSETS=550 ARCHS=cnn bench/gan-study.sh            # the 1% part only
#
# Environment (defaults in brackets):
#   SUBSETS [550 5500 55000]  ARCHS [fcn cnn]  SEEDS [1 2 3]  EPOCHS [15]  GAN_ARCH [dcgan]
#   SYNTH [300] synthetic images per class   OUT [runs/gan-study]   QUALITY [1] also run ./atelier gan per generator
#   GAN_EPOCHS_<subset> GAN epochs per subset size [550:100 5500:20 55000:8] (a 550-image epoch is only 4 batches)
#   GAN_OPTS [] extra key=value options for the generator, e.g. "gan_diffaugment=true" (use a separate OUT per variant)
# Results: $OUT/results.tsv (one line per run) and $OUT/summary.md (mean ± std), appended as runs finish,
# so an interrupted study keeps what it measured. Runs already in results.tsv are skipped on restart.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SUBSETS=${SUBSETS:-"550 5500 55000"}
ARCHS=${ARCHS:-"fcn cnn"}
SEEDS=${SEEDS:-"1 2 3"}
EPOCHS=${EPOCHS:-15}
GAN_ARCH=${GAN_ARCH:-dcgan}
SYNTH=${SYNTH:-300}
QUALITY=${QUALITY:-1}
OUT=${OUT:-runs/gan-study}
declare -A GAN_EPOCHS=([550]=${GAN_EPOCHS_550:-100} [5500]=${GAN_EPOCHS_5500:-20} [55000]=${GAN_EPOCHS_55000:-8})
read -r -a EXTRA <<< "${GAN_OPTS:-}"
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
[[ -f "$RESULTS" ]] || printf 'subset\tarch\taugment\tseed\ttest_acc\tseconds\tgan_test\tgan_train\tfid\n' > "$RESULTS"

field() { grep -o "\"$1\" : [0-9.eE+-]*" "$2" | head -1 | awk '{print $3}'; }

for subset in $SUBSETS; do
  gan_epochs=${GAN_EPOCHS[$subset]:-20}
  for seed in $SEEDS; do
    gan_opts=(gan_arch="$GAN_ARCH" gan_epochs="$gan_epochs" train_subset="$subset" seed="$seed" "${EXTRA[@]}")
    quality=("" "" "")
    if [[ "$QUALITY" == 1 ]]; then
      qdir="$OUT/gan-$subset-$seed"
      if [[ ! -f "$qdir/report.json" ]]; then
        ./atelier gan "${gan_opts[@]}" --out "$qdir" > "$OUT/gan-$subset-$seed.log" 2>&1
      fi
      quality=("$(field gan_test "$qdir/report.json")" "$(field gan_train "$qdir/report.json")" "$(field fid "$qdir/report.json")")
    fi
    for arch in $ARCHS; do
      for augment in none cgan; do
        if awk -F'\t' -v s="$subset" -v a="$arch" -v g="$augment" -v d="$seed" '$1==s&&$2==a&&$3==g&&$4==d{f=1}END{exit !f}' "$RESULTS"; then
          continue
        fi
        log="$OUT/$subset-$arch-$augment-$seed.log"
        start=$(date +%s)
        ./atelier train --no-progress --out "$OUT/$subset-$arch-$augment-$seed" architecture="$arch" epochs="$EPOCHS" \
          augment="$augment" synthetic_per_class="$SYNTH" "${gan_opts[@]}" > "$log" 2>&1
        acc=$(grep -o 'test_acc=[0-9.]*' "$log" | tail -1 | cut -d= -f2)
        q=("${quality[@]}")
        [[ "$augment" == none ]] && q=("" "" "")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$subset" "$arch" "$augment" "$seed" "$acc" "$(( $(date +%s) - start ))" \
          "${q[0]}" "${q[1]}" "${q[2]}" >> "$RESULTS"
        echo "$subset $arch $augment seed=$seed test_acc=$acc"
      done
    done
  done
done

awk -F'\t' 'NR>1 { k=$1"\t"$2"\t"$3; n[k]++; s[k]+=$5; ss[k]+=$5*$5; if ($7!="") { gt[k]+=$7; gr[k]+=$8; fd[k]+=$9; q[k]++ } }
  END { for (k in n) { m=s[k]/n[k]; v=(n[k]>1)?(ss[k]-n[k]*m*m)/(n[k]-1):0; if (v<0) v=0; split(k,p,"\t");
          printf "| %s | %s | %s | %d | %.2f%% ± %.2f | %s | %s | %s |\n", p[1], p[2], p[3], n[k], 100*m, 100*sqrt(v),
            q[k]?sprintf("%.1f%%",100*gt[k]/q[k]):"-", q[k]?sprintf("%.1f%%",100*gr[k]/q[k]):"-", q[k]?sprintf("%.1f",fd[k]/q[k]):"-" } }' \
  "$RESULTS" | sort -t'|' -k2,2n -k3,3 -k4,4r > "$OUT/summary.body"
{ echo "| train_subset | classifier | augment | runs | test accuracy (mean ± std) | GAN-test | GAN-train | FID |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$OUT/summary.body"; } > "$OUT/summary.md"
rm -f "$OUT/summary.body"
cat "$OUT/summary.md"
