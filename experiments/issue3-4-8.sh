#!/usr/bin/env bash
# The runs behind docs/RESULTS.md for issues 3, 4 and 8, in order of priority. Run on a quiet machine
# (nothing else training: wall times and images/s are reported).
# Usage: experiments/issue3-4-8.sh [RUNS_DIR] [PART...]
#   PART: 3 | select-r20 | 4-8 | r20 | full | full-sd | full-r20-flip | r20-sd-mu0 | full-sd-mu0 | full-r20-sd-mu0
#   (default: the first six, in this order; the later ones came with sessions 3 to 5)
# MENTOR=path overrides the CLI (e.g. a frozen copy of the build, so rebuilding does not disturb a run).
set -u
cd "$(dirname "$0")/.."
R=${1:-runs/results}; shift || true
PARTS=${*:-3 select-r20 4-8 r20 full full-sd}
. experiments/lib.sh
L1000="--labels 1000 --epochs 100 --batch-size 64 --lr 0.05"
R1000="--model resnet-20 --labels 1000 --epochs 50 --batch-size 64 --lr 0.1"
for part in $PARTS; do case $part in
3)  # resnet-20 with 1,000 labels, 3 seeds; the full-label augmentation chosen on validation only
    for s in 0 1 2; do run train supervised $R1000 --seed $s --out "$R/l1000-resnet-20-s$s" --force; done
    for aug in none flip weak; do
      run train supervised --model cnn-small --validation-per-class 500 --epochs 15 --batch-size 128 --lr 0.05 --augment $aug --seed 0 --out "$R/select-cnn-small-$aug" --force
    done
    best=$(best_augment select-cnn-small none flip weak)
    echo "selected augment for the full-label runs: $best" >> "$log"; echo $best > "$R/selected-augment"
    run train supervised --model cnn-small --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.05 --augment $best --seed 0 --out "$R/full-cnn-small-$best-s0" --force
    run train supervised --model resnet-20 --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.1 --augment $best --seed 0 --out "$R/full-resnet-20-$best-s0" --force
    ;;
select-r20) # resnet-20 overfits without augmentation (training loss 0.01 after 15 epochs): its own choice, on validation
    for aug in none flip; do
      run train supervised --model resnet-20 --validation-per-class 500 --epochs 15 --batch-size 128 --lr 0.1 --augment $aug --seed 0 --out "$R/select-resnet-20-$aug" --force
    done
    best=$(best_augment select-resnet-20 none flip)
    echo "selected augment for the full-label resnet-20: $best" >> "$log"
    run train supervised --model resnet-20 --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.1 --augment $best --seed 0 --out "$R/full-resnet-20-$best-s0" --force
    ;;
4-8) # Issues 4 and 8 on 1,000 labels, cnn-small, 3 seeds (augment weak unless stated)
    for s in 0 1 2; do
      run train supervised --model cnn-small $L1000 --seed $s --out "$R/l1000-cnn-small-s$s" --force
      run train self-distill --model cnn-small $L1000 --seed $s --out "$R/l1000-cnn-small-sd-s$s" --force
      run train supervised --model cnn-small $L1000 --augment weak+randaugment:n=2,m=9 --seed $s --out "$R/l1000-cnn-small-ra-s$s" --force
      run train supervised --model cnn-small $L1000 --cutmix 1.0 --seed $s --out "$R/l1000-cnn-small-cutmix-s$s" --force
      run train supervised --model cnn-small $L1000 --mixup 0.2 --seed $s --out "$R/l1000-cnn-small-mixup-s$s" --force
      run train self-distill --model cnn-small $L1000 --mmd-weight 0 --seed $s --out "$R/l1000-cnn-small-sd-nommd-s$s" --force
      run train self-distill --model cnn-small $L1000 --kl-weight 0 --seed $s --out "$R/l1000-cnn-small-sd-nokl-s$s" --force
    done ;;
r20) # Issue 8 on 1,000 labels, resnet-20, 3 seeds (the supervised runs are part 3's)
    for s in 0 1 2; do run train self-distill $R1000 --seed $s --out "$R/l1000-resnet-20-sd-s$s" --force; done ;;
full) # Issue 4 on all labels, cnn-small, seed 0, with part 3's selected augmentation
    best=$(cat "$R/selected-augment")
    F="--model cnn-small --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.05 --seed 0"
    run train supervised $F --augment $best --cutmix 1.0 --out "$R/full-cnn-small-$best-cutmix-s0" --force
    run train supervised $F --augment $best --mixup 0.2 --out "$R/full-cnn-small-$best-mixup-s0" --force
    run train supervised $F --augment $best+randaugment:n=2,m=9 --out "$R/full-cnn-small-$best-ra-s0" --force
    ;;
full-sd) # Issue 8 on all labels, cnn-small, seed 0
    best=$(cat "$R/selected-augment")
    run train self-distill --model cnn-small --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.05 --seed 0 --augment $best --out "$R/full-cnn-small-sd-$best-s0" --force
    ;;
full-r20-flip) # resnet-20 on all labels with flip and 20 epochs, a recipe fixed before the run (no selection)
    run train supervised --model resnet-20 --validation-per-class 0 --epochs 20 --batch-size 128 --lr 0.1 --augment flip --seed 0 --out "$R/full-resnet-20-flip-e20-s0" --force
    ;;
r20-sd-mu0) # Issue 8 on 1,000 labels, resnet-20, with mu = 0 (chosen on cnn-small's validation split); no warm-up, as its baseline
    for s in 0 1 2; do run train self-distill $R1000 --mmd-weight 0 --warmup-epochs 0 --seed $s --out "$R/l1000-resnet-20-sd-nommd-s$s" --force; done ;;
full-sd-mu0) # Issue 8 on all labels, cnn-small, 3 seeds, mu = 0, against supervised with the same epochs and augmentation
    F="--model cnn-small --validation-per-class 0 --epochs 15 --batch-size 128 --lr 0.05 --augment none --warmup-epochs 0"
    for s in 0 1 2; do
      run train supervised $F --seed $s --out "$R/full-cnn-small-none-s$s" --force
      run train self-distill $F --mmd-weight 0 --seed $s --out "$R/full-cnn-small-sd-nommd-s$s" --force
    done ;;
full-r20-sd-mu0) # Issue 8 on all labels, resnet-20, 3 seeds, mu = 0; set SEEDS and ARMS (supervised self-distill) to split
    # it over two queues, EPOCHS for the budget (session 5 ran 5: at one thread beside another run, 15 epochs
    # of both arms take about 2 hours a seed on this machine)
    E=${EPOCHS:-15}
    F="--model resnet-20 --validation-per-class 0 --epochs $E --batch-size 128 --lr 0.1 --augment none --warmup-epochs 0"
    for s in ${SEEDS:-0 1 2}; do
      for arm in ${ARMS:-supervised self-distill}; do case $arm in
        supervised) run train supervised $F --seed $s --out "$R/full-resnet-20-none-e$E-s$s" --force ;;
        self-distill) run train self-distill $F --mmd-weight 0 --seed $s --out "$R/full-resnet-20-sd-nommd-e$E-s$s" --force ;;
      esac; done
    done ;;
esac; done
echo "done $(date -u +%FT%TZ)" >> "$log"
