#!/usr/bin/env bash
# Issue 17, session 19: issue17-queue-s19.sh with the other rows split so distillation, the one row whose code changed
# since it was measured (it returns its teacher when validation prefers it, 902b5ac), covers every cell and seed first;
# then self-distillation, mutual learning, pseudo-labeling and Noisy Student at seeds 0-2; then the equal-wall-time
# supervised runs of seeds 1-2; then the three commands (issue17-repro-s19.sh). Resumable, skips finished runs.
#   MENTOR=/work/run17/mentor experiments/issue17-queue-s19b.sh
set -u
here=$(dirname "$0")
while pgrep -f "dev.mentor.cli.Main train" > /dev/null; do sleep 10; done
CHECK=0 SEEDS=2 WALL_SEEDS=" " bash "$here/issue17-defaults.sh"
METHODS=distill bash "$here/issue17-rows-s18.sh"
METHODS="self-distill mutual pseudo-label noisy-student" bash "$here/issue17-rows-s18.sh"
CHECK=0 SEEDS=" " WALL_SEEDS="1 2" bash "$here/issue17-defaults.sh"
bash "$here/issue17-repro-s19.sh"
