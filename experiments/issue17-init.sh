#!/usr/bin/env bash
# Issue 17, session 16: the consistency methods started from their cell's supervised run (--init), as fit and the suite
# start them, with a build that returns the start when validation prefers it (902b5ac, /work/run16). Fresh starts lose
# 5-9 points on the rgb cell at seed 0 (RESULTS, session 16), even started from the supervised run without that rule.
# Beside them, supervised at 1,000 steps: a started run has trained 500 supervised steps and 500 of its own.
# Order: seed 0 on rgb first, then fm10, fm100, digits, tops, fm4, fm25; then seeds 1 and 2. Resumable.
# Session 17's next question, measured before any default changes: self-distillation and mutual learning (still fresh
# by default) started the same way: MENTOR=/work/run17/mentor METHODS="self-distill mutual" experiments/issue17-init.sh
# (mutual learning's two students then share their start).
set -u
mkdir -p /work/exp/matrix && cd /work/exp/matrix
export R=/work/exp/matrix/runs-init MENTOR=${MENTOR:-/work/run16/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
MATRIX=${MATRIX:-/work/exp/matrix/runs}   # the matrix's own supervised runs (500 steps), shared with robustness-matrix.sh
. "$(dirname "$MENTOR")/experiments/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  for c in ${CELLS:-rgb fm10 fm100 digits tops fm4 fm25}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    common="--model cnn-small --batch-size 64 --seed $s"
    sup="$MATRIX/$c/supervised-s$s"
    run train supervised $args $common --steps 500 --out "$sup" --force
    run train supervised $args $common --steps 1000 --out "$R/$c/supervised-1000-s$s" --force
    for m in ${METHODS:-fixmatch uda flexmatch freematch mpl}; do
      run_resuming train "$m" $args $common --steps 500 --init "$sup" --out "$R/$c/$m-init-s$s" --force
    done
  done
done
