#!/usr/bin/env bash
# The next session's machine queue (after session 20), one run at a time, resumable:
#   1. supervised at 6,000 steps on fm4, seeds 1-2 (equal wall time), with a build that has the fixed divergence guard:
#      the old one stopped both runs on a memorised set's one hard batch;
#   2. issue 18's chained 60-minute fit (two Noisy Student rounds, then FlexMatch; --ensemble cnn-small, bf16), seed 0,
#      after session 20's three-round fit (experiments/issue18-queue-s20.sh skips what is finished), when it can finish
#      before END (a time of day, UTC).
#   MENTOR=/path/to/frozen/build/mentor END=HH:MM experiments/s21-queue.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data} DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
(cd /work/exp/matrix && CELLS=fm4 CHECK=0 SEEDS=" " WALL_SEEDS="1 2" bash "$here/issue17-defaults.sh")
: "${END:?give END=HH:MM, the end of the session}"
if [ $(( $(date -u -d "$END" +%s) - $(date -u +%s) )) -gt 3900 ]; then
  bash "$here/issue18-queue-s20.sh"
else
  echo "$(date -u +%TZ): no time for a 60-minute fit before $END; not started"
fi
