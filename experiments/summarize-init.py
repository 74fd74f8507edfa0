#!/usr/bin/env python3
"""Table of issue 17's consistency rows started from their cell's supervised run: seed 0 from experiments/issue17-init.sh
(--init from the matrix's 500-step supervised run, build 902b5ac), seeds 1-2 from experiments/issue17-defaults.sh (no
--init: the command trains that same start itself, build de90640). Per cell and method: the test accuracy of the model the
run returned, its difference from supervised at 500 steps (the start) and at 1,000 steps (the run's total steps), mean
± sample std over the seeds, how often the start was kept, the test accuracy of what the method itself trained, wall
times, and the difference from supervised at 6,000 steps (about the consistency run's wall time) where it was run.

usage: summarize-init.py RUNS_INIT RUNS_DEFAULT MATRIX_RUNS [--per-seed]
"""
import json
import os
import statistics
import sys

METHODS = [m for m in os.environ.get("METHODS", "fixmatch uda flexmatch freematch mpl").split()]
CELLS = ["fm4", "fm10", "fm25", "fm100", "tops", "digits", "rgb"]
BAR = -0.5  # issue 17's criterion: mean >= supervised - 0.5 points


def metrics(folder):
    path = os.path.join(folder, "metrics.json")
    return json.load(open(path)) if os.path.isfile(path) else None


def run_of(init_runs, default_runs, cell, method, seed):
    """The seed's run: the --init run of session 16 when there is one, else the default run of session 17."""
    return metrics(os.path.join(init_runs, cell, f"{method}-init-s{seed}")) or metrics(os.path.join(default_runs, cell, f"{method}-s{seed}"))


def trained(run):
    """The test accuracy of the model the method trained (the returned one unless the start was kept), or None where a
    run that kept its start did not record it (build 902b5ac; the role came with 5e64242)."""
    roles = run.get("test_accuracy_by_role") or {}
    return roles.get("trained") if run.get("kept") == "start" else run["test_accuracy"]


def mean_std(values):
    if not values:
        return ""
    return f"{statistics.mean(values):+.2f}" + (f" ± {statistics.stdev(values):.2f}" if len(values) > 1 else "")


def main(init_runs, default_runs, matrix, per_seed):
    print("| cell | method | seeds | test % | Δ vs supervised 500 | Δ vs supervised 1000 | start kept | Δ of what it trained vs 500 "
          "| wall s, start + method (supervised 1000) | Δ vs supervised 6000 (about equal wall time) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    failing = []
    for cell in CELLS:
        base = {s: metrics(os.path.join(matrix, cell, f"supervised-s{s}")) for s in range(3)}
        long = {s: metrics(os.path.join(init_runs, cell, f"supervised-1000-s{s}")) for s in range(3)}
        longest = {s: metrics(os.path.join(init_runs, cell, f"supervised-6000-s{s}")) for s in range(3)}
        for method in METHODS:
            rows = []
            for s in range(3):
                r = run_of(init_runs, default_runs, cell, method, s)
                if r is None or base[s] is None:
                    continue
                rows.append((s, r))
                if per_seed:
                    print(f"<!-- {cell} {method} s{s}: {100 * r['test_accuracy']:.2f} kept={r.get('kept')} "
                          f"sup500={100 * base[s]['test_accuracy']:.2f} -->")
            if not rows:
                continue
            accuracy = [100 * r["test_accuracy"] for _, r in rows]
            d500 = [100 * (r["test_accuracy"] - base[s]["test_accuracy"]) for s, r in rows]
            d1000 = [100 * (r["test_accuracy"] - long[s]["test_accuracy"]) for s, r in rows if long[s]]
            d6000 = [100 * (r["test_accuracy"] - longest[s]["test_accuracy"]) for s, r in rows if longest[s]]
            own = [100 * (trained(r) - base[s]["test_accuracy"]) for s, r in rows if trained(r) is not None]
            kept = sum(1 for _, r in rows if r.get("kept") == "start")
            wall = statistics.mean(base[s]["wall_seconds"] + r["wall_seconds"] for s, r in rows)
            long_wall = [long[s]["wall_seconds"] for s, _ in rows if long[s]]
            wall_text = f"{wall:.0f}" + (f" ({statistics.mean(long_wall):.0f})" if long_wall else "")
            flag = ""
            if len(rows) == 3 and statistics.mean(d500) < BAR:
                flag = " **below −0.5**"
                failing.append(f"{cell} {method}")
            print(f"| {cell} | {method} | {','.join(str(s) for s, _ in rows)} | {statistics.mean(accuracy):.2f} | "
                  f"{mean_std(d500)}{flag} | {mean_std(d1000)} | {kept} of {len(rows)} | {mean_std(own) or 'not recorded'}"
                  + (f" (n = {len(own)})" if own and len(own) < len(rows) else "") + f" | {wall_text} | {mean_std(d6000) or 'not run'} |")
    print()
    print("below supervised − 0.5 at three seeds: " + (", ".join(failing) if failing else "none"))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0], args[1], args[2], "--per-seed" in sys.argv)
