#!/usr/bin/env bash
# Issue 17: supervised at 1,500 steps on every cell and seed, the equal-steps comparison of Noisy Student's row (its
# teacher's 500 steps and two students of 500; summarize-issue17.py counts a pipeline's steps so). Waits for
# issue17-queue-s19b.sh: one queue at a time. Resumable.
#   MENTOR=/work/run17/mentor experiments/issue17-sup1500.sh
set -u
export R=${R:-/work/exp/matrix/runs-init} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
. "$(dirname "$0")/lib.sh"
while pgrep -f "issue17-queue-s19b|dev.mentor.cli.Main train" > /dev/null; do sleep 30; done
for s in ${SEEDS:-0 1 2}; do
  for c in ${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    run train supervised $args --model cnn-small --batch-size 64 --seed "$s" --steps 1500 --out "$R/$c/supervised-1500-s$s" --force
  done
done
