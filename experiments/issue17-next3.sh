#!/usr/bin/env bash
# Issue 17's consistency queue from session 16 on (follows experiments/issue17-next2.sh). Session 15's machine change lost
# the run folders of sessions 7-14, so each cell's supervised run is trained again here (the consistency methods'
# comparison is per cell and seed against it). Build: /work/run14 = 27b39ac; its consistency methods are 0f75b5d's
# (nothing under mentor-core/src/main changed their behaviour since; the default precision is fp32).
# Order: seed 0's missing runs, rgb first (the cell no consistency method has run on), then the digits (mpl, flexmatch,
# freematch) and tops (flexmatch, freematch), then seeds 1 and 2 on every cell. A consistency run takes 15-20 minutes
# here (about 2 s a step: 960 images forward, cnn-small), so the whole queue is about 80 runs, a day of machine time.
# Resumable: run it again after an interruption.
set -u
mkdir -p /work/exp/matrix && cd /work/exp/matrix
export R=/work/exp/matrix/runs MENTOR=${MENTOR:-/work/run14/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
# tcmalloc: the same numbers as glibc's malloc, 3-4x faster here (glibc maps and unmaps every large tensor: 45% of the
# CPU time went to page faults); from session 16's 17:23 UTC on, every run of this queue uses it.
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD=1099511627776
matrix="$(dirname "$MENTOR")/experiments/robustness-matrix.sh"
ALL="fixmatch uda mpl flexmatch freematch"
SEEDS=0 CELLS=rgb METHODS="$ALL" "$matrix" > s0-rgb.md 2>&1
SEEDS=0 CELLS=digits METHODS="mpl flexmatch freematch" "$matrix" > s0-digits.md 2>&1
SEEDS=0 CELLS=tops METHODS="flexmatch freematch" "$matrix" > s0-tops.md 2>&1
for s in 1 2; do
  SEEDS="$s" METHODS="$ALL" "$matrix" > "s$s-consistency.md" 2>&1
done
