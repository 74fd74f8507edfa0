#!/usr/bin/env bash
# Issue 17, next design question: self-distillation and mutual learning still start fresh by default, and pass the
# matrix's criterion with thin margins on tops and the digits (one seed 2-4.5 points below supervised). Would they,
# like the consistency methods since de90640, be better started from the cell's supervised run, returning it when it
# is better on validation? This measures that before any default changes: each with --init from the matrix's 500-step
# supervised run of the same cell and seed (which is what an own start would train), against supervised at 500 and
# 1,000 steps. Note: mutual learning's two students then both start from the same weights.
# usage: [MENTOR=...] [SEEDS="0 1 2"] [CELLS=...] [METHODS="self-distill mutual"] experiments/issue17-sd-init.sh
set -u
export R=${R:-/work/exp/matrix/runs-init} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
MATRIX=${MATRIX:-/work/exp/matrix/runs}
. "$(dirname "$0")/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  for c in ${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    common="--model cnn-small --batch-size 64 --seed $s"
    sup="$MATRIX/$c/supervised-s$s"
    run train supervised $args $common --steps 500 --out "$sup" --force
    run train supervised $args $common --steps 1000 --out "$R/$c/supervised-1000-s$s" --force
    for m in ${METHODS:-self-distill mutual}; do
      run_resuming train "$m" $args $common --steps 500 --init "$sup" --out "$R/$c/$m-init-s$s" --force
    done
  done
done
