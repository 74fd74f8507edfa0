#!/usr/bin/env bash
# The runs behind docs/RESULTS.md for issues 3, 4 and 8, in order of priority. Run on a quiet machine
# (nothing else training: wall times and images/s are reported). Usage: experiments/issue3-4-8.sh [RUNS_DIR]
set -u
cd "$(dirname "$0")/.."
R=${1:-runs/results}
log="$R/commands.log"
mkdir -p "$R"
run() { echo "=== $(date -u +%FT%TZ) ./mentor $*" >> "$log"; ./mentor "$@" > /dev/null 2>> "$R/stderr.log"; echo "exit $? $(date -u +%FT%TZ)" >> "$log"; }

# Issue 3: resnet-20 with 1,000 labels, 3 seeds
for s in 0 1 2; do
  run train supervised --model resnet-20 --labels 1000 --epochs 50 --batch-size 64 --lr 0.1 --seed $s --out "$R/l1000-resnet-20-s$s" --force
done
# Issue 3: the full-label augmentation, chosen on validation only (5,000 held-out training images)
for aug in none flip weak; do
  run train supervised --model cnn-small --validation-per-class 500 --epochs 15 --batch-size 128 --lr 0.05 --augment $aug --seed 0 --out "$R/select-cnn-small-$aug" --force
done
best=$(python3 -c "
import json
r={a: json.load(open('$R/select-cnn-small-'+a+'/metrics.json'))['validation_accuracy'] for a in ['none','flip','weak']}
print(max(r, key=r.get))")
echo "selected augment for the full-label runs: $best" >> "$log"
run train supervised --model cnn-small --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.05 --augment $best --seed 0 --out "$R/full-cnn-small-$best-s0" --force
run train supervised --model resnet-20 --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.1 --augment $best --seed 0 --out "$R/full-resnet-20-$best-s0" --force
# Issues 4 and 8 on 1,000 labels, cnn-small, 3 seeds (baseline: the issue 3 runs with --augment weak)
for s in 0 1 2; do
  run train supervised --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --seed $s --out "$R/l1000-cnn-small-s$s" --force
  run train supervised --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --augment weak+randaugment:n=2,m=9 --seed $s --out "$R/l1000-cnn-small-ra-s$s" --force
  run train supervised --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --cutmix 1.0 --seed $s --out "$R/l1000-cnn-small-cutmix-s$s" --force
  run train supervised --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --mixup 0.2 --seed $s --out "$R/l1000-cnn-small-mixup-s$s" --force
  run train self-distill --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --seed $s --out "$R/l1000-cnn-small-sd-s$s" --force
  run train self-distill --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --mmd-weight 0 --seed $s --out "$R/l1000-cnn-small-sd-nommd-s$s" --force
  run train self-distill --model cnn-small --labels 1000 --epochs 100 --batch-size 64 --lr 0.05 --kl-weight 0 --seed $s --out "$R/l1000-cnn-small-sd-nokl-s$s" --force
done
echo "done $(date -u +%FT%TZ)" >> "$log"
