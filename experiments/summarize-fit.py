#!/usr/bin/env python3
"""Summarizes fits (fit.json): per seed, every stage's validation and test accuracy, steps and time, the choice, and the
chosen model's test accuracy against the baseline's. Usage: summarize-fit.py FIT_DIR..."""
import json
import re
import statistics
import sys

from runfiles import fit_choice


def steps(command):
    m = re.search(r"--steps (\d+)", command)
    return int(m.group(1)) if m else None


def pct(x):
    return "—" if x is None else f"{100 * x:.2f}"


rows, gains, finals, below = [], [], [], []
for d in sys.argv[1:]:
    try:
        fit = json.load(open(f"{d}/fit.json"))
    except FileNotFoundError:
        print(f"{d}: no fit.json (not finished)")
        continue
    stages = fit["stages"]
    base, chosen, is_below = fit_choice(fit)
    print(f"\n{d}: chosen {fit['chosen']} ({fit['why']}); {fit['seconds']:.0f} s of a budget of "
          f"{fit.get('time_budget_seconds')} s")
    print("| stage | steps | × default | validation | test | vs baseline (test) | time (s) | note |")
    print("|---|---|---|---|---|---|---|---|")
    for s in stages:
        diff = "" if s["test_accuracy"] is None or s is base else f"{100 * (s['test_accuracy'] - base['test_accuracy']):+.2f}"
        note = s.get("skipped") or s.get("stopped") or s.get("result") or ""
        t = "—" if s["wall_seconds"] is None else f"{s['wall_seconds']:.0f}"
        # the factor: each stage's (from 88b1b47 on), or the one factor of every candidate (4f836f1)
        factor = s.get("step_factor") or (fit.get("step_factor") if s is not base else None)
        factor = "—" if factor is None else f"{factor:.2f}"
        print(f"| {s['stage']} | {steps(s['command'])} | {factor} | {pct(s['validation_accuracy'])} | {pct(s['test_accuracy'])} | {diff} | {t} | {note} |")
    finals.append(100 * chosen["test_accuracy"])
    gains.append(100 * (chosen["test_accuracy"] - base["test_accuracy"]))
    if is_below:
        below.append(f"{d} ({gains[-1]:+.2f} on test)")
if finals:
    sd = lambda xs: statistics.stdev(xs) if len(xs) > 1 else 0.0
    print(f"\nfit's choice, test: {statistics.mean(finals):.2f} ± {sd(finals):.2f} over {len(finals)} seed(s); "
          f"against the baseline {statistics.mean(gains):+.2f} ± {sd(gains):.2f}")
    print("fits whose choice is below their baseline (validation or test): " + (", ".join(below) if below else "none"))
