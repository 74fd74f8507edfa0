#!/usr/bin/env python3
"""Writes an RGB image data set in CIFAR-10's binary layout (read with --data cifar10:DIR) from a greyscale
IDX data set (Fashion-MNIST, or the digits of digits-idx.py): each image is padded to 32x32 and tinted,
its background one random colour and its foreground another (drawn per image, fixed seed), so colour
carries no class information and the three channels differ. It tests Mentor's RGB path on real shapes
when no RGB data set can be downloaded: an honest stand-in, not CIFAR.

usage: tinted-cifar.py IDX_DIR OUT_DIR [TRAIN_IMAGES [TEST_IMAGES]]   (default 20000 and 5000, the first of each file)
"""
import gzip
import os
import random
import struct
import sys


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def find(directory, stem):
    for name in (stem, stem + ".gz"):
        if os.path.isfile(os.path.join(directory, name)):
            return os.path.join(directory, name)
    raise SystemExit(f"{directory}: no {stem}[.gz]")


def tint(pixels, side, rng):
    pad = (32 - side) // 2
    background = [rng.randrange(0, 128) for _ in range(3)]
    foreground = [rng.randrange(128, 256) for _ in range(3)]
    planes = []
    for c in range(3):
        plane = bytearray([background[c]]) * 1024
        for y in range(side):
            for x in range(side):
                g = pixels[y * side + x] / 255.0
                plane[(y + pad) * 32 + x + pad] = int(round(background[c] * (1 - g) + foreground[c] * g))
        planes.append(bytes(plane))
    return b"".join(planes)


def write(idx_dir, prefix, out, count, rng):
    (n, side, side2), images = read_idx(find(idx_dir, prefix + "-images-idx3-ubyte"))
    _, labels = read_idx(find(idx_dir, prefix + "-labels-idx1-ubyte"))
    if side != side2 or side > 32:
        raise SystemExit(f"{idx_dir}: images are {side}x{side2}; need square and at most 32")
    count = min(count, n)
    with open(out, "wb") as f:
        for i in range(count):
            f.write(bytes([labels[i]]) + tint(images[i * side * side:(i + 1) * side * side], side, rng))
    return count


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    idx_dir, out_dir = sys.argv[1], sys.argv[2]
    train = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    test = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(0)
    a = write(idx_dir, "train", os.path.join(out_dir, "data_batch_1.bin"), train, rng)
    b = write(idx_dir, "t10k", os.path.join(out_dir, "test_batch.bin"), test, rng)
    print(f"{out_dir}: {a} training and {b} test images, 32x32 RGB")


if __name__ == "__main__":
    main()
