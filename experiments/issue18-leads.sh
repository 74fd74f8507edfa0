#!/usr/bin/env bash
# Issue 18's accuracy leads from session 22's review, measured on issue 17's robustness matrix before any default
# changes: FreeMatch and FlexMatch with their defaults beside
#   calibrated  --calibrate-thresholds: the thresholds seeded from the run's starting model (one pass over the pool)
#               instead of from a random network's, under which nearly every pseudo-label passes for hundreds of steps
#   ema         --ema 0.999: the run evaluates and returns an average of its weights, as USB does
#   cutout      --strong-augment strong:cutout=0..0.5: Cutout's side drawn per image in [0, 1/2] of the image, as
#               FixMatch's paper and USB draw it, instead of always 1/2 (on 28x28 images a 14x14 grey square)
#   usb         --strong-augment strong:n=3,m=30,mstd=inf,cutout=0..0.5: close to USB's strong view for FixMatch-type
#               methods (semilearn/datasets/augmentation/randaugment.py: 3 ops, each op's value uniform over its whole
#               range, which is m=30 with mstd=inf here; then Cutout of a side drawn in [0, 1/2]; USB's ops' ranges
#               differ a little from torchvision's)
#   fixlr       --lr-schedule fixmatch: the rate decays as lr·cos(7πk/16K), FixMatch's paper's and USB's, ending at
#               0.195·lr instead of 0 (Mentor's warm-up kept)
#   paperlr     --lr-schedule fixmatch --warmup-steps 0: the papers' schedule whole, without the warm-up; on the matrix the
#               run's own supervised start takes the same options, so it trains without a warm-up too
# at the matrix's budget (500 steps, batch 64, each consistency run training its own start first, as by default).
# The same build runs every variant, and so each cell's supervised run at the same budget (the floor);
# experiments/summarize-leads.py R VARIANT gives a variant's table against the default variant and the floor.
#
# Cost here: ~150 s per run (session 19's matrix), so 7 cells x 3 seeds x 2 methods x 3 variants ~ 5 h; CELLS, SEEDS,
# METHODS and VARIANTS narrow it, and RESULTS says what was measured.
# Resumable: a finished run is skipped and one stopped after a checkpoint continues.
# usage: R=DIR [MENTOR=./mentor] [SEEDS="0 1 2"] [CELLS="fm4 fm10 fm25 fm100 tops digits rgb"]
#        [METHODS="freematch flexmatch"] [VARIANTS="default calibrated ema"; also cutout, usb, fixlr, paperlr] [STEPS=500] [BATCH=64]
#        experiments/issue18-leads.sh
# Needs: MENTOR_DATA with fashion-mnist; DIGITS=dir from datasets/digits-idx.py and TINTED=dir from
#        datasets/tinted-cifar.py for the digits and rgb cells (each is skipped, and said so, when its data is missing).
set -u
R=${R:-runs/issue18-leads}
. "$(dirname "$0")/lib.sh"
STEPS=${STEPS:-500}
BATCH=${BATCH:-64}
METHODS=${METHODS:-freematch flexmatch}
VARIANTS=${VARIANTS:-default calibrated ema}
CELLS=${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}

variant_args() {
  case $1 in
    default) echo "" ;;
    calibrated) echo "--calibrate-thresholds" ;;
    ema) echo "--ema 0.999" ;;
    cutout) echo "--strong-augment strong:cutout=0..0.5" ;;
    usb) echo "--strong-augment strong:n=3,m=30,mstd=inf,cutout=0..0.5" ;;
    fixlr) echo "--lr-schedule fixmatch" ;;
    paperlr) echo "--lr-schedule fixmatch --warmup-steps 0" ;;
    *) echo "unknown variant $1" >&2; return 1 ;;
  esac
}

for s in ${SEEDS:-0 1 2}; do
  for c in $CELLS; do
    args=$(cell_args "$c")
    if [ -z "$args" ]; then echo "cell $c: its data is not given, skipped" >> "$log"; continue; fi
    # the floor: supervised at the same budget, once per cell and seed
    sup="$R/supervised/$c/supervised-s$s"
    run train supervised $args --model cnn-small --steps "$STEPS" --batch-size "$BATCH" --seed "$s" --out "$sup" --force
    for v in $VARIANTS; do
      extra=$(variant_args "$v") || exit 2
      for m in $METHODS; do
        out="$R/$v/$c/$m-s$s"
        resume_or_run "$out" train "$m" $args --model cnn-small --steps "$STEPS" --batch-size "$BATCH" --seed "$s" $extra \
          --out "$out" --force
      done
    done
  done
done
for v in $VARIANTS; do
  echo "## $v"
  python3 "$(dirname "$0")/summarize-leads.py" "$R" "$v"
done
