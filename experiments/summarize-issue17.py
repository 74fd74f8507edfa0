#!/usr/bin/env python3
"""Issue 17's table: every method of the robustness matrix against supervised training at equal steps, over the seeds
present. Two budgets per row: the method's own run (500 steps: the matrix's supervised run) and its whole pipeline,
counted in optimizer steps of every model it trained or started from: a teacher-based method (distill, pseudo-label,
noisy-student) adds its teacher's 500 steps (the cell's supervised run) to its own; a consistency method trains its own
500-step start then 500 steps of its own (its run's total); self-distillation and mutual learning train from scratch.
Each comparison needs supervised at that many steps (the matrix's 500, else R_INIT/CELL/supervised-N-sS); a row without
one says so. Noisy Student's own steps are its two students' (1,000), its pipeline's 1,500.
usage: summarize-issue17.py R R_DEFAULT R_INIT
  R          the matrix (robustness-matrix.sh): supervised-sS and the teacher-based and self rows
  R_DEFAULT  the consistency rows with their commands' defaults (issue17-defaults.sh)
  R_INIT     supervised at other step counts (supervised-1000-sS, supervised-1500-sS, ...), and seed 0's consistency rows
             started from the cell's supervised run with --init (METHOD-init-s0, issue17-init.sh), as summarize-init.py reads"""
import importlib.util
import os
import statistics
import sys

_spec = importlib.util.spec_from_file_location("summarize_matrix", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                                  "summarize-matrix.py"))
_matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_matrix)
ORDER, read = _matrix.ORDER, _matrix.read

CONSISTENCY = ["fixmatch", "uda", "flexmatch", "freematch", "mpl"]
CELLS = ["fm4", "fm10", "fm25", "fm100", "tops", "digits", "rgb"]


def test(folder):
    got = read(folder)
    return None if got is None else 100 * got[0], None if got is None else got[2]


def sup(root, cell, steps, seed):
    folder = os.path.join(root, cell, f"supervised-{steps}-s{seed}")
    return test(folder)[0] if os.path.isdir(folder) else None


def fmt(xs):
    if not xs:
        return "—"
    return f"{statistics.mean(xs):+.2f} ± {statistics.stdev(xs) if len(xs) > 1 else 0.0:.2f}"


def main():
    r, r_default, r_init = sys.argv[1:4]
    print("| cell | method | seeds | own steps | pipeline steps | Δ vs supervised, own steps | Δ vs supervised, pipeline steps |")
    print("|---|---|---|---|---|---|---|")
    failures = []
    for cell in CELLS:
        base = {}
        for s in range(3):
            acc, _ = test(os.path.join(r, cell, f"supervised-s{s}"))
            if acc is not None:
                base[s] = acc
        for method in [m for m in ORDER if m != "supervised"]:
            own, whole, seeds, own_steps, pipeline = [], [], [], set(), set()
            for s in sorted(base):
                folder = os.path.join(r, cell, f"{method}-s{s}")
                if method in CONSISTENCY:
                    # seed 0: the --init run of issue17-init.sh (the same start, given), else the command's default run
                    folder = os.path.join(r_init, cell, f"{method}-init-s{s}")
                    if not os.path.isdir(folder):
                        folder = os.path.join(r_default, cell, f"{method}-s{s}")
                if not os.path.isdir(folder):
                    continue
                acc, steps = test(folder)
                if acc is None:
                    continue
                seeds.append(s)
                if method in CONSISTENCY:
                    # the run's steps are its own 500 after its 500-step start
                    steps, total = 500, 1000
                else:
                    total = steps + (500 if method in ("distill", "pseudo-label", "noisy-student") else 0)
                own_steps.add(steps)
                pipeline.add(total)
                at_own = base[s] if steps == 500 else sup(r_init, cell, steps, s)
                at_total = base[s] if total == 500 else sup(r_init, cell, total, s)
                if at_own is not None:
                    own.append(acc - at_own)
                if at_total is not None:
                    whole.append(acc - at_total)
            if not seeds:
                continue
            missing = "no supervised run of that many steps"
            budgets = (("pipeline", whole),) if pipeline == own_steps else (("pipeline", whole), ("own", own))
            for label, deltas in budgets:
                if len(deltas) == len(seeds) and statistics.mean(deltas) < -0.5:
                    failures.append(f"{cell} {method} {statistics.mean(deltas):+.2f} ({label} steps)")
            print(f"| {cell} | {method} | {','.join(map(str, seeds))} | {'/'.join(map(str, sorted(own_steps)))} | "
                  f"{'/'.join(map(str, sorted(pipeline)))} | {fmt(own) if len(own) == len(seeds) else missing} | "
                  f"{fmt(whole) if len(whole) == len(seeds) else missing} |")
    print()
    print("means below supervised − 0.5: " + (", ".join(failures) if failures else "none"))


if __name__ == "__main__":
    main()
