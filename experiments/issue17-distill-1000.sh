#!/usr/bin/env bash
# Issue 17: does the normalized distillation loss change the 1,000-label result issue 5 measured with the
# paper's loss? The supervised baseline and both losses, 1,600 steps of batch 64, a teacher from
# experiments/issue17-repro.sh (T-sSEED). Usage: R=runs/i17 [MENTOR=./mentor] [SEEDS="0 1 2"] experiments/issue17-distill-1000.sh
set -u
R=${R:-runs/issue17-repro}
. "$(dirname "$0")/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  L="--data fashion-mnist --labels 1000 --model cnn-small --batch-size 64 --lr 0.05 --steps 1600 --seed $s"
  run train supervised $L --out "$R/l1000-sup-s$s" --force
  run train distill $L --teacher "$R/T-s$s" --out "$R/l1000-kd-norm-s$s" --force
  run train distill $L --teacher "$R/T-s$s" --normalize-loss off --out "$R/l1000-kd-paper-s$s" --force
done
