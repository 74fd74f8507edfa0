#!/usr/bin/env bash
# The runs behind docs/RESULTS.md for issue 7: FixMatch, UDA and Meta Pseudo Labels with cnn-small on the
# 1,000-label split of the supervised baseline (100 epochs of 16 labeled batches of 64 = 1,600 steps,
# 7 x 64 unlabeled images a step), seeds 0-2. Run on a quiet machine.
# Usage: experiments/issue7.sh [RUNS_DIR] [SEED...]   (default seeds: 0 1 2)
set -u
cd "$(dirname "$0")/.."
R=${1:-runs/results}; shift || true
SEEDS=${*:-0 1 2}
. experiments/lib.sh
L1000="--model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05"
for s in $SEEDS; do
  run train fixmatch $L1000 --threshold 0.95 --unlabeled-ratio 7 --seed $s --out "$R/fixmatch-s$s" --force
  run train uda $L1000 --temperature 0.4 --threshold 0.8 --uda-steps 160 --seed $s --out "$R/uda-s$s" --force
  run_resuming train mpl $L1000 --uda-steps 160 --student-wait-steps 80 --ema 0.99 --finetune-epochs 20 --seed $s --out "$R/mpl-s$s" --force
  # the same teacher, settings and budget without the MPL term: what UDA alone gives the student
  run_resuming train mpl $L1000 --uda-steps 160 --student-wait-steps 80 --ema 0.99 --finetune-epochs 20 --mpl-weight 0 --seed $s --out "$R/mpl-nofeedback-s$s" --force
done
echo "done issue7 $(date -u +%FT%TZ)" >> "$log"
