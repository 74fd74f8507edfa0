#!/usr/bin/env bash
# Every method on a user's odd folder (imbalanced 150..8, mixed PNG colour types and sizes; a pool with
# four out-of-distribution classes, a broken PNG and a text file), a short budget: does it run, what does it say.
# usage: ODD_DIR=DIR [MENTOR=path/to/mentor] experiments/odd-folder-sweep.sh   (DIR holds odd/ and odd-pool/, made by
#        python3 experiments/datasets/odd-folder.py DIR/odd)
M=${MENTOR:-$(cd "$(dirname "$0")/.." && pwd)/mentor}
cd "${ODD_DIR:?ODD_DIR: the folder holding odd/ and odd-pool/}"
export MENTOR_DATA=${MENTOR_DATA:-/work/data}
D="--data folder:odd --image-size 28 --model cnn-small --steps 40"
P="--unlabeled folder:odd-pool"
[ -f odd-runs/sup/metrics.json ] || $M train supervised --data folder:odd --image-size 28 --model cnn-small --steps 100 --out odd-runs/sup --force 2>&1 | tail -1
for m in distill pseudo-label noisy-student; do
  [ -f odd-runs/$m/metrics.json ] || grep -qs '"complete" *: *true' odd-runs/$m/rounds.json && continue
  echo "== $m"; $M train $m $D $P --teacher odd-runs/sup --out odd-runs/$m --force 2>&1 | grep -v "^epoch\|ETA" | tail -6
done
for m in fixmatch uda mpl flexmatch freematch mutual self-distill; do
  [ -f odd-runs/$m/metrics.json ] && continue
  echo "== $m"; $M train $m $D $P --out odd-runs/$m --force 2>&1 | grep -v "^epoch\|ETA" | tail -6
done
echo "== fit"; $M fit --data folder:odd --image-size 28 $P --time-budget 10m --out odd-runs/fit 2>&1 | grep -v "^epoch\|ETA" | tail -12
