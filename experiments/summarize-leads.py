#!/usr/bin/env python3
"""Summarises experiments/issue18-leads.sh for one variant: per cell and method, its test and validation accuracy (mean ±
sample std over the seeds present, n), and the mean paired difference (same seeds) to the default variant's run and to
supervised at the same budget, on test and on validation. The default variant's own rows compare it with supervised only.
usage: summarize-leads.py R VARIANT"""
import json
import os
import statistics
import sys


def read(folder):
    m = os.path.join(folder, "metrics.json")
    if not os.path.isfile(m):
        return None
    j = json.load(open(m))
    return j["test_accuracy"], j.get("validation_accuracy")


def spread(values):
    if not values:
        return "-"
    mean = 100 * statistics.mean(values)
    sd = 100 * statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.2f} ± {sd:.2f} (n={len(values)})"


def paired(runs, other):
    seeds = sorted(set(runs) & set(other))
    if not seeds:
        return "-", "-"
    test = [100 * (runs[s][0] - other[s][0]) for s in seeds]
    val = [100 * (runs[s][1] - other[s][1]) for s in seeds]
    return f"{statistics.mean(test):+.2f} (n={len(seeds)})", f"{statistics.mean(val):+.2f}"


def seeds_of(folder, name):
    out = {}
    if not os.path.isdir(folder):
        return out
    for entry in os.listdir(folder):
        if entry.startswith(name + "-s") and entry[len(name) + 2:].isdigit():
            r = read(os.path.join(folder, entry))
            if r is not None:
                out[int(entry[len(name) + 2:])] = r
    return out


def main(root, variant):
    base = os.path.join(root, variant)
    if not os.path.isdir(base):
        sys.exit(f"{base}: no such variant folder")
    print(f"| cell | method | test | validation | Δ test vs default | Δ val vs default | Δ test vs supervised | Δ val vs supervised |")
    print("|---|---|---|---|---|---|---|---|")
    for cell in sorted(os.listdir(base)):
        folder = os.path.join(base, cell)
        if not os.path.isdir(folder):
            continue
        supervised = seeds_of(os.path.join(root, "supervised", cell), "supervised")
        methods = sorted({e.rsplit("-s", 1)[0] for e in os.listdir(folder) if "-s" in e})
        for method in methods:
            runs = seeds_of(folder, method)
            if not runs:
                continue
            default = seeds_of(os.path.join(root, "default", cell), method)
            dt, dv = ("", "") if variant == "default" else paired(runs, default)
            st, sv = paired(runs, supervised)
            print(f"| {cell} | {method} | {spread([r[0] for r in runs.values()])} | {spread([r[1] for r in runs.values()])} "
                  f"| {dt} | {dv} | {st} | {sv} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
