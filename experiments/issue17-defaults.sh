#!/usr/bin/env bash
# Issue 17, session 17: the consistency methods with their defaults since de90640 (run with b80d1c8; no --init: each trains its own
# supervised start into RUN/start with the run's options, then the method from it, and returns the start when validation
# prefers it). The start is bit-identical to the cell's 500-step supervised run (ConsistencyCommandsTest), so these rows
# continue session 16's queue (issue17-init.sh: --init from that run) with the command a user types.
# Beside them, supervised at 1,000 steps: the run trains 500 supervised steps and 500 of the method's.
# First: FixMatch on fm10 at seed 0 again, to check that it ends where issue17-init.sh's run did. Resumable.
set -u
mkdir -p /work/exp/matrix && cd /work/exp/matrix
export R=${R:-/work/exp/matrix/runs-default} MENTOR=${MENTOR:-/work/run17/mentor} MENTOR_DATA=${MENTOR_DATA:-/work/data}
export DIGITS=${DIGITS:-/work/data/digits} TINTED=${TINTED:-/work/data/tinted}
MATRIX=${MATRIX:-/work/exp/matrix/runs}    # the matrix's supervised runs (500 steps)
INIT=${INIT:-/work/exp/matrix/runs-init}    # issue17-init.sh's supervised runs at 1,000 steps
. "$(dirname "$MENTOR")/experiments/lib.sh"
common() { echo "--model cnn-small --batch-size 64 --seed $1"; }
[ "${CHECK:-1}" = 1 ] && run_resuming train fixmatch $(cell_args fm10) $(common 0) --steps 500 --out "$R/fm10/fixmatch-s0" --force
for s in ${SEEDS:-1 2}; do
  for c in ${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    run train supervised $args $(common "$s") --steps 500 --out "$MATRIX/$c/supervised-s$s" --force
    run train supervised $args $(common "$s") --steps 1000 --out "$INIT/$c/supervised-1000-s$s" --force
    for m in ${METHODS:-fixmatch uda flexmatch freematch mpl}; do
      run_resuming train "$m" $args $(common "$s") --steps 500 --out "$R/$c/$m-s$s" --force
    done
  done
done
# Then supervised at about the wall time of a consistency run (its start and 500 steps: 150-200 s against 25 s for
# 1,000 supervised steps on this machine), so each row also has its equal-time comparison.
for s in ${WALL_SEEDS:-0 1 2}; do
  for c in ${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}; do
    args=$(cell_args "$c")
    [ -z "$args" ] && continue
    run train supervised $args $(common "$s") --steps 6000 --out "$INIT/$c/supervised-6000-s$s" --force
  done
done
