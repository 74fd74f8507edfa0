#!/usr/bin/env bash
# Session 20's machine queue, one run at a time, every part resumable (finished runs are skipped):
#   1. issue 17's three commands on this machine, 3 seeds (issue17-repro-s19.sh, into /work/exp/i17/s19);
#   2. supervised at 1,500 steps on every cell and seed (issue17-sup1500.sh): the pipeline-steps baseline of the
#      teacher-based rows;
#   3. distillation and pseudo-labeling taught by the 1,000-step supervised runs (issue17-teacher1000.sh);
#   3b. Noisy Student taught by the 1,000-step run on fm100, and supervised at 2,000 steps (issue17-ns-teacher1000.sh);
#   4. distillation with a lighter teacher term on fm100, the digits and tops (issue17-distill-weights.sh);
#   5. supervised at 6,000 steps, seeds 1-2 (the equal-wall-time rows);
#   6. issue 18's 60-minute fit with an ensemble labeler and bf16 (issue18-queue-s20.sh), only when it can finish
#      before END (a time of day, default 07:20 UTC: the session's end kills whatever runs).
# Accuracy-only runs come first so that work on the machine in between changes only their speed, not their results;
# the wall-time rows and the fit run last and should have the machine to themselves.
#   MENTOR17=/work/run17/mentor MENTOR18=/work/run20/mentor experiments/s20-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
M17=${MENTOR17:-/work/run17/mentor}
MENTOR=$M17 bash "$here/issue17-repro-s19.sh"
MENTOR=$M17 bash "$here/issue17-sup1500.sh"
MENTOR=$M17 bash "$here/issue17-teacher1000.sh"
MENTOR=$M17 bash "$here/issue17-ns-teacher1000.sh"
MENTOR=$M17 bash "$here/issue17-distill-weights.sh"
(cd /work/exp/matrix && MENTOR=$M17 CHECK=0 SEEDS=" " WALL_SEEDS="1 2" bash "$here/issue17-defaults.sh")
if [ $(( $(date -u -d "${END:-07:20}" +%s) - $(date -u +%s) )) -gt 3900 ]; then
  MENTOR=${MENTOR18:-/work/run20/mentor} bash "$here/issue18-queue-s20.sh"
else
  echo "$(date -u +%TZ): no time for a 60-minute fit before ${END:-07:20}; not started"
fi
