#!/usr/bin/env python3
"""Summarises experiments/robustness-matrix.sh: per cell and method, test and validation accuracy (mean ±
sample std over the seeds present, n), the mean difference to supervised of the same seeds, steps and wall
seconds. A self-training run counts the accuracy of the round it chose (--final; its last before) and all its rounds' steps and seconds.
usage: summarize-matrix.py R"""
import json
import os
import statistics
import sys

from runfiles import field, final_round

ORDER = ["supervised", "distill", "self-distill", "mutual", "pseudo-label", "noisy-student", "fixmatch", "uda", "mpl", "flexmatch",
         "freematch"]


def read(folder):
    m = os.path.join(folder, "metrics.json")
    if os.path.isfile(m):
        j = json.load(open(m))
        return j["test_accuracy"], j.get("validation_accuracy"), j.get("steps"), j.get("wall_seconds")
    r = os.path.join(folder, "rounds.json")
    if os.path.isfile(r):
        j = json.load(open(r))
        if not j.get("complete"):
            return None
        rounds = j["rounds"]
        steps, seconds = 0, 0.0
        for x in rounds[1:]:  # the teacher is the cell's supervised run, counted there
            mj = json.load(open(os.path.join(folder, f"round-{x['round']}", "metrics.json")))
            steps += mj.get("steps") or 0
            seconds += x.get("seconds") or 0
        chosen = final_round(j)
        return field(chosen, "test_accuracy"), field(chosen, "validation_accuracy"), steps, seconds
    return None


def fmt(xs):
    if not xs:
        return "—"
    sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
    return f"{statistics.mean(xs):.2f} ± {sd:.2f}"


def main():
    root = sys.argv[1]
    print("| cell | method | n | test % | Δ test vs supervised | validation % | Δ validation | steps | wall s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for cell in sorted(os.listdir(root)):
        cdir = os.path.join(root, cell)
        if not os.path.isdir(cdir):
            continue
        runs = {}
        for name in os.listdir(cdir):
            method, _, seed = name.rpartition("-s")
            got = read(os.path.join(cdir, name))
            if got is not None:
                runs.setdefault(method, {})[seed] = got
        sup = runs.get("supervised", {})
        for method in [m for m in ORDER if m in runs] + sorted(set(runs) - set(ORDER)):
            seeds = sorted(runs[method])
            t = [100 * runs[method][s][0] for s in seeds]
            v = [100 * runs[method][s][1] for s in seeds if runs[method][s][1] is not None]
            dt = [100 * (runs[method][s][0] - sup[s][0]) for s in seeds if s in sup]
            dv = [100 * (runs[method][s][1] - sup[s][1]) for s in seeds if s in sup and runs[method][s][1] is not None]
            steps = statistics.mean([runs[method][s][2] or 0 for s in seeds])
            wall = statistics.mean([runs[method][s][3] or 0 for s in seeds])
            flag = " **below −0.5**" if dt and statistics.mean(dt) < -0.5 else ""
            print(f"| {cell} | {method} | {len(seeds)} | {fmt(t)} | {fmt(dt) if method != 'supervised' else ''}{flag} | "
                  f"{fmt(v)} | {fmt(dv) if method != 'supervised' else ''} | {steps:.0f} | {wall:.0f} |")


if __name__ == "__main__":
    main()
