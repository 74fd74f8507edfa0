#!/usr/bin/env python3
"""Prints, for the self-training runs (rounds.json) in RUNS_DIR whose names start with a PREFIX, each round's
test and validation accuracy, the pseudo-labels' accuracy (all of them and the selected ones), the time and
the memory after the round (the run's model, --final, marked *); then the run models' mean ± sample std per group (name without -sSEED).
usage: experiments/summarize-rounds.py RUNS_DIR [PREFIX...]"""
import json, os, re, statistics, sys

from runfiles import field, final_round

def main():
    root, prefixes = sys.argv[1], sys.argv[2:]
    finals = {}
    print("| run | round | role | test (%) | validation (%) | pseudo-labels right (all / selected, %) | kept / selected | time (s) | arrays after | resident MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name, "rounds.json")
        if not os.path.isfile(path) or (prefixes and not name.startswith(tuple(prefixes))):
            continue
        with open(path) as f:
            rounds = json.load(f)
        if not rounds.get("complete"):
            print(f"| {name} | incomplete | | | | | | | | |")
            continue
        chosen = final_round(rounds)
        for r in rounds["rounds"]:
            p, mem = field(r, "pseudo_labels") or {}, r.get("memory") or {}
            right = f"{100 * p['accuracy']:.2f} / {100 * field(p, 'selected_accuracy'):.2f}" if p.get("accuracy") is not None else ""
            kept = f"{p['kept']} / {p['selected']}" if p else ""
            print(f"| {name} | {r['round']}{' *' if r is chosen else ''} | {r['role']} | {100 * field(r, 'test_accuracy'):.2f} | "
                  f"{100 * field(r, 'validation_accuracy'):.1f} | {right} | {kept} | {r['seconds']:.0f} | "
                  f"{field(mem, 'arrays_after', '')} | {field(mem, 'resident_megabytes', '')} |")
        m = re.match(r"(.*)-s(\d+)$", name)
        finals.setdefault(m.group(1) if m else name, []).append(100 * field(chosen, "test_accuracy"))
    print()
    print("| runs | run's model per seed (%) | mean ± std |")
    print("|---|---|---|")
    for group, acc in finals.items():
        std = f" ± {statistics.stdev(acc):.2f}" if len(acc) > 1 else ""
        print(f"| {group} | {' / '.join(f'{a:.2f}' for a in acc)} | {statistics.mean(acc):.2f}{std} |")

if __name__ == "__main__":
    main()
