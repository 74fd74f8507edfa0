#!/usr/bin/env bash
# Issue 20: the demo (mentor fit on Fashion-MNIST, 1,000 labels) over 3 seeds, then each stage's test accuracy
# against the baseline, mean ± std. Resumable: a finished seed is skipped, an interrupted one continues.
# Usage: R=runs/i20 [MENTOR=./mentor] [SEEDS="0 1 2"] [QUICK=--quick] experiments/issue20-demo.sh
set -u
R=${R:-runs/issue20-demo}
. "$(dirname "$0")/lib.sh"
for s in ${SEEDS:-0 1 2}; do
  [ -f "$R/demo-s$s/fit.json" ] || logged demo --seed "$s" ${QUICK:-} --out "$R/demo-s$s"
done
python3 - "$R" ${SEEDS:-0 1 2} <<'PY'
import json, statistics, sys
r, seeds = sys.argv[1], sys.argv[2:]
fits = {s: json.load(open(f"{r}/demo-s{s}/fit.json")) for s in seeds}
stages = [st["stage"] for st in fits[seeds[0]]["stages"]]
m = lambda xs: f"{statistics.mean(xs):.2f} ± {statistics.stdev(xs) if len(xs) > 1 else 0:.2f}"
def test(f, name):
    return next(100 * st["test_accuracy"] for st in f["stages"] if st["stage"] == name)
print("| stage | " + " | ".join(f"seed {s}" for s in seeds) + " | mean ± std | vs supervised |")
print("|---|" + "---|" * (len(seeds) + 2))
for name in stages + ["fit (chosen)"]:
    accs = [test(fits[s], fits[s]["chosen"] if name == "fit (chosen)" else name) for s in seeds]
    gains = [a - test(fits[s], "supervised") for a, s in zip(accs, seeds)]
    print(f"| {name} | " + " | ".join(f"{a:.2f}" for a in accs) + f" | {m(accs)} | {'baseline' if name == 'supervised' else m(gains)} |")
print("chosen: " + ", ".join(f"seed {s}: {fits[s]['chosen']}" for s in seeds))
print("seconds: " + ", ".join(f"seed {s}: {fits[s]['seconds']:.0f}" for s in seeds))
PY
