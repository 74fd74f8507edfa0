#!/usr/bin/env bash
# Issue 17's reproduction, 3 seeds: a cnn-small teacher on all Fashion-MNIST labels for 3 epochs (T), the
# supervised baseline on 20 labels per class for 40 epochs (A), and distillation from T with the same
# options (K), each with the build's defaults. Usage: R=runs/i17 [MENTOR=./mentor] [SEEDS="0 1 2"] experiments/issue17-repro.sh
set -u
R=${R:-runs/issue17-repro}
. "$(dirname "$0")/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  run train supervised --data fashion-mnist --model cnn-small --epochs 3 --seed "$s" --out "$R/T-s$s" --force
  run train supervised --data fashion-mnist --labels-per-class 20 --model cnn-small --epochs 40 --seed "$s" --out "$R/A-s$s" --force
  run train distill --teacher "$R/T-s$s" --data fashion-mnist --labels-per-class 20 --model cnn-small --epochs 40 --seed "$s" --out "$R/K-s$s" --force
done
python3 - "$R" ${SEEDS:-0 1 2} <<'PY'
import json, statistics, sys
r, seeds = sys.argv[1], sys.argv[2:]
acc = lambda run: 100 * json.load(open(f"{r}/{run}/metrics.json"))["test_accuracy"]
rows = [(s, acc(f"T-s{s}"), acc(f"A-s{s}"), acc(f"K-s{s}")) for s in seeds]
for s, t, a, k in rows:
    print(f"seed {s}: teacher {t:.2f}  A {a:.2f}  K {k:.2f}  K-A {k - a:+.2f}")
d = [k - a for _, _, a, k in rows]
m = lambda xs: f"{statistics.mean(xs):.2f} ± {statistics.stdev(xs) if len(xs) > 1 else 0:.2f}"
print(f"A {m([a for _, _, a, _ in rows])}  K {m([k for *_, k in rows])}  K-A {m(d)}")
PY
