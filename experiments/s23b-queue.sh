#!/usr/bin/env bash
# Session 23's machine queue, replacing s23-queue.sh once FreeMatch's 20,000-step curve (which it started) is done:
# first the thresholds' start pass against the defaults on the robustness matrix (FreeMatch, 3 seeds, every cell; the
# new option needs a build that has it: LEADS_MENTOR), then the rest of issue 18's 20,000-step curves at seed 0 with
# the curves' frozen build (MENTOR): UDA, FixMatch, MPL, MPL's no-feedback twin. One run at a time, all resumable.
#   MENTOR=/frozen/curves/mentor LEADS_MENTOR=/frozen/new/mentor experiments/s23b-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
: "${LEADS_MENTOR:?a build with --calibrate-thresholds}"
while pgrep -f "s23-queue|issue18-budget|issue18-fit|issue18-leads|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=/work/exp/s23/leads MENTOR=$LEADS_MENTOR METHODS=freematch VARIANTS="default calibrated" bash "$here/issue18-leads.sh"
R=/work/exp/s21/budget SEEDS=0 METHODS="uda fixmatch mpl mpl0" bash "$here/issue18-budget.sh"
