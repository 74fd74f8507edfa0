#!/usr/bin/env python3
"""How accurate the pool's labels would be if a fit's stage models labeled it together: reads `mentor pseudo-label`
artifacts (one per stage model, each the model alone), and prints each model's accuracy on the pool, the mean of every
subset of up to six that holds the start model (--start, by default the last), and the greedy subset (Caruana et al. 2004: add the member that most improves the
mean, stop when none does) chosen on the pool's own labels, so an upper bound of what a validation-chosen one could do.
The pool's true labels are read from Fashion-MNIST's training set (the artifacts' ids index it).
A folder artifact (flip-pool.py's mirrored training images) may hold more images than the pool: the pool's are kept.
A model NAME beside NAME-mirrored also gets the accuracy of their mean (its prediction over an image and its mirror).
usage: python3 ensemble-probe.py [--start=NAME] LABELS_IDX_GZ NAME=ARTIFACT_DIR... (the first fixes the pool; the
greedy search and the subsets start from --start, by default the last)"""
import gzip, itertools, json, struct, sys
import numpy as np

def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        dtype = {"I64": np.int64, "F32": np.float32, "U8": np.uint8}[t["dtype"]]
        a, b = t["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype=dtype).reshape(t["shape"])
    if "ids" not in out:  # a folder pool (id kind PATH): flip-pool.py names image i NNNNN.png
        raw, offsets = out["path_bytes"].tobytes(), out["path_offsets"]
        out["ids"] = np.array([int(raw[offsets[i]:offsets[i + 1]].decode().split(".")[0].split("/")[-1])
                               for i in range(len(offsets) - 1)], dtype=np.int64)
    return out

def main():
    args = sys.argv[1:]
    start_name = None
    if args[0].startswith("--start="):
        start_name, args = args[0].split("=", 1)[1], args[1:]
    sys.argv = [sys.argv[0]] + args
    with gzip.open(sys.argv[1]) as f:
        truth = np.frombuffer(f.read()[8:], dtype=np.uint8).astype(np.int64)
    names, dists, ids = [], [], None
    for arg in sys.argv[2:]:
        name, folder = arg.split("=", 1)
        t = read_safetensors(f"{folder}/pseudo-labels.safetensors")
        order = np.argsort(t["ids"])
        these, d = t["ids"][order], t["distributions"][order]
        if ids is None:
            ids = these
        elif not np.array_equal(ids, these):  # a folder of the whole training set: keep the pool's images
            where = np.searchsorted(these, ids)
            if where.max() >= len(these) or not np.array_equal(these[where], ids):
                sys.exit(f"{name}: does not hold the first artifact's pool")
            d = d[where]
        names.append(name)
        dists.append(d)
    y = truth[ids]
    acc = lambda p: float((p.argmax(1) == y).mean())
    index = {n: i for i, n in enumerate(names)}
    print(f"pool: {len(y)} images")
    for n, d in zip(names, dists):
        mirrored = index.get(n + "-mirrored")
        both = f"   with its mirror's: {100 * acc((d + dists[mirrored]) / 2):.2f}%" if mirrored is not None else ""
        print(f"  {n:28s} {100 * acc(d):.2f}%{both}")
    start = index[start_name] if start_name else len(names) - 1
    others = [i for i in range(len(names)) if i != start]
    rows = []
    for k in range(1, min(len(others), 5) + 1):
        for subset in itertools.combinations(others, k):
            members = [start] + list(subset)
            rows.append((acc(np.mean([dists[i] for i in members], axis=0)), [names[i] for i in members]))
    rows.sort(reverse=True)
    print(f"best means holding {names[start]} (at most 6 members):")
    for a, m in rows[:8]:
        print(f"  {100 * a:.2f}%  {' + '.join(m)}")
    chosen, best = [start], acc(dists[start])
    while True:
        trials = [(acc(np.mean([dists[i] for i in chosen + [j]], axis=0)), j) for j in others if j not in chosen]
        if not trials or max(trials)[0] <= best:
            break
        best, j = max(trials)
        chosen.append(j)
    print(f"greedy from {names[start]}: {100 * best:.2f}%  {' + '.join(names[i] for i in chosen)}")

if __name__ == "__main__":
    main()
