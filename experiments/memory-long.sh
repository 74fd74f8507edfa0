#!/usr/bin/env bash
# Issue 10, item 6: memory over a long run. 20,000 Meta Pseudo Labels steps (1,000 labels, batch 16 and
# 16 unlabeled images a step: 63 steps an epoch, 318 epochs; small batches keep it under 20 minutes, and
# the number of steps, not their size, is what a leak grows with) and 3 Noisy Student rounds on
# Fashion-MNIST, then a summary of every memory.jsonl (native arrays alive and resident memory after each
# epoch) for docs/RESULTS.md. Usage: experiments/memory-long.sh [RUNS_DIR]   (summary only: SUMMARY=1)
# MENTOR=path overrides the CLI.
set -u
cd "$(dirname "$0")/.."
R=${1:-runs/memory}
mkdir -p "$R"
if [[ -z "${SUMMARY:-}" ]]; then
  MENTOR=${MENTOR:-./mentor}
  $MENTOR train mpl --model cnn-small --labels 1000 --batch-size 16 --unlabeled-ratio 1 --epochs 318 --finetune-epochs 2 \
      --seed 0 --out "$R/mem-mpl-20000" --force 2> "$R/mem-mpl-20000.log"
  $MENTOR train noisy-student --model cnn-small --labels 1000 --batch-size 64 --epochs 30 --rounds 3 --seed 0 \
      --out "$R/mem-ns-3" --force 2> "$R/mem-ns-3.log"
fi
# per file and phase: epochs, arrays at the 2nd and last epoch and their max, resident MB at the 2nd and last and max
for f in $(find "$R" -name memory.jsonl | sort); do
  awk -v file="$f" '
    { match($0, /"phase":"[^"]*"/); p = substr($0, RSTART + 9, RLENGTH - 10)
      match($0, /"native_arrays":[0-9]+/); a = substr($0, RSTART + 16, RLENGTH - 16) + 0
      match($0, /"resident_mb":[0-9]+/); m = substr($0, RSTART + 14, RLENGTH - 14) + 0
      n[p]++; if (n[p] == 2) { a2[p] = a; m2[p] = m }
      last_a[p] = a; last_m[p] = m; if (a > max_a[p]) max_a[p] = a; if (m > max_m[p]) max_m[p] = m
      if (!(p in seen)) { seen[p] = 1; order[++k] = p } }
    END { for (i = 1; i <= k; i++) { p = order[i]
      printf "%s [%s] epochs %d | arrays 2nd %d last %d max %d | resident MB 2nd %d last %d max %d\n",
        file, p, n[p], a2[p], last_a[p], max_a[p], m2[p], last_m[p], max_m[p] } }' "$f"
done
