#!/usr/bin/env python3
"""Summarises experiments/compute-table.sh: per method and budget multiple, test accuracy (mean ± sample std
over the seeds present, n), its difference to supervised at the same multiple and seeds, the images drawn and
the wall seconds (means). A run's images and seconds include the start it trained itself (RUN/start). A
teacher-based run (distill, pseudo-label, noisy-student) counts its own training only (its teacher is the
supervised run of the same multiple, counted there); the last column adds the teacher's. A self-training run
counts its student round, with the test accuracy of the round it chose (--final).
usage: summarize-compute.py R"""
import json
import os
import statistics
import sys

from runfiles import final_round

ORDER = ["supervised", "fixmatch", "uda", "flexmatch", "freematch", "mpl", "noisy-student", "pseudo-label", "distill",
         "self-distill", "mutual"]
TAUGHT = {"distill", "pseudo-label", "noisy-student"}  # their teacher is the supervised run of the same multiple


def read(folder):
    m = os.path.join(folder, "metrics.json")
    test = None
    if not os.path.isfile(m):
        r = os.path.join(folder, "rounds.json")
        if not os.path.isfile(r) or not json.load(open(r)).get("complete"):
            return None
        test = final_round(json.load(open(r))).get("test_accuracy")
        m = os.path.join(folder, "round-1", "metrics.json")
    j = json.load(open(m))
    images, wall = drawn(j)
    start = os.path.join(folder, "start", "metrics.json")
    if os.path.isfile(start):  # the supervised start a consistency method trains itself
        more = drawn(json.load(open(start)))
        images, wall = images + more[0], wall + more[1]
    return (j["test_accuracy"] if test is None else test) * 100, images, wall


def drawn(metrics):
    """The images a run's streams drew and its wall seconds, from its metrics.json."""
    return ((metrics.get("images_labeled") or 0) + (metrics.get("images_unlabeled") or 0),
            metrics.get("wall_seconds") or 0)


def fmt(xs):
    sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
    return f"{statistics.mean(xs):.2f} ± {sd:.2f}"


def main():
    root = sys.argv[1]
    print("| budget | method | n | test % | Δ vs supervised | images drawn | wall s | with its teacher: images, wall s |")
    print("|---|---|---|---|---|---|---|---|")
    multiples = sorted((d for d in os.listdir(root) if d.startswith("x")), key=lambda d: int(d[1:]))
    for k in multiples:
        runs = {}
        for name in os.listdir(os.path.join(root, k)):
            method, _, seed = name.rpartition("-s")
            got = read(os.path.join(root, k, name))
            if got:
                runs.setdefault(method, {})[seed] = got
        base = runs.get("supervised", {})
        for method in sorted(runs, key=lambda x: ORDER.index(x) if x in ORDER else len(ORDER)):
            seeds = runs[method]
            acc = [v[0] for v in seeds.values()]
            delta = [v[0] - base[s][0] for s, v in seeds.items() if s in base]
            images = statistics.mean(v[1] for v in seeds.values())
            wall = statistics.mean(v[2] for v in seeds.values())
            taught = ""
            if method in TAUGHT and all(s in base for s in seeds):
                taught = (f"{statistics.mean(v[1] + base[s][1] for s, v in seeds.items()):,.0f}, "
                          f"{statistics.mean(v[2] + base[s][2] for s, v in seeds.items()):,.0f}")
            print(f"| {k[1:]}x | {method} | {len(acc)} | {fmt(acc)} | {fmt(delta) if delta and method != 'supervised' else ''} "
                  f"| {images:,.0f} | {wall:,.0f} | {taught} |")


if __name__ == "__main__":
    main()
