#!/usr/bin/env bash
# Issue 17's robustness matrix: every method with its defaults beside supervised training at the same
# step budget and batch, on Fashion-MNIST at 4, 10, 25 and 100 labels per class, a class subset (the four
# confusable tops: T-shirt, pullover, coat, shirt), an RGB data set and the UCI digits. Only the budget
# (--steps, --batch-size) and what a method needs (its teacher: the supervised run of the same cell and
# seed) are given; everything else is the build's default. Self-training methods train their teacher's
# steps per student (2 rounds by default), so they use more steps than the supervised run; their rows say so.
#
# Resumable: a finished run is skipped and one stopped after a checkpoint continues, so run the same
# command again after an interruption.
# usage: R=DIR [MENTOR=./mentor] [SEEDS="0 1 2"] [CELLS="fm4 ..."] [METHODS="..."] [STEPS=500] [BATCH=64]
#        experiments/robustness-matrix.sh
# Needs: MENTOR_DATA with fashion-mnist (or the Debian package); DIGITS=dir from datasets/digits-idx.py;
#        TINTED=dir from datasets/tinted-cifar.py (each cell is skipped, and said so, when its data is missing).
set -u
R=${R:-runs/robustness}
. "$(dirname "$0")/lib.sh"
STEPS=${STEPS:-500}
BATCH=${BATCH:-64}
DIGITS=${DIGITS:-}
TINTED=${TINTED:-}
CHEAP="supervised distill self-distill mutual pseudo-label noisy-student"
CONSISTENCY="fixmatch uda mpl flexmatch freematch"
METHODS=${METHODS:-$CHEAP $CONSISTENCY}
CELLS=${CELLS:-fm4 fm10 fm25 fm100 tops digits rgb}


method_args() {  # method, the cell's supervised run
  case $1 in
    supervised | self-distill | mutual | fixmatch | uda | mpl | flexmatch | freematch) echo "" ;;
    distill | pseudo-label | noisy-student) echo "--teacher $2" ;;
  esac
}

for s in ${SEEDS:-0 1 2}; do
  for c in $CELLS; do
    args=$(cell_args "$c")
    if [ -z "$args" ]; then echo "cell $c: its data is not given, skipped" >> "$log"; continue; fi
    sup="$R/$c/supervised-s$s"
    for m in supervised $METHODS; do
      out="$R/$c/$m-s$s"
      if [ "$m" != supervised ] && [ ! -f "$sup/metrics.json" ]; then continue; fi
      # self-training folders finish with rounds.json, not metrics.json
      if [ -f "$out/rounds.json" ] && grep -q '"complete" : true' "$out/rounds.json" 2>/dev/null; then continue; fi
      # a run stopped after a checkpoint (the session ended) continues rather than restarting
      if [ ! -f "$out/metrics.json" ] && [ -f "$out/checkpoint.ckpt" ] && [ -f "$out/config.json" ]; then
        logged train "$m" --resume "$out"
        [ -f "$out/metrics.json" ] && continue
      fi
      run train "$m" $args --model cnn-small --steps "$STEPS" --batch-size "$BATCH" --seed "$s" \
        $(method_args "$m" "$sup") --out "$out" --force
    done
  done
done
python3 "$(dirname "$0")/summarize-matrix.py" "$R"
