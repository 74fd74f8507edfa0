#!/usr/bin/env bash
# Issue 17's queue as session 10 ran it (/work/exp/matrix/queue12.sh), resumable: run it again after an interruption.
# Done in session 10: the self-distillation lambda diagnostics, mutual learning on the digits at seeds 3-5 and
# self-distillation at lambda 0.25 on every cell (now the default). Left: the consistency methods at seeds 0-2.
# MENTOR: a frozen build (a worktree, built with its own launcher), 638fb84 for the runs so far.
cd /work/exp/matrix
export R=/work/exp/matrix/runs MENTOR=${MENTOR:-/work/run6/mentor} MENTOR_DATA=/work/data DIGITS=/work/data/digits TINTED=/work/data/tinted
S9=/work/exp/s9
for s in 1 2; do for kl in 0.25 0; do
  out=$S9/sd-kl$kl-rgb-s$s
  [ -f $out/metrics.json ] && continue
  "$MENTOR" train self-distill --data cifar10:$TINTED --labels-per-class 10 --model cnn-small --steps 500 --batch-size 64 --seed $s --kl-weight $kl --out $out --force > /dev/null 2>> $S9/stderr.log
done; done
SEEDS="3 4 5" CELLS="digits" METHODS="mutual" "$(dirname "$MENTOR")/experiments/robustness-matrix.sh" > s345-mutual-digits.md 2>&1
# self-distillation at lambda 0.25 on every cell, seeds 0-2 (rgb has it in /work/exp/s9)
S10=/work/exp/s10/sd-kl0.25
for s in 0 1 2; do for c in fm4 fm10 fm25 fm100 tops digits; do
  case $c in
    fm4) a="--data fashion-mnist --labels-per-class 4" ;;
    fm10) a="--data fashion-mnist --labels-per-class 10" ;;
    fm25) a="--data fashion-mnist --labels-per-class 25" ;;
    fm100) a="--data fashion-mnist --labels-per-class 100" ;;
    tops) a="--data fashion-mnist --classes 0,2,4,6 --labels-per-class 10" ;;
    digits) a="--data idx:$DIGITS --image-size 28 --validation-per-class 20 --labels-per-class 10" ;;
  esac
  out=$S10/$c/self-distill-s$s
  [ -f $out/metrics.json ] && continue
  mkdir -p $S10/$c
  echo "$(date -u +%FT%TZ) $MENTOR train self-distill $a --model cnn-small --steps 500 --batch-size 64 --seed $s --kl-weight 0.25 --out $out --force" >> $S10/commands.log
  "$MENTOR" train self-distill $a --model cnn-small --steps 500 --batch-size 64 --seed $s --kl-weight 0.25 --out $out --force > /dev/null 2>> $S10/stderr.log
done; done
for s in 0 1 2; do
SEEDS="$s" METHODS="fixmatch uda mpl flexmatch freematch" "$(dirname "$MENTOR")/experiments/robustness-matrix.sh" > s$s-consistency.md 2>&1
done
