#!/usr/bin/env bash
# Issue 17's consistency queue from session 13 on (it follows experiments/issue17-next.sh, whose build, 638fb84, ran the
# runs before): the consistency methods at seeds 0-2 on every cell, with a frozen build that has e1ef78c (MPL keeps its
# teacher when validation prefers it), /work/run10 = 0f75b5d. MPL's seed-0 runs of 638fb84 kept the student whatever
# its validation accuracy; they are moved once to runs-638fb84/ (RESULTS quotes them) and run again with this build.
# Resumable: run it again after an interruption.
cd /work/exp/matrix
export R=/work/exp/matrix/runs MENTOR=${MENTOR:-/work/run10/mentor} MENTOR_DATA=/work/data DIGITS=/work/data/digits TINTED=/work/data/tinted
OLD=/work/exp/matrix/runs-638fb84
for c in fm4 fm10 fm25 fm100 tops digits rgb; do
  if [ -d "$R/$c/mpl-s0" ] && [ ! -d "$OLD/$c/mpl-s0" ]; then
    mkdir -p "$OLD/$c" && mv "$R/$c/mpl-s0" "$OLD/$c/mpl-s0"
  fi
done
for s in 0 1 2; do
  SEEDS="$s" METHODS="fixmatch uda mpl flexmatch freematch" "$(dirname "$MENTOR")/experiments/robustness-matrix.sh" > "s$s-consistency-b.md" 2>&1
done
