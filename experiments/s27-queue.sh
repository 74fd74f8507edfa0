#!/usr/bin/env bash
# Session 27's machine queue, one run at a time (an Intel Xeon with AMX, family 6 model 167: a new machine; nothing of
# session 26's runs survived):
#   1. FixMatch's 20,000-step curve, seed 0, with its supervised twin (issue 18: "UDA and FixMatch >= +3 at the same
#      budget"; FlexMatch, FreeMatch and UDA were measured in sessions 22-24, FixMatch never). fp32, as those curves.
#   2. when $R/ci-go exists (touched once the session's commits are in), the fresh-clone CI of CI_REPO's HEAD alone on
#      the machine (Mentor's artifacts moved out of ~/.m2 meanwhile), its log in $R/ci.log
# usage: MENTOR=/frozen/mentor R=DIR [CI_CLONE=/tmp/freshN] experiments/s27-queue.sh (from a snapshot of experiments/)
# (The snapshot that ran wrote the waiting loop and the CI block out; queue-lib.sh holds them now, unchanged.)
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
: "${MENTOR:?a frozen build}"
: "${R:?the runs directory of the session}"
. "$here/queue-lib.sh"
wait_for_quiet_machine
R=$R/budget MENTOR=$MENTOR SEEDS=0 METHODS="supervised fixmatch" bash "$here/issue18-budget.sh"
if [ -n "${CI_CLONE:-}" ]; then
  while [ ! -e "$R/ci-go" ]; do sleep 30; done
  fresh_clone_ci "$CI_CLONE" "$R/ci.log" "${CI_REPO:-/work/main}"
fi
