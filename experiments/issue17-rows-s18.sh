#!/usr/bin/env bash
# Issue 17: the matrix's other rows again, on this machine (Zen 5 since session 15) and today's code, seeds 0-2, so the
# whole table is one machine and one build. Their code is unchanged since they were measured (sessions 9-10, Zen 3),
# except distill, which since 902b5ac returns its start (the teacher) when validation prefers it. Resumable.
#   MENTOR=/work/run17/mentor experiments/issue17-rows-s18.sh     (after issue17-queue-s18.sh: one queue at a time)
set -u
export R=${R:-/work/exp/matrix/runs} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
while pgrep -f "issue17-queue-s18.sh|dev.mentor.cli.Main train" > /dev/null; do sleep 30; done
METHODS=${METHODS:-"distill self-distill mutual pseudo-label noisy-student"} bash "$(dirname "$0")/robustness-matrix.sh"
