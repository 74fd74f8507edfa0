#!/usr/bin/env bash
# Session 24's machine queue: once UDA's 20,000-step curve (experiments/issue18-budget.sh, started by hand) is done, a
# first look at Cutout's size on the robustness matrix: FreeMatch with the default strong view against
# --strong-augment strong:cutout=0..0.5, seed 0, on three cells. LEADS_MENTOR must have --strong-augment (3ace55e on).
# One run at a time, all resumable.
#   LEADS_MENTOR=/frozen/mentor R=DIR experiments/s24-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
: "${LEADS_MENTOR:?a build with --strong-augment}"
: "${R:?the leads runs directory}"
while pgrep -f "issue18-budget|issue18-fit|issue18-leads|dev.mentor.cli.Main (train|fit)" > /dev/null; do sleep 30; done
R=$R MENTOR=$LEADS_MENTOR SEEDS=0 CELLS="${CELLS:-fm10 fm100 tops}" METHODS=freematch VARIANTS="default cutout" \
  bash "$here/issue18-leads.sh"
