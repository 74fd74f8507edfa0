#!/usr/bin/env bash
# After experiments/s22-queue.sh (FlexMatch's curve, then the 60-minute fit), the next 20,000-step curve: FreeMatch from
# the same 1,600-step start, seed 0 (experiments/issue18-budget.sh; its supervised twin is the one FlexMatch shares).
# Resumable: whatever the session's end interrupts continues from its checkpoint on the next start.
#   MENTOR=/path/to/frozen/build/mentor experiments/s22b-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
while pgrep -f "s22-queue|issue18-budget|issue18-fit|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s21/budget SEEDS=0 METHODS="freematch" bash "$here/issue18-budget.sh"
