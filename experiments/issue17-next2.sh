#!/usr/bin/env bash
# Issue 17's consistency queue from session 13 on (it follows experiments/issue17-next.sh, whose build, 638fb84, ran the
# runs before): the consistency methods at seeds 0-2 on every cell, with a frozen build that has e1ef78c (MPL keeps its
# teacher when validation prefers it), /work/run10 = 0f75b5d. MPL's seed-0 runs of 638fb84 kept the student whatever
# its validation accuracy; they were moved to runs-638fb84/ (RESULTS quotes them) and run again with this build.
# Resumable: run it again after an interruption.
cd /work/exp/matrix
export R=/work/exp/matrix/runs MENTOR=${MENTOR:-/work/run10/mentor} MENTOR_DATA=/work/data DIGITS=/work/data/digits TINTED=/work/data/tinted
# The move of MPL's 638fb84 seed-0 runs (fm4, fm10, fm25, fm100) to runs-638fb84/ was done once, in session 13. It is
# gone from here: run again, it would also have moved this build's own new mpl-s0 runs of tops, digits and rgb.
for s in 0 1 2; do
  SEEDS="$s" METHODS="fixmatch uda mpl flexmatch freematch" "$(dirname "$MENTOR")/experiments/robustness-matrix.sh" > "s$s-consistency-b.md" 2>&1
done
