#!/usr/bin/env python3
"""Writes the UCI handwritten digits (1,797 greyscale 8x8 images, 10 classes; the copy scikit-learn ships
as sklearn/datasets/data/digits.csv.gz) as an IDX folder Mentor reads with --data idx:DIR: a fixed,
class-stratified 80/20 train/test split (every 5th image of each class is test). A second real image data
set that needs no network: from Debian's python3-sklearn or from a scikit-learn wheel in pip's local folder.

usage: digits-idx.py OUT_DIR [digits.csv.gz | scikit_learn-*.whl]
"""
import glob
import gzip
import io
import os
import struct
import sys
import zipfile

CANDIDATES = ["/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"] + sorted(
    glob.glob("/opt/pypi/files/scikit_learn-*.whl"))


def read_rows(source):
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            raw = gzip.decompress(wheel.read("sklearn/datasets/data/digits.csv.gz"))
    else:
        with open(source, "rb") as f:
            raw = gzip.decompress(f.read())
    rows = []
    for line in io.StringIO(raw.decode("ascii")):
        values = [int(float(v)) for v in line.strip().split(",") if v != ""]
        if len(values) == 65:
            rows.append(values)
    if len(rows) != 1797:
        sys.exit(f"{source}: expected 1,797 digits, read {len(rows)}")
    return rows


def write_idx(prefix, rows):
    images = io.BytesIO()
    images.write(struct.pack(">IIII", 0x803, len(rows), 8, 8))
    labels = io.BytesIO()
    labels.write(struct.pack(">II", 0x801, len(rows)))
    for r in rows:
        images.write(bytes(min(255, v * 16) for v in r[:64]))
        labels.write(bytes([r[64]]))
    with gzip.open(prefix + "-images-idx3-ubyte.gz", "wb") as f:
        f.write(images.getvalue())
    with gzip.open(prefix + "-labels-idx1-ubyte.gz", "wb") as f:
        f.write(labels.getvalue())


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    sources = sys.argv[2:3] or [c for c in CANDIDATES if glob.glob(c)]
    if not sources:
        sys.exit("no digits.csv.gz: install python3-sklearn (apt-get install python3-sklearn) or give its path")
    rows = read_rows(sources[0])
    seen = {}
    train, test = [], []
    for r in rows:
        k = seen.get(r[64], 0)
        seen[r[64]] = k + 1
        (test if k % 5 == 4 else train).append(r)
    os.makedirs(out, exist_ok=True)
    write_idx(os.path.join(out, "train"), train)
    write_idx(os.path.join(out, "t10k"), test)
    print(f"{out}: {len(train)} training and {len(test)} test images of 8x8, 10 classes, from {sources[0]}")


if __name__ == "__main__":
    main()
