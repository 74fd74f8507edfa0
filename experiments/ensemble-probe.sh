#!/usr/bin/env bash
# Labels a finished fit's pool with each of its stage models alone (`mentor pseudo-label`, un-noised), and with
# FLIP=1 the pool's mirrored images too (flip-pool.py), then asks ensemble-probe.py how accurate the mean of several
# would be: whether labeling a Noisy Student round's pool with the earlier stages, or with each model's mean over an
# image and its mirror, could give its student better labels than the teacher alone (the rounds' students end near
# their labels' accuracy). It also gives each stage's accuracy on the pool, held-out training images for the stages
# that never trained on it (the baselines and supervised-longer): beside their validation and test accuracy in
# fit.json, whether the validation split's lead over the test set is the split's or the data's. Inference only.
# usage: MENTOR=/frozen/mentor FIT=DIR OUT=DIR [FLIP=1] experiments/ensemble-probe.sh
set -euo pipefail
: "${MENTOR:?a build}" "${FIT:?a finished fit folder}" "${OUT:?a folder for the artifacts}"
here=$(cd "$(dirname "$0")" && pwd)
fm=/usr/share/datasets/fashion-mnist
if [ "${FLIP:-0}" = 1 ] && [ ! -f "$OUT/mirrored/59999.png" ]; then
  python3 "$here/flip-pool.py" "$fm/train-images-idx3-ubyte.gz" "$OUT/mirrored" --flip
fi
artifacts=()
for s in supervised supervised-cnn-small supervised-longer noisy-student noisy-student-2 noisy-student-3; do
  [ -d "$FIT/stages/$s" ] || continue
  # a Noisy Student stage: its round's student, whether or not the round kept it over its teacher
  model=$FIT/stages/$s
  [ -d "$model/round-1" ] && model=$model/round-1
  [ -f "$OUT/$s/pseudo-labels.json" ] || "$MENTOR" pseudo-label --teacher "$model" --out "$OUT/$s" > /dev/null
  artifacts+=("$s=$OUT/$s")
  if [ "${FLIP:-0}" = 1 ]; then
    [ -f "$OUT/$s-mirrored/pseudo-labels.json" ] || "$MENTOR" pseudo-label --teacher "$model" \
      --unlabeled "folder:$OUT/mirrored" --out "$OUT/$s-mirrored" > /dev/null
    artifacts+=("$s-mirrored=$OUT/$s-mirrored")
  fi
done
python3 "$here/ensemble-probe.py" --start=noisy-student-3 "$fm/train-labels-idx1-ubyte.gz" "${artifacts[@]}"
