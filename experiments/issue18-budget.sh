#!/usr/bin/env bash
# Issue 18, "FlexMatch or FreeMatch >= +4 within 20,000 steps; UDA and FixMatch >= +3 at the same budget
# (the steps at which each first reaches +1, +2, +3); MPL against its no-feedback twin and UDA".
# Fashion-MNIST, 1,000 labels, cnn-small, batch 64. Every semi-supervised run starts from the same
# supervised run (BASE_STEPS steps, `--init`), as the suite and fit do; its equal-budget twin is
# supervised training continued from that run for the same STEPS (same start, same steps, no pool), so the
# difference is what the unlabeled images add. Each run validates every STEPS/100 steps (Budget.CHUNKS);
# experiments/summarize-budget.py reads the validation curves for the first step at +1, +2, +3.
#
# Cost on this 2-core machine: a consistency step (64 labeled + 2 x 448 unlabeled images) took ~0.8 s in session 12
# and ~0.25 s with session 21's build (FlexMatch, fp32: 400 steps in ~100 s), so 20,000 steps are ~85 minutes per
# run (MPL, which trains two networks, more) and the must-show's 6 methods x 3 seeds ~26 hours or more.
# STEPS and SEEDS say what was measured; RESULTS says which.
#
# Resumable: a finished run is skipped and one stopped after a checkpoint continues.
# usage: R=DIR [MENTOR=./mentor] [SEEDS="0 1 2"] [STEPS=20000] [BASE_STEPS=1600]
#        [METHODS="supervised flexmatch freematch uda fixmatch mpl mpl0"] experiments/issue18-budget.sh
set -u
R=${R:-runs/issue18}
. "$(dirname "$0")/lib.sh"
STEPS=${STEPS:-20000}
BASE_STEPS=${BASE_STEPS:-1600}
METHODS=${METHODS:-supervised flexmatch freematch uda fixmatch mpl mpl0}
DATA=(--data fashion-mnist --labels 1000 --model cnn-small --batch-size 64)

for s in ${SEEDS:-0 1 2}; do
  base="$R/base-s$s"
  resume_or_run "$base" train supervised "${DATA[@]}" --steps "$BASE_STEPS" --seed "$s" --out "$base" --force
  [ -f "$base/metrics.json" ] || { echo "seed $s: no base run, skipped" >> "$log"; continue; }
  for m in $METHODS; do
    out="$R/$m-$STEPS-s$s"
    case $m in
      mpl0) args=(train mpl --mpl-weight 0) ;;
      *) args=(train "$m") ;;
    esac
    resume_or_run "$out" "${args[@]}" "${DATA[@]}" --steps "$STEPS" --seed "$s" --init "$base" --out "$out" --force
  done
done
python3 "$(dirname "$0")/summarize-budget.py" "$R"
