#!/usr/bin/env bash
# Session 21's queue, replacing experiments/s21e-queue.sh after its first fits with supervised-longer: that build's
# supervised-longer continued the baseline (a second warm-up and decay) and on fm100 ended 1.2 points below supervised
# trained from scratch for as long, so supervised-longer now trains the baseline's recipe from scratch for twice its steps.
# This queue measures that build (MENTOR) on the matrix, seeds 0, 1, 2, into /work/exp/s21/fit-matrix-longer2, then
# FlexMatch's 20,000-step curve (seed 0) with the build of 029e784 (OLD_MENTOR). Resumable.
#   MENTOR=/path/to/frozen/build/mentor OLD_MENTOR=/path/to/the/frozen/build/of/029e784 experiments/s21f-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
while pgrep -f "s21e-queue|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
for s in 0 1 2; do
  R=/work/exp/s21/fit-matrix-longer2 SEEDS=$s MATRIX_INIT=/work/exp/matrix/runs-init bash "$here/issue18-fit-matrix.sh"
done
MENTOR=${OLD_MENTOR:-$MENTOR} R=/work/exp/s21/budget SEEDS=0 METHODS="supervised flexmatch" bash "$here/issue18-budget.sh"
