#!/usr/bin/env python3
"""Prints test accuracy (mean ± sample std over seeds), validation accuracy and wall time of the run
directories in RUNS_DIR, grouped by name without the trailing -sSEED.
usage: experiments/summarize.py RUNS_DIR [PREFIX...]"""
import json, os, re, statistics, sys

def main():
    root, prefixes = sys.argv[1], sys.argv[2:]
    groups = {}
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name, "metrics.json")
        m = re.match(r"(.*)-s(\d+)$", name)
        if not m or not os.path.isfile(path) or (prefixes and not name.startswith(tuple(prefixes))):
            continue
        with open(path) as f:
            metrics = json.load(f)
        groups.setdefault(m.group(1), []).append((int(m.group(2)), metrics))
    print("| runs | seeds | test accuracy per seed (%) | mean ± std | validation (%) | wall time (s) |")
    print("|---|---|---|---|---|---|")
    for group, runs in groups.items():
        acc = [100 * r["test_accuracy"] for _, r in runs]
        val = [100 * r["validation_accuracy"] for _, r in runs if r.get("validation_accuracy") is not None]
        wall = [r.get("wall_seconds", float("nan")) for _, r in runs]
        std = f" ± {statistics.stdev(acc):.2f}" if len(acc) > 1 else ""
        print(f"| {group} | {','.join(str(s) for s, _ in runs)} | {' / '.join(f'{a:.2f}' for a in acc)} | "
              f"{statistics.mean(acc):.2f}{std} | {' / '.join(f'{v:.1f}' for v in val)} | "
              f"{' / '.join(f'{w:.0f}' for w in wall)} |")

if __name__ == "__main__":
    main()
