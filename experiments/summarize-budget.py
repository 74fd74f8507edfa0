#!/usr/bin/env python3
"""Summarizes experiments/issue18-budget.sh's runs: per method, test and validation accuracy against the
supervised twin of the same seed (same start, same steps), and the first step at which the method's
validation accuracy is 1, 2 and 3 points above the twin's: at the same step (the twin's own curve dips while its
rate is high, so this flatters early steps), and above the model the twin returns (its metrics.json's validation,
the start when more steps did not beat it). Validation only: the test split is reported, never used to find a step.

usage: summarize-budget.py RUNS
"""
import json
import pathlib
import re
import statistics
import sys


def curve(run):
    """step -> validation accuracy (%) of a run's metrics.jsonl (the main phase)."""
    points = {}
    for line in (run / "metrics.jsonl").read_text().splitlines():
        if line.strip():
            e = json.loads(line)
            v = e.get("validationAccuracy", e.get("validation_accuracy"))
            if v is not None:
                points[int(e["step"])] = 100 * v
    return points


def final(run):
    m = json.loads((run / "metrics.json").read_text())
    return 100 * m["test_accuracy"], 100 * m["validation_accuracy"], m.get("wall_seconds"), m.get("steps")


def first_step_above(method, twin, points):
    """The first common step where method - twin >= points, or None."""
    for step in sorted(set(method) & set(twin)):
        if method[step] - twin[step] >= points - 1e-9:
            return step
    return None


def first_step_at(method, level):
    """The first step where the method's validation accuracy is at least level, or None."""
    for step in sorted(method):
        if method[step] >= level - 1e-9:
            return step
    return None


def mean_std(xs):
    if not xs:
        return "—"
    return f"{statistics.mean(xs):+.2f} ± {statistics.stdev(xs):.2f}" if len(xs) > 1 else f"{xs[0]:+.2f}"


def main():
    root = pathlib.Path(sys.argv[1])
    runs = {}
    for d in sorted(root.iterdir()):
        m = re.fullmatch(r"(.+)-(\d+)-s(\d+)", d.name)
        if m and (d / "metrics.json").is_file():
            runs.setdefault((m.group(1), int(m.group(2))), {})[int(m.group(3))] = d
    print("| method | steps | seeds | test % | Δ test vs supervised twin | Δ validation | first step at +1 / +2 / +3 "
          "(validation vs the twin at the same step, per seed) | … vs the twin's returned model | wall s (median) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (method, steps), seeds in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0] != "supervised", kv[0][0])):
        twins = runs.get(("supervised", steps), {})
        tests, dtest, dval, walls, reach, reach_final = [], [], [], [], [], []
        for s, d in sorted(seeds.items()):
            t, v, w, _ = final(d)
            tests.append(t)
            if w is not None:
                walls.append(w)
            if s in twins:
                tt, tv, _, _ = final(twins[s])
                dtest.append(t - tt)
                dval.append(v - tv)
                if method != "supervised":
                    c, tc = curve(d), curve(twins[s])
                    reach.append("/".join(str(first_step_above(c, tc, k) or "—") for k in (1, 2, 3)))
                    reach_final.append("/".join(str(first_step_at(c, tv + k) or "—") for k in (1, 2, 3)))
        test = f"{statistics.mean(tests):.2f}" + (f" ± {statistics.stdev(tests):.2f}" if len(tests) > 1 else "")
        wall = f"{statistics.median(walls):.0f}" if walls else "—"
        own = method != "supervised"
        print(f"| {method} | {steps} | {len(seeds)} | {test} | {mean_std(dtest) if own else ''} | "
              f"{mean_std(dval) if own else ''} | {'; '.join(reach)} | {'; '.join(reach_final)} | {wall} |")


if __name__ == "__main__":
    main()
