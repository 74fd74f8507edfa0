#!/usr/bin/env bash
# Session 21's queue, replacing experiments/s21b-queue.sh: its fits on the matrix (build 029e784, the pipeline without
# supervised-longer): the same fits with the build that adds the supervised-longer candidate (MENTOR), seeds 0, 1, 2, into
# /work/exp/s21/fit-matrix-longer, the before/after of that change; then FlexMatch's 20,000-step curve (seed 0), which
# s21b-queue.sh would have run next (resumable: a run stopped after a checkpoint continues).
#   MENTOR=/path/to/frozen/build/mentor OLD_MENTOR=/path/to/the/frozen/build/of/029e784 experiments/s21e-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
while pgrep -f "s21b-queue|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
for s in 0 1 2; do  # s21b-queue.sh's fits, finished first (a finished fit is skipped)
  MENTOR=${OLD_MENTOR:-$MENTOR} R=/work/exp/s21/fit-matrix SEEDS=$s MATRIX_INIT=/work/exp/matrix/runs-init bash "$here/issue18-fit-matrix.sh"
done
for s in 0 1 2; do
  R=/work/exp/s21/fit-matrix-longer SEEDS=$s MATRIX_INIT=/work/exp/matrix/runs-init bash "$here/issue18-fit-matrix.sh"
done
MENTOR=${OLD_MENTOR:-$MENTOR} R=/work/exp/s21/budget SEEDS=0 METHODS="supervised flexmatch" bash "$here/issue18-budget.sh"
