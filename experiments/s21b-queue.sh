#!/usr/bin/env bash
# Session 21's queue after fm4's wall-time seeds (experiments/s21-queue.sh, stopped after them): issue 18's "the same
# `mentor fit` on the robustness matrix", never measured before, first (robustness before accuracy): one fit per cell
# with its defaults and the matrix's baseline budget (--steps 500) at seed 0; then the chained 60-minute fit (two Noisy
# Student rounds, then FlexMatch; experiments/issue18-queue-s20.sh) when it can finish before END (a time of day, UTC);
# then the matrix's seeds 1 and 2. Resumable (a finished fit is skipped, an interrupted one continues), so the session's
# end only pauses it.
#   MENTOR=/path/to/frozen/build/mentor END=HH:MM experiments/s21b-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
while pgrep -f "s21-queue|issue18-queue|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s21/fit-matrix SEEDS=0 bash "$here/issue18-fit-matrix.sh"
if [ $(( $(date -u -d "${END:?give END=HH:MM, the session's end}" +%s) - $(date -u +%s) )) -gt 3900 ]; then
  bash "$here/issue18-queue-s20.sh"
else
  echo "$(date -u +%TZ): no time for a 60-minute fit before $END; not started"
fi
for s in 1 2; do
  R=/work/exp/s21/fit-matrix SEEDS=$s bash "$here/issue18-fit-matrix.sh"
done
