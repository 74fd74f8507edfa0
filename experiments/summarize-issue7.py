#!/usr/bin/env python3
"""The issue 7 table from RUNS_DIR: per method and seed the test accuracy of the run's model; for Meta
Pseudo Labels also the student before fine-tuning and the teacher; and each against supervised training
with the same warm-up (l1000-cnn-small-warm5-sSEED), seed by seed.
usage: experiments/summarize-issue7.py RUNS_DIR"""
import json, os, statistics, sys

from runfiles import role_accuracy

def load(root, name):
    path = os.path.join(root, name, "metrics.json")
    return json.load(open(path)) if os.path.isfile(path) else None

def fmt(values):
    if not values:
        return "—"
    std = f" ± {statistics.stdev(values):.2f}" if len(values) > 1 else ""
    return f"{statistics.mean(values):.2f}{std}"

def main():
    root = sys.argv[1]
    base = {s: load(root, f"l1000-cnn-small-warm5-s{s}") for s in range(3)}
    rows = [("supervised (warm-up 5)", "l1000-cnn-small-warm5", lambda m: m["test_accuracy"]),
            ("FixMatch", "fixmatch", lambda m: m["test_accuracy"]),
            ("UDA", "uda", lambda m: m["test_accuracy"]),
            ("MPL student, fine-tuned", "mpl", lambda m: m["test_accuracy"]),
            ("MPL student, before fine-tuning", "mpl", lambda m: m["phases"][0]["test_accuracy"]),
            ("MPL teacher", "mpl", lambda m: role_accuracy(m, "teacher")),
            ("no MPL term: student, fine-tuned", "mpl-nofeedback", lambda m: m["test_accuracy"]),
            ("no MPL term: student, before fine-tuning", "mpl-nofeedback", lambda m: m["phases"][0]["test_accuracy"]),
            ("no MPL term: teacher", "mpl-nofeedback", lambda m: role_accuracy(m, "teacher"))]
    print("| run | seed 0 | seed 1 | seed 2 | test mean ± std | difference to supervised, per seed | mean ± std |")
    print("|---|---|---|---|---|---|---|")
    for label, prefix, get in rows:
        acc, diff, cells, diff_cells = [], [], [], []
        for s in range(3):
            m = load(root, f"{prefix}-s{s}")
            if m is None:
                cells.append("—")
                diff_cells.append("—")
                continue
            a = 100 * get(m)
            acc.append(a)
            cells.append(f"{a:.2f}")
            if base[s] is not None:
                diff.append(a - 100 * base[s]["test_accuracy"])
                diff_cells.append(f"{diff[-1]:+.2f}")
        print(f"| {label} | {' | '.join(cells)} | {fmt(acc)} | {' / '.join(diff_cells)} | {fmt(diff)} |")
    print()
    print("| what the MPL term adds (mpl − mpl-nofeedback, same seed) | seed 0 | seed 1 | seed 2 | mean ± std |")
    print("|---|---|---|---|---|")
    for label, get in [("student, fine-tuned", lambda m: m["test_accuracy"]),
                       ("student, before fine-tuning", lambda m: m["phases"][0]["test_accuracy"]),
                       ("teacher", lambda m: role_accuracy(m, "teacher"))]:
        diff, cells = [], []
        for s in range(3):
            a, b = load(root, f"mpl-s{s}"), load(root, f"mpl-nofeedback-s{s}")
            if a is None or b is None:
                cells.append("—")
                continue
            d = 100 * (get(a) - get(b))
            diff.append(d)
            cells.append(f"{d:+.2f}")
        print(f"| {label} | {' | '.join(cells)} | {fmt(diff)} |")

if __name__ == "__main__":
    main()
