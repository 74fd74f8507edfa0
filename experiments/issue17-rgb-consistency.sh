#!/usr/bin/env bash
# Why the threshold methods lose on the rgb cell (seed 0, build 27b39ac: FixMatch -5.4, UDA -5.7, FlexMatch -8.8 against
# supervised; MPL +0.8): the same runs started from the cell's supervised run (--init), and FixMatch with distribution
# alignment. Each is the matrix's command plus one option. Resumable (a finished run is skipped).
# usage: MATRIX=/work/exp/matrix/runs R=DIR [MENTOR=./mentor] [SEED=0] experiments/issue17-rgb-consistency.sh
set -u
R=${R:?R=DIR}
MATRIX=${MATRIX:?MATRIX=the matrix runs folder}
SEED=${SEED:-0}
. "$(dirname "$0")/lib.sh"
args="--data cifar10:${TINTED:-/work/data/tinted} --labels-per-class 10 --model cnn-small --steps 500 --batch-size 64 --seed $SEED"
sup="$MATRIX/rgb/supervised-s$SEED"
run train fixmatch $args --init "$sup" --out "$R/fixmatch-init-s$SEED" --force
run train fixmatch $args --distribution-alignment --out "$R/fixmatch-da-s$SEED" --force
run train flexmatch $args --init "$sup" --out "$R/flexmatch-init-s$SEED" --force
run train uda $args --init "$sup" --out "$R/uda-init-s$SEED" --force
