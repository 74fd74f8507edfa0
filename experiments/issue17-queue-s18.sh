#!/usr/bin/env bash
# Issue 17, session 18: issue17-defaults.sh in the order that answers the open question first. Seed 1's consistency rows,
# then supervised at 6,000 steps for seed 0 (about a consistency run's wall time: does the equal-time comparison hold?),
# then seed 2, then the 6,000-step runs of seeds 1 and 2. Every part is resumable and skips finished runs.
#   MENTOR=/work/run17/mentor experiments/issue17-queue-s18.sh
set -u
here=$(dirname "$0")
# wait for a queue started before this one to end its current run (its script was stopped, its java finishes the run)
while pgrep -f "dev.mentor.cli.Main train" > /dev/null; do sleep 10; done
CHECK=0 SEEDS=1 WALL_SEEDS=0 bash "$here/issue17-defaults.sh"
CHECK=0 SEEDS=2 WALL_SEEDS="1 2" bash "$here/issue17-defaults.sh"
