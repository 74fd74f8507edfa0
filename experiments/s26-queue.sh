#!/usr/bin/env bash
# Session 26's machine queue, one run at a time (the same Zen 4 as session 25, family 25 model 17):
#   1. the 60-minute fit's seed 2 with session 22's pipeline unchanged (88.33 and 88.18 at seeds 0-1), so that the
#      headline has its three seeds: resnet-20 baseline, supervised-longer, three Noisy Student rounds with a cnn-small
#      ensemble member, bf16. Alone on the machine: its budget is wall time.
#   2. the drawn Cutout lead (--strong-augment strong:cutout=0..0.5) against the default, FreeMatch, all seven cells of
#      the matrix, seed 0 (session 24 measured three cells on a Zen 5, gone with that machine), with each cell's
#      supervised floor; every run of one build.
#   3. when $R/ci-go exists (touched once the session's commits are in), the fresh-clone CI of CI_REPO's HEAD alone on
#      the machine (Mentor's artifacts moved out of ~/.m2 meanwhile), its log in $R/ci.log
#   4. with DEMO_CLONE=DIR, the README's first command as a new user meets it: a fresh clone of CI_REPO's HEAD whose
#      first command is `./mentor demo` (it builds itself; Mentor's artifacts out of ~/.m2 again), alone, timed, its
#      output in $R/demo.log (the README still said its time on a quiet machine was not measured)
#   5. the same lead at seed 1, as far as the session's time goes (resumable: finished runs are skipped).
# usage: MENTOR=/frozen/mentor R=DIR [CI_CLONE=/tmp/freshN] [DEMO_CLONE=/tmp/demoN] experiments/s26-queue.sh (from a
#        snapshot of experiments/)
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
: "${MENTOR:?a frozen build}"
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
: "${R:?the runs directory of the session}"
while pgrep -f "compute-table|issue18-budget|issue18-fit|issue18-leads|dev.mentor.cli.Main (train|fit)" > /dev/null; do
  sleep 30
done
MENTOR=$MENTOR R=$R/fit-r20-longer SEEDS=2 \
  EXTRA="--model resnet-20 --candidates supervised-longer,noisy-student --rounds 3 --ensemble cnn-small --precision bf16" \
  bash "$here/issue18-fit.sh"
R=$R/leads MENTOR=$MENTOR SEEDS=0 METHODS=freematch VARIANTS="default cutout" bash "$here/issue18-leads.sh"
if [ -n "${CI_CLONE:-}" ]; then
  while [ ! -e "$R/ci-go" ]; do sleep 30; done
  if [ ! -e "$CI_CLONE" ]; then
    git clone -q "${CI_REPO:-/work/main}" "$CI_CLONE"
    mv ~/.m2/repository/dev/mentor ~/.m2/mentor-aside 2>/dev/null
    start=$(date +%s)
    (cd "$CI_CLONE" && git log --oneline -1 && CI=true bash .ci/run) > "$R/ci.log" 2>&1
    echo "ci exit $? after $(( $(date +%s) - start )) s" >> "$R/ci.log"
    rm -rf ~/.m2/repository/dev/mentor && mv ~/.m2/mentor-aside ~/.m2/repository/dev/mentor 2>/dev/null
  fi
fi
if [ -n "${DEMO_CLONE:-}" ] && [ ! -e "$DEMO_CLONE" ]; then
  git clone -q "${CI_REPO:-/work/main}" "$DEMO_CLONE"
  mv ~/.m2/repository/dev/mentor ~/.m2/mentor-aside 2>/dev/null
  (cd "$DEMO_CLONE" && git log --oneline -1 && /usr/bin/time -v ./mentor demo --out runs/demo-fresh) > "$R/demo.log" 2>&1
  echo "demo exit $?" >> "$R/demo.log"
  rm -rf ~/.m2/repository/dev/mentor && mv ~/.m2/mentor-aside ~/.m2/repository/dev/mentor 2>/dev/null
fi
R=$R/leads MENTOR=$MENTOR SEEDS=1 METHODS=freematch VARIANTS="default cutout" bash "$here/issue18-leads.sh"
