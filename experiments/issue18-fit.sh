#!/usr/bin/env bash
# Issue 18's first must-show: `mentor fit` on Fashion-MNIST with 1,000 labels and a 60-minute budget, its default
# pipeline (supervised baseline, Noisy Student from it, then UDA from the better of the two on validation since 08af47b;
# their steps scaled to fill the budget), one fit per seed. Run it alone on the machine: the budget is wall time.
#   MENTOR=/path/to/mentor R=DIR SEEDS="0 1 2" BUDGET=60m [EXTRA="fit options"] experiments/issue18-fit.sh
# Session 14's pipeline: EXTRA="--candidates noisy-student --rounds 3" (three Noisy Student rounds, each taught by and
# started from the round before, instead of one round and UDA). Not run yet: the chained pipeline with the rounds,
# EXTRA="--candidates noisy-student,flexmatch --rounds 2" (FlexMatch from the best round), and with --precision bf16.
# Resumable: a finished seed (fit.json) is skipped; an interrupted one continues with the same --out (finished stages
# kept), but its time budget starts again, so say so beside its time.
set -euo pipefail
MENTOR=${MENTOR:-./mentor}
R=${R:-runs/issue18-fit}
SEEDS=${SEEDS:-"0 1 2"}
BUDGET=${BUDGET:-60m}
EXTRA=${EXTRA:-}
mkdir -p "$R"
for s in $SEEDS; do
  out=$R/fit-s$s
  [ -f "$out/fit.json" ] && continue
  cmd=("$MENTOR" fit --data fashion-mnist --labels 1000 --time-budget "$BUDGET" --seed "$s" --out "$out")
  # shellcheck disable=SC2206
  [ -n "$EXTRA" ] && cmd+=($EXTRA)
  echo "$(date -u +%FT%TZ) ${cmd[*]}" >> "$R/commands.log"
  /usr/bin/time -v "${cmd[@]}" > "$R/fit-s$s.out" 2> "$R/fit-s$s.err"
done
python3 "$(dirname "$0")/summarize-fit.py" "$R"/fit-s*/
