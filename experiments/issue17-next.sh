#!/usr/bin/env bash
# Next session's queue (issue 17), resumable: run it again after an interruption.
# 1. the consistency methods with their defaults on every cell at seeds 0-2 (~5-10 min a run on 2 quiet cores);
# 2. diagnostics for the two cells still below -0.5: self-distillation on rgb at lambda 0.25 and 0 (seeds 1-2, seed 0
#    is in /work/exp/s9), and mutual learning on the digits at seeds 3-5 (is seed 2's -4.51 an outlier?).
# MENTOR: a frozen build (a worktree at main's HEAD, built with ./mvnw -B -q -o install -DskipTests).
cd "${MATRIX_DIR:-/work/exp/matrix}"
export R=/work/exp/matrix/runs MENTOR=${MENTOR:-/work/run6/mentor} MENTOR_DATA=/work/data DIGITS=/work/data/digits TINTED=/work/data/tinted
SEEDS="0 1 2" METHODS="fixmatch uda mpl flexmatch freematch" "$(dirname "$MENTOR")/experiments/robustness-matrix.sh" > s012-consistency.md 2>&1
S9=/work/exp/s9
for s in 1 2; do for kl in 0.25 0; do
  out=$S9/sd-kl$kl-rgb-s$s
  [ -f $out/metrics.json ] && continue
  "$MENTOR" train self-distill --data cifar10:$TINTED --labels-per-class 10 --model cnn-small --steps 500 --batch-size 64 --seed $s --kl-weight $kl --out $out --force > /dev/null 2>> $S9/stderr.log
done; done
SEEDS="3 4 5" CELLS="digits" METHODS="mutual" "$(dirname "$MENTOR")/experiments/robustness-matrix.sh" > s345-mutual-digits.md 2>&1
