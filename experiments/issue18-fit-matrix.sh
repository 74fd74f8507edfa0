#!/usr/bin/env bash
# Issue 18: "the same `mentor fit` on the robustness matrix of issue 17: never below supervised on validation or test".
# One fit per cell and seed with its defaults (no time budget) and the matrix's step budget for its baseline
# (--steps 500), into R/CELL/fit-sS; the summary compares each fit's choice with its own supervised baseline (same split,
# seed and steps) and lists every fit whose choice is below it on test.
# usage: R=DIR [MENTOR=./mentor] [SEEDS="0 1 2"] [CELLS="fm4 ..."] [STEPS=500] [MATRIX_INIT=runs-init] experiments/issue18-fit-matrix.sh
# (MATRIX_INIT: issue 17's runs of supervised at 1,000 and 6,000 steps, compared beside in the per-cell summary)
# Resumable: a finished fit (fit.json) is skipped; an interrupted one continues with the same --out.
set -u
R=${R:-runs/issue18-fit-matrix}
. "$(dirname "$0")/lib.sh"
STEPS=${STEPS:-500}
DIGITS=${DIGITS:-}
TINTED=${TINTED:-}
CELLS=${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}
for s in ${SEEDS:-0 1 2}; do
  for c in $CELLS; do
    args=$(cell_args "$c")
    if [ -z "$args" ]; then echo "cell $c: its data is not given, skipped" >> "$log"; continue; fi
    out="$R/$c/fit-s$s"
    [ -f "$out/fit.json" ] && continue
    mkdir -p "$R/$c"
    # shellcheck disable=SC2086
    logged fit $args --steps "$STEPS" --seed "$s" --out "$out"
  done
done
python3 "$(dirname "$0")/summarize-fit.py" "$R"/*/fit-s*/
python3 "$(dirname "$0")/summarize-fit-matrix.py" "$R" ${MATRIX_INIT:-}
