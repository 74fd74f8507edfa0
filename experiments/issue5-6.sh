#!/usr/bin/env bash
# The runs behind docs/RESULTS.md for issues 5 (transfer, distillation) and 6 (Noisy Student).
# Needs experiments/issue3-4-8.sh's runs in the same RUNS_DIR: the full-label resnet-20 (the
# distillation teacher) and the 1,000-label cnn-small baselines (Noisy Student's first teachers).
# Usage: experiments/issue5-6.sh [RUNS_DIR] [PART...]
#   PART: transfer | distill | noisy | ablate | warmup | transfer-more (default: all, in this order)
set -u
cd "$(dirname "$0")/.."
R=${1:-runs/results}; shift || true
PARTS=${*:-transfer distill noisy ablate warmup transfer-more}
. experiments/lib.sh
L1000="--labels 1000 --epochs 100 --batch-size 64 --lr 0.05"
TEACHER="$R/full-resnet-20-$(cat "$R/selected-augment" 2>/dev/null || echo none)-s0"
for part in $PARTS; do case $part in
transfer) # Source task: Fashion-MNIST classes 0-4 (all their labels); target: classes 5-9, 50 labels per class
    SRC="$R/src-cnn-small-c0-4"
    run train supervised --model cnn-small --classes 0,1,2,3,4 --validation-per-class 100 --epochs 10 --batch-size 128 --lr 0.05 --augment none --seed 0 --out "$SRC" --force
    T="--classes 5,6,7,8,9 --labels-per-class 50 --epochs 100 --batch-size 64 --lr 0.05"
    for s in 0 1 2; do
      run train supervised --model cnn-small $T --seed $s --out "$R/tl-scratch-s$s" --force
      run train transfer --pretrained "$SRC" --mode linear-probe $T --seed $s --out "$R/tl-probe-s$s" --force
      run train transfer --pretrained "$SRC" --mode fine-tune $T --seed $s --out "$R/tl-finetune-s$s" --force
    done ;;
distill) # cnn-small students of the full-label resnet-20 on the same 1,000 labels as the baselines
    for s in 0 1 2; do
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --unlabeled-weight 0 --cache-teacher --seed $s --out "$R/kd-labeled-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --cache-teacher --seed $s --out "$R/kd-pool-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --distill features --seed $s --out "$R/kd-features-pool-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --distill attention --seed $s --out "$R/kd-attention-pool-s$s" --force
      run train mutual --models cnn-small,cnn-small $L1000 --seed $s --out "$R/dml-s$s" --force
    done ;;
noisy) # Noisy Student from each seed's 1,000-label cnn-small baseline, two rounds of cnn-small students; the
    # students' warm-up (0 or 5 epochs) chosen first on validation, one round from seed 0's teacher
    NS1="train noisy-student --model cnn-small --teacher $R/l1000-cnn-small-s0 $L1000 --rounds 1 --augment weak+randaugment:n=2,m=9 --seed 0"
    for w in 0 5; do run $NS1 --warmup-epochs $w --out "$R/ns-select-warm$w-s0" --force; done
    W=$(python3 -c "
import json
last = lambda w: json.load(open('$R/ns-select-warm%d-s0/rounds.json' % w))['rounds'][-1]
v = {w: last(w).get('validation_accuracy', last(w).get('validationAccuracy')) for w in (0, 5)}
print(max(v, key=v.get))")
    echo "noisy student: selected warm-up $W" >> "$log"; echo $W > "$R/ns-selected-warmup"
    for s in 0 1 2; do
      run train noisy-student --model cnn-small --teacher "$R/l1000-cnn-small-s$s" $L1000 --rounds 2 --augment weak+randaugment:n=2,m=9 --warmup-epochs $W --seed $s --out "$R/ns-s$s" --force
    done ;;
ablate) # The paper's ablations, one round from seed 0's teacher, with the warm-up part noisy chose
    NS="train noisy-student --model cnn-small --teacher $R/l1000-cnn-small-s0 $L1000 --rounds 1 --augment weak+randaugment:n=2,m=9 --seed 0 --warmup-epochs $(cat "$R/ns-selected-warmup")"
    run $NS --input-noise off --out "$R/ns-no-input-noise-s0" --force
    run $NS --model-noise off --out "$R/ns-no-model-noise-s0" --force
    run $NS --pseudo-labels hard --out "$R/ns-hard-s0" --force
    run $NS --min-confidence 0 --out "$R/ns-no-filter-s0" --force
    run $NS --balance off --out "$R/ns-no-balance-s0" --force
    ;;
warmup) # The distillation runs again with a 5-epoch warm-up (5% of the epochs: now the default of distill
    # and mutual), and the supervised baseline with the same warm-up, to see what the warm-up alone gives
    for s in 0 1 2; do
      run train supervised --model cnn-small $L1000 --warmup-epochs 5 --seed $s --out "$R/l1000-cnn-small-warm5-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --warmup-epochs 5 --unlabeled-weight 0 --cache-teacher --seed $s --out "$R/kd-labeled-warm5-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --warmup-epochs 5 --cache-teacher --seed $s --out "$R/kd-pool-warm5-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --warmup-epochs 5 --distill features --seed $s --out "$R/kd-features-pool-warm5-s$s" --force
      run train distill --model cnn-small --teacher "$TEACHER" $L1000 --warmup-epochs 5 --distill attention --seed $s --out "$R/kd-attention-pool-warm5-s$s" --force
      run train mutual --models cnn-small,cnn-small $L1000 --warmup-epochs 5 --seed $s --out "$R/dml-warm5-s$s" --force
    done ;;
transfer-more) # Two more transfer settings: the harder direction (5-9 -> 0-4) with cnn-small, and a
    # resnet-20 source (its pooled 64 features, no task-specific hidden layer) for 0-4 -> 5-9
    for setting in "cnn-small 5,6,7,8,9 0,1,2,3,4 0.05 tl59 c5-9" "resnet-20 0,1,2,3,4 5,6,7,8,9 0.1 tlr20 c0-4"; do
      set -- $setting
      SRC="$R/src-$1-$6"
      run train supervised --model $1 --classes $2 --validation-per-class 100 --epochs 10 --batch-size 128 --lr $4 --augment none --seed 0 --out "$SRC" --force
      T="--classes $3 --labels-per-class 50 --epochs 100 --batch-size 64 --lr 0.05"
      for s in 0 1 2; do
        run train supervised --model $1 $T --seed $s --out "$R/$5-scratch-s$s" --force
        run train transfer --pretrained "$SRC" --mode linear-probe $T --seed $s --out "$R/$5-probe-s$s" --force
        run train transfer --pretrained "$SRC" --mode fine-tune $T --seed $s --out "$R/$5-finetune-s$s" --force
      done
    done ;;
esac; done
echo "done issue5-6 $(date -u +%FT%TZ)" >> "$log"
