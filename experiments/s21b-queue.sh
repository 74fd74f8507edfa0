#!/usr/bin/env bash
# Session 21's queue after fm4's wall-time seeds (experiments/s21-queue.sh, stopped after them), one run at a time:
#   1. issue 18's "the same `mentor fit` on the robustness matrix", never measured before (robustness before accuracy):
#      one fit per cell with its defaults and the matrix's baseline budget (--steps 500), seeds 0, 1, 2 (about 10 minutes
#      a seed);
#   2. issue 18's 20,000-step curve of FlexMatch against its supervised twin, seed 0 (experiments/issue18-budget.sh):
#      whether the consistency methods climb toward 90% on Fashion-MNIST with 1,000 labels given the steps an hour buys
#      (about 12,000 cnn-small steps), which decides what the 60-minute fit should spend its time on;
# The chained fit (experiments/issue18-queue-s20.sh) waits for a later session. Everything is resumable (a finished run
# is skipped, an interrupted one continues), so the session's end only pauses it.
#   MENTOR=/path/to/frozen/build/mentor experiments/s21b-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
while pgrep -f "s21-queue|issue18-queue|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
for s in 0 1 2; do
  R=/work/exp/s21/fit-matrix SEEDS=$s MATRIX_INIT=/work/exp/matrix/runs-init bash "$here/issue18-fit-matrix.sh"
done
R=/work/exp/s21/budget SEEDS=0 METHODS="supervised flexmatch" bash "$here/issue18-budget.sh"
