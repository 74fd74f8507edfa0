#!/usr/bin/env python3
"""Issue 17: the teacher-based rows taught by a longer-trained teacher (issue17-teacher1000.sh: the cell's supervised run
at 1,000 steps), over the seeds present: the student against its teacher (what the command adds) and against supervised
at the pipeline's steps (the teacher's and the student's own: 500, Noisy Student's two students 1,000). Flags a mean
below supervised - 0.5 at the pipeline's steps. (Supervised at the student's own steps alone is no comparison here: the
student starts from, or learns from, a teacher trained longer than that.)
usage: summarize-teacher.py R_T1000 R R_INIT [TEACHER_STEPS]
  R_T1000  the students (CELL/METHOD-sS)
  R        the matrix: supervised at 500 steps (CELL/supervised-sS)
  R_INIT   supervised at other step counts (CELL/supervised-N-sS): the teachers and the pipeline's baseline"""
import importlib.util
import os
import statistics
import sys

_spec = importlib.util.spec_from_file_location("summarize_matrix", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                                  "summarize-matrix.py"))
_matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_matrix)

CELLS = ["fm4", "fm10", "fm25", "fm100", "tops", "digits", "rgb"]


def acc(folder):
    got = _matrix.read(folder) if os.path.isdir(folder) else None
    return None if got is None else 100 * got[0]


def steps(folder):
    got = _matrix.read(folder) if os.path.isdir(folder) else None
    return None if got is None else got[2]


def supervised(matrix, init, cell, n, seed):
    return acc(os.path.join(matrix, cell, f"supervised-s{seed}") if n == 500 else os.path.join(init, cell, f"supervised-{n}-s{seed}"))


def fmt(xs):
    return f"{statistics.mean(xs):+.2f} ± {statistics.stdev(xs) if len(xs) > 1 else 0.0:.2f}" if xs else "—"


def main():
    students, matrix, init = sys.argv[1:4]
    teacher_steps = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    print(f"| cell | method | seeds | own / pipeline steps | student − teacher ({teacher_steps} steps) | Δ vs supervised, pipeline steps |")
    print("|---|---|---|---|---|---|")
    failures = []
    for cell in CELLS:
        for method in ("distill", "pseudo-label", "noisy-student"):
            seeds, vs_teacher, whole, budgets = [], [], [], set()
            for s in range(3):
                folder = os.path.join(students, cell, f"{method}-s{s}")
                student, n = acc(folder), steps(folder)
                if student is None:
                    continue
                teacher = acc(os.path.join(init, cell, f"supervised-{teacher_steps}-s{s}"))
                at_whole = supervised(matrix, init, cell, teacher_steps + n, s)
                if None in (teacher, at_whole):
                    print(f"<!-- {cell} {method} seed {s}: no teacher or no supervised run at {teacher_steps + n} steps -->")
                    continue
                budgets.add(f"{n} / {teacher_steps + n}")
                seeds.append(s)
                vs_teacher.append(student - teacher)
                whole.append(student - at_whole)
            if not seeds:
                continue
            if statistics.mean(whole) < -0.5:
                failures.append(f"{cell} {method} {statistics.mean(whole):+.2f}")
            print(f"| {cell} | {method} | {','.join(map(str, seeds))} | {', '.join(sorted(budgets))} | {fmt(vs_teacher)} | "
                  f"{fmt(whole)} |")
    print()
    print("means below supervised − 0.5 at the pipeline's steps: " + (", ".join(failures) if failures else "none"))


if __name__ == "__main__":
    main()
