#!/usr/bin/env bash
# Session 21's second queue: after experiments/s21-queue.sh (fm4's wall-time seeds, then issue 18's chained fit), issue
# 18's "the same `mentor fit` on the robustness matrix", never measured before: one fit per cell with its defaults and
# the matrix's baseline budget (--steps 500), seeds 0, 1, 2 in that order. Resumable (a finished fit is skipped, an
# interrupted one continues), so the session's end only pauses it.
#   MENTOR=/path/to/frozen/build/mentor experiments/s21b-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
while pgrep -f "s21-queue|issue18-queue|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
for s in 0 1 2; do
  R=/work/exp/s21/fit-matrix SEEDS=$s bash "$here/issue18-fit-matrix.sh"
done
