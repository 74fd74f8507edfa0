#!/usr/bin/env bash
# Issue 17, session 19: what issue17-queue-s18.sh and issue17-rows-s18.sh queue, reordered so the must-show (equal
# steps) comes first: seed 2 of the consistency rows, then the other rows at seeds 0-2 (issue17-rows-s18.sh), then the
# equal-wall-time supervised runs (6,000 steps) of seeds 1 and 2. Every part is resumable and skips finished runs.
#   MENTOR=/work/run17/mentor experiments/issue17-queue-s19.sh
set -u
here=$(dirname "$0")
# wait for a queue started before this one to end its current run (its script was stopped, its java finishes the run)
while pgrep -f "dev.mentor.cli.Main train" > /dev/null; do sleep 10; done
CHECK=0 SEEDS=2 WALL_SEEDS=" " bash "$here/issue17-defaults.sh"
bash "$here/issue17-rows-s18.sh"
CHECK=0 SEEDS=" " WALL_SEEDS="1 2" bash "$here/issue17-defaults.sh"
