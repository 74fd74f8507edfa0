#!/usr/bin/env python3
"""Summarizes experiments/issue18-fit-matrix.sh: per cell of issue 17's robustness matrix, over the seeds present, the
fit's choice against its own supervised baseline (validation and test), and, for scale, against the matrix's supervised
runs of the same cell and seed trained longer (1,000 steps, and 6,000 steps: about a fit's wall time). Lists every fit
whose choice is below its baseline on validation or test: the issue's criterion.
usage: summarize-fit-matrix.py FIT_MATRIX [MATRIX_RUNS_INIT]   (e.g. /work/exp/s21/fit-matrix /work/exp/matrix/runs-init)"""
import json
import os
import statistics
import sys

from runfiles import fit_choice

CELLS = ["fm4", "fm10", "fm25", "fm100", "tops", "digits", "rgb"]


def fmt(xs):
    if not xs:
        return ""
    sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
    return f"{statistics.mean(xs):+.2f} ± {sd:.2f}"


def supervised(root, cell, steps, seed):
    m = os.path.join(root, cell, f"supervised-{steps}-s{seed}", "metrics.json") if root else ""
    return 100 * json.load(open(m))["test_accuracy"] if m and os.path.isfile(m) else None


def main():
    root = sys.argv[1]
    longer = sys.argv[2] if len(sys.argv) > 2 else None
    print("| cell | seeds | baseline test | fit test | Δ test vs baseline | Δ validation vs baseline | chosen "
          "| Δ vs supervised 1,000 | Δ vs supervised 6,000 | fit s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    below = []
    cells = sorted((c for c in os.listdir(root) if os.path.isdir(os.path.join(root, c))),
                   key=lambda c: CELLS.index(c) if c in CELLS else len(CELLS))
    for cell in cells:
        rows = []
        for name in sorted(os.listdir(os.path.join(root, cell))):
            f = os.path.join(root, cell, name, "fit.json")
            if not name.startswith("fit-s") or not os.path.isfile(f):
                continue
            seed = name[len("fit-s"):]
            fit = json.load(open(f))
            base, chosen, is_below = fit_choice(fit)
            rows.append((seed, fit, base, chosen))
            if is_below:
                below.append(f"{cell} seed {seed} ({100 * (chosen['test_accuracy'] - base['test_accuracy']):+.2f} on test)")
        if not rows:
            continue
        test = [100 * c["test_accuracy"] for _, _, _, c in rows]
        d_test = [100 * (c["test_accuracy"] - b["test_accuracy"]) for _, _, b, c in rows]
        d_val = [100 * (c["validation_accuracy"] - b["validation_accuracy"]) for _, _, b, c in rows]
        longer_d = {}
        for steps in (1000, 6000):
            longer_d[steps] = [100 * c["test_accuracy"] - s for seed, _, _, c in rows
                               if (s := supervised(longer, cell, steps, seed)) is not None]
        chosen = ", ".join(sorted({c["stage"] for _, _, _, c in rows}))
        seconds = statistics.mean(f["seconds"] for _, f, _, _ in rows)
        print(f"| {cell} | {','.join(s for s, *_ in rows)} | {statistics.mean(100 * b['test_accuracy'] for _, _, b, _ in rows):.2f} "
              f"| {statistics.mean(test):.2f} | {fmt(d_test)} | {fmt(d_val)} | {chosen} | {fmt(longer_d[1000])} "
              f"| {fmt(longer_d[6000])} | {seconds:.0f} |")
    print("\nfits whose choice is below their baseline (validation or test): " + (", ".join(below) if below else "none"))


if __name__ == "__main__":
    main()
