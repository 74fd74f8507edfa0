#!/usr/bin/env python3
"""Issue 21, before/after: compares two run folders of the same command made by two builds.

    experiments/issue21-compare.py R            # every R/before/METHOD against R/after/METHOD
    experiments/issue21-compare.py RUN_A RUN_B  # two run folders (a self-training folder included)

Reads both layouts: the earlier build's camelCase keys without format/version, and the later build's
snake_case records. Compared, for every metrics*.jsonl, metrics.json, round.json and rounds.json found
under the run (round-1/... included): every number of every epoch line (step, train loss, its
components, learning rate, validation accuracy and NLL) and of the final metrics (test accuracy, NLL,
ECE, confusion, per-class accuracy, validation accuracy), exactly (bit for bit: floats as printed by
the JVM, which round-trips doubles); and the saved model's weights (model.ckpt: the earlier MENTORCK
layout or the later safetensors one), array by array. Timings, memory, paths and the record envelope
are not compared. Prints bit-identical, or the first differing epoch/step and field with both values
and the largest difference, and the keys only one side has.
"""
import json
import re
import struct
import sys
from pathlib import Path

import numpy as np

IGNORED = {"format", "version", "seconds", "wall_seconds", "images_per_second", "train_images_per_second",
           "directory", "memory", "resumed", "created"}
RECORDS = ("metrics.json", "round.json", "rounds.json")  # and every metrics*.jsonl (MPL's metrics-finetune.jsonl)


def is_record(path):
    return path.name in RECORDS or (path.name.startswith("metrics") and path.name.endswith(".jsonl")) or path.name == "model.ckpt"



def snake(key):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


def ignored(key):
    return key in IGNORED or key.startswith("ms_") or key.endswith("_seconds") or key.endswith("_ms")


def flatten(value, prefix=""):
    """{path: number or string} of a JSON value, keys in snake_case, ignored keys left out."""
    out = {}
    if isinstance(value, dict):
        for k, v in value.items():
            k = snake(k)
            if ignored(k):
                continue
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{i}]"))
    elif not (isinstance(value, str) and "/" in value):  # paths name the run's folder, not a result
        out[prefix] = value
    return out


def by_role(record):
    """The earlier build's ROLE_test_accuracy (teacher_test_accuracy, ...) under the later name, test_accuracy_by_role.ROLE."""
    return {(f"test_accuracy_by_role.{k[:-len('_test_accuracy')]}" if re.fullmatch(r"[a-z]+_test_accuracy", k) else k): v
            for k, v in record.items()}


