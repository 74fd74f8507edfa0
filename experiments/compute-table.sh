#!/usr/bin/env bash
# Issue 18's accuracy-vs-compute table: each method at 1x, 4x and 16x the supervised baseline's budget, the
# budget counted in images the command draws from the data (labeled + unlabeled streams; a step of FixMatch at mu = 7
# draws 64 labeled + 448 unlabeled images, 8 times a supervised step's 64). Every image the command trains on is counted,
# including the start a consistency method trains itself without --init (its own supervised run of the same steps:
# 64 more per step, so 576 in all), so each method gets MULTIPLE x BASE_STEPS x 64 / (its images per step) steps.
# Wall time is recorded beside (metrics.json, plus start/metrics.json), as images are not compute: mutual learning
# trains two models on each image, self-distillation two views, the consistency methods forward two views of each
# unlabeled image. Every command runs with its defaults. Those that need a teacher (distill, pseudo-label,
# noisy-student) take the supervised run of the same multiple and seed, whose images are not in their row (the
# summary lists them with the teacher's beside): the issue-17 convention of counting a command's own steps. Noisy
# Student trains one round.
#
# Cost on the 2-core Zen 4 of session 25, one seed, every method: 1x took 13 min and 4x 45 min (partly beside tests);
# 16x, at about 4x that of 4x, is ~3 h. MULTIPLES and SEEDS narrow it; RESULTS says what was measured.
# Resumable: a finished run is skipped and one stopped after a checkpoint continues.
# usage: R=DIR [MENTOR=./mentor] [SEEDS="0 1 2"] [MULTIPLES="1 4 16"] [METHODS="..."] [LABELS=1000] [BASE_STEPS=1600]
#        experiments/compute-table.sh; then experiments/summarize-compute.py R
set -u
R=${R:-runs/compute}
. "$(dirname "$0")/lib.sh"
LABELS=${LABELS:-1000}
BASE_STEPS=${BASE_STEPS:-1600}
BATCH=64
METHODS=${METHODS:-supervised fixmatch uda flexmatch freematch mpl noisy-student pseudo-label distill self-distill mutual}
DATA="--data fashion-mnist --labels $LABELS --model cnn-small --batch-size $BATCH"

images_per_step() {  # images a step draws from the data streams, as metrics.json counts them
  case $1 in
    supervised | self-distill | mutual) echo 64 ;;
    distill) echo 128 ;;                                  # labeled + as many pool images
    pseudo-label | noisy-student) echo 256 ;;             # labeled + 3 pseudo-labeled per labeled (--pseudo-ratio 3)
    fixmatch | uda | flexmatch | freematch | mpl) echo 576 ;;  # labeled + mu = 7 unlabeled, + its own start's 64
  esac
}

for s in ${SEEDS:-0 1 2}; do
  for k in ${MULTIPLES:-1 4 16}; do
    images=$((k * BASE_STEPS * BATCH))
    sup="$R/x$k/supervised-s$s"
    for m in supervised $METHODS; do
      out="$R/x$k/$m-s$s"
      steps=$((images / $(images_per_step "$m")))
      [ "$m" != supervised ] && [ ! -f "$sup/metrics.json" ] && continue
      if [ -f "$out/rounds.json" ] && grep -q '"complete" : true' "$out/rounds.json" 2>/dev/null; then continue; fi
      if [ ! -f "$out/metrics.json" ] && [ -f "$out/checkpoint.ckpt" ] && [ -f "$out/config.json" ]; then
        logged train "$m" --resume "$out"
        [ -f "$out/metrics.json" ] && continue
      fi
      case $m in
        pseudo-label) extra="--teacher $sup --student-steps $steps" ;;
        noisy-student) extra="--teacher $sup --rounds 1 --student-steps $steps" ;;
        distill) extra="--teacher $sup" ;;
        *) extra="" ;;
      esac
      run train "$m" $DATA --steps "$steps" --seed "$s" $extra --out "$out" --force
    done
  done
done
python3 "$(dirname "$0")/summarize-compute.py" "$R"
