#!/usr/bin/env bash
# The next session's machine queue (after session 22), one run at a time, resumable: the rest of issue 18's 20,000-step
# curves at seed 0, from the same 1,600-step start and against the same supervised twin as FlexMatch's (session 21-22):
# FreeMatch (session 22 started it), then UDA, FixMatch, MPL and MPL's no-feedback twin (--mpl-weight 0). Each is ~85
# minutes here (MPL more), so this spans sessions; whatever a session's end interrupts continues from its checkpoint.
#   MENTOR=/path/to/frozen/build/mentor experiments/s23-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
while pgrep -f "s22-queue|s22c-queue|issue18-budget|issue18-fit|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s21/budget SEEDS=0 METHODS="freematch uda fixmatch mpl mpl0" bash "$here/issue18-budget.sh"