def read_record(path):
    if path.name.endswith(".jsonl"):
        return [flatten(json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
    return [by_role(flatten(json.loads(path.read_text())))]


def read_model(path):
    """{name: float32 array} of a model.ckpt in either layout."""
    data = path.read_bytes()
    if data[:8] == b"MENTORCK":
        _, head_len = struct.unpack_from("<ii", data, 8)
        pos = 16 + head_len
        (count,) = struct.unpack_from("<i", data, pos)
        pos += 4
        arrays = {}
        for _ in range(count):
            (name_len,) = struct.unpack_from("<i", data, pos)
            name = data[pos + 4:pos + 4 + name_len].decode()
            pos += 4 + name_len
            (n,) = struct.unpack_from("<i", data, pos)
            arrays[name] = np.frombuffer(data, dtype="<f4", count=n, offset=pos + 4)
            pos += 4 + 4 * n
        return arrays
    (head_len,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8:8 + head_len])
    base = 8 + head_len
    arrays = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        start, end = t["data_offsets"]
        assert t["dtype"] == "F32", (name, t["dtype"])
        arrays[name] = np.frombuffer(data[base + start:base + end], dtype="<f4")
    return arrays


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return float(a) == float(b) or (a != a and b != b)
    return a == b


def compare_record(rel, a, b, report):
    """Compares two lists of flattened records; appends findings to report, returns True if identical."""
    identical = True
    if len(a) != len(b):
        report.append(f"  {rel}: {len(a)} lines before, {len(b)} after")
        identical = False
    first = None
    largest = {}
    only = set()
    for i, (x, y) in enumerate(zip(a, b)):
        only |= {("before", k) for k in x.keys() - y.keys()} | {("after", k) for k in y.keys() - x.keys()}
        for k in sorted(x.keys() & y.keys()):
            if not same(x[k], y[k]):
                identical = False
                where = f"epoch {x.get('epoch', '-')} step {x.get('step', '-')}" if rel.endswith(".jsonl") else "final"
                if first is None:
                    first = f"  {rel}: first difference at {where}, {k}: {x[k]!r} before, {y[k]!r} after"
                if isinstance(x[k], (int, float)) and isinstance(y[k], (int, float)):
                    d = abs(float(x[k]) - float(y[k]))
                    if d > largest.get(k, (-1,))[0]:
                        largest[k] = (d, where)
    if first:
        report.append(first)
        for k in sorted(largest, key=lambda k: (k.count("["), k))[:12]:
            report.append(f"    largest |difference| of {k}: {largest[k][0]:.6g} ({largest[k][1]})")
    for side, k in sorted(only)[:8]:
        report.append(f"  {rel}: key only {side}: {k}")
    return identical


def compare_runs(run_a, run_b):
    report, identical, compared = [], True, 0
    files = {p.relative_to(run_a) for p in run_a.rglob("*") if is_record(p)}
    files |= {p.relative_to(run_b) for p in run_b.rglob("*") if is_record(p)}
    for rel in sorted(files, key=str):
        pa, pb = run_a / rel, run_b / rel
        if not pa.exists() or not pb.exists():
            report.append(f"  {rel}: only {'after' if pb.exists() else 'before'}")
            if rel.name != "rounds.json" and rel.name != "round.json":
                identical = False
            continue
        compared += 1
        if rel.name == "model.ckpt":
            ma, mb = read_model(pa), read_model(pb)
            if ma.keys() != mb.keys():
                report.append(f"  {rel}: arrays only before {sorted(ma.keys() - mb.keys())[:5]}, only after {sorted(mb.keys() - ma.keys())[:5]}")
            diff = [(float(np.max(np.abs(ma[k] - mb[k]))) if ma[k].shape == mb[k].shape else float("inf"), k)
                    for k in ma.keys() & mb.keys()
                    if ma[k].shape != mb[k].shape or not np.array_equal(ma[k].view(np.uint32), mb[k].view(np.uint32))]
            if diff:
                identical = False
                d, k = max(diff)
                report.append(f"  {rel}: {len(diff)} of {len(ma)} arrays differ, largest |difference| {d:.6g} in {k}")
            else:
                report.append(f"  {rel}: {len(ma)} arrays, {sum(v.size for v in ma.values())} floats bit-identical")
            continue
        identical &= compare_record(str(rel), read_record(pa), read_record(pb), report)
    return identical, compared, report


def main(argv):
    if len(argv) == 2:
        root = Path(argv[1])
        pairs = [(m.name, m, root / "after" / m.name) for m in sorted((root / "before").iterdir())
                 if m.is_dir() and not m.name.endswith(".teacher-cache") and (root / "after" / m.name).is_dir()]
    else:
        pairs = [(Path(argv[2]).name, Path(argv[1]), Path(argv[2]))]
    worst = 0
    for name, a, b in pairs:
        identical, compared, report = compare_runs(a, b)
        test = ""
        for side, run in (("before", a), ("after", b)):
            for m in sorted(run.rglob("metrics.json")):
                acc = flatten(json.loads(m.read_text())).get("test_accuracy")
                test += f" {side} {m.relative_to(run)} test {acc};"
        print(f"{name}: {'BIT-IDENTICAL' if identical else 'DIFFERENT'} ({compared} files compared);{test}")
        for line in report:
            print(line)
        worst |= not identical
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
