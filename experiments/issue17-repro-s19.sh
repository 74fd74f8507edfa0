#!/usr/bin/env bash
# Issue 17's three commands (experiments/issue17-repro.sh) again on this machine and build, 3 seeds: they were measured
# in session 7 (Zen 3, build 46e1740); distillation has changed since (its student starts from the teacher, and the run
# returns the teacher when validation prefers it). Waits for issue17-queue-s19.sh: one queue at a time.
#   MENTOR=/work/run17/mentor experiments/issue17-repro-s19.sh
set -u
export R=${R:-/work/exp/i17/s19} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
while pgrep -f "issue17-queue-s19.sh|dev.mentor.cli.Main train" > /dev/null; do sleep 30; done
SEEDS=${SEEDS:-"0 1 2"} bash "$(dirname "$0")/issue17-repro.sh"
