#!/usr/bin/env bash
# Session 25's machine queue, one run at a time on a new machine (nothing left running survives a move):
#   1. (started by hand) the compute table's seed 0 at 1x and 4x: R=$R/compute SEEDS=0 MULTIPLES="1 4"
#      experiments/compute-table.sh
#   2. a first look at the papers' learning-rate schedule on three cells of the matrix (FreeMatch, seed 0, variant
#      paperlr: --lr-schedule fixmatch --warmup-steps 0), and the default on the same cells: this machine is a Zen 4
#      (family 25) where session 24's was a Zen 5, and its supervised runs differ from session 24's in the first decimal,
#      so the default runs there cannot stand in; LEADS_MENTOR must have --lr-schedule (396dbf1 on)
#   3. with CI_CLONE=DIR, the fresh-clone CI of CI_REPO's HEAD (default /work/main) alone on the machine (Mentor's artifacts moved out of ~/.m2
#      while it runs; the frozen builds run from their own target/lib), its log in $R/ci.log
#   4. then the 60-minute fit's seed 1 with session 22's pipeline (88.33% at seed 0), so that the headline has a second
#      seed: resnet-20 baseline, supervised-longer, three Noisy Student rounds with a cnn-small ensemble member, bf16.
# usage: MENTOR=/frozen/mentor LEADS_MENTOR=/frozen/mentor R=DIR [CI_CLONE=/tmp/freshN] experiments/s25-queue.sh (a snapshot of experiments/, not the working copy)
set -u
here=$(cd "$(dirname "$0")" && pwd)
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
: "${MENTOR:?a frozen build}"
: "${LEADS_MENTOR:?a build with --lr-schedule}"
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
: "${R:?the runs directory of the session}"
while pgrep -f "compute-table|issue18-budget|issue18-fit|issue18-leads|dev.mentor.cli.Main (train|fit)" > /dev/null; do
  sleep 30
done
R=$R/leads MENTOR=$LEADS_MENTOR SEEDS=0 CELLS="fm10 fm100 tops" METHODS=freematch VARIANTS=paperlr \
  bash "$here/issue18-leads.sh"
R=$R/leads MENTOR=$LEADS_MENTOR SEEDS=0 CELLS="fm10 fm100 tops" METHODS=freematch VARIANTS=default \
  bash "$here/issue18-leads.sh"
if [ -n "${CI_CLONE:-}" ] && [ ! -e "$CI_CLONE" ]; then
  git clone -q "${CI_REPO:-/work/main}" "$CI_CLONE"
  mv ~/.m2/repository/dev/mentor ~/.m2/mentor-aside 2>/dev/null
  start=$(date +%s)
  (cd "$CI_CLONE" && git log --oneline -1 && CI=true bash .ci/run) > "$R/ci.log" 2>&1
  echo "ci exit $? after $(( $(date +%s) - start )) s" >> "$R/ci.log"
  rm -rf ~/.m2/repository/dev/mentor && mv ~/.m2/mentor-aside ~/.m2/repository/dev/mentor 2>/dev/null
fi
MENTOR=$MENTOR R=$R/fit-r20-longer SEEDS=${FIT_SEEDS:-1} \
  EXTRA="--model resnet-20 --candidates supervised-longer,noisy-student --rounds 3 --ensemble cnn-small --precision bf16" \
  bash "$here/issue18-fit.sh"
