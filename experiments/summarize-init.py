#!/usr/bin/env python3
"""Table of experiments/issue17-init.sh: per cell and seed, supervised at 500 and 1,000 steps, and each consistency
method started from the 500-step run (--init), with the model kept ("start" when the run returned its start).

usage: summarize-init.py RUNS_INIT MATRIX_RUNS
"""
import json
import os
import statistics
import sys

METHODS = ["fixmatch", "uda", "flexmatch", "freematch", "mpl"]
CELLS = ["fm4", "fm10", "fm25", "fm100", "tops", "digits", "rgb"]


def metrics(folder):
    path = os.path.join(folder, "metrics.json")
    return json.load(open(path)) if os.path.isfile(path) else None


def main(init_runs, matrix):
    print("| cell | seed | supervised 500 | supervised 1000 | " + " | ".join(METHODS) + " |")
    print("|---|---|---|---|" + "---|" * len(METHODS))
    deltas = {}
    for cell in CELLS:
        for seed in range(10):
            base = metrics(os.path.join(matrix, cell, f"supervised-s{seed}"))
            long = metrics(os.path.join(init_runs, cell, f"supervised-1000-s{seed}"))
            runs = {m: metrics(os.path.join(init_runs, cell, f"{m}-init-s{seed}")) for m in METHODS}
            if base is None or not any(runs.values()):
                continue
            cells = []
            for m in METHODS:
                r = runs[m]
                if r is None:
                    cells.append("")
                    continue
                d = 100 * (r["test_accuracy"] - base["test_accuracy"])
                deltas.setdefault((cell, m), []).append(d)
                kept = f", kept {r['kept']}" if r.get("kept") else ""
                cells.append(f"{100 * r['test_accuracy']:.2f} ({d:+.2f}; val {100 * r['validation_accuracy']:.1f}{kept})")
            long_text = f"{100 * long['test_accuracy']:.2f} (val {100 * long['validation_accuracy']:.1f})" if long else ""
            print(f"| {cell} | {seed} | {100 * base['test_accuracy']:.2f} (val {100 * base['validation_accuracy']:.1f}) | "
                  f"{long_text} | " + " | ".join(cells) + " |")
    print()
    for (cell, m), d in sorted(deltas.items()):
        spread = f" ± {statistics.stdev(d):.2f}" if len(d) > 1 else ""
        print(f"{cell} {m}: mean delta test vs supervised 500 {statistics.mean(d):+.2f}{spread} (n = {len(d)})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
