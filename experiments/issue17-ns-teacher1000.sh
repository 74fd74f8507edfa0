#!/usr/bin/env bash
# Issue 17: Noisy Student with the matrix's defaults taught by the cell's supervised run at 1,000 steps, beside supervised
# at 2,000 steps (the teacher's 1,000 and two students' 500), on fm100: the one cell where its row is below supervised -
# 0.5 at the pipeline's steps with the 500-step teacher (-0.87 +- 0.48). Resumable.
#   MENTOR=/work/run17/mentor experiments/issue17-ns-teacher1000.sh
set -u
export R=${R:-/work/exp/matrix/runs-t1000} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
INIT=${INIT:-/work/exp/matrix/runs-init}
. "$(dirname "$MENTOR")/experiments/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  for c in ${CELLS:-fm100}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    run train supervised $args --model cnn-small --batch-size 64 --seed "$s" --steps 2000 --out "$INIT/$c/supervised-2000-s$s" --force
    out="$R/$c/noisy-student-s$s"
    if [ -f "$out/rounds.json" ] && grep -q '"complete" : true' "$out/rounds.json"; then continue; fi
    run train noisy-student $args --model cnn-small --batch-size 64 --seed "$s" --steps 500 \
      --teacher "$INIT/$c/supervised-1000-s$s" --out "$out" --force
  done
done
