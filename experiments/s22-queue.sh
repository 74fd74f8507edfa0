#!/usr/bin/env bash
# The next session's machine queue (after session 21), one run at a time, resumable:
#   1. FlexMatch's 20,000-step curve against its supervised twin, seed 0 (experiments/issue18-budget.sh; session 21
#      started it): whether the consistency methods climb toward 90% on Fashion-MNIST with 1,000 labels;
#   2. issue 18's 60-minute fit with supervised-longer in its pipeline (session 20's best: resnet-20, three Noisy Student
#      rounds, --ensemble cnn-small, bf16), seed 0, when it can finish before END (a time of day, UTC).
#   MENTOR=/path/to/frozen/build/mentor END=HH:MM experiments/s22-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
while pgrep -f "s21f-queue|issue18-budget|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s21/budget SEEDS=0 METHODS="supervised flexmatch" bash "$here/issue18-budget.sh"
: "${END:?give END=HH:MM, the end of the session}"
if [ $(( $(date -u -d "$END" +%s) - $(date -u +%s) )) -gt 3900 ]; then
  R=/work/exp/s22/fit-r20-longer SEEDS=0 \
    EXTRA="--model resnet-20 --candidates supervised-longer,noisy-student --rounds 3 --ensemble cnn-small --precision bf16" \
    bash "$here/issue18-fit.sh"
else
  echo "$(date -u +%TZ): no time for a 60-minute fit before $END; not started"
fi
