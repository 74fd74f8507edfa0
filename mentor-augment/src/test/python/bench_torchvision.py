#!/usr/bin/python3
"""Single-threaded throughput of torchvision's RandAugment / TrivialAugmentWide on PIL images.

The peer of Mentor's `./mentor bench augment` (dev.mentor.augment.AugmentBench): same kind of
generated images (gradients, a block, noise), one thread, a warm-up, then IMAGES timed images.

    /usr/bin/python3 mentor-augment/src/test/python/bench_torchvision.py \
        --policy randaugment:n=2,m=9 --shape 1x28x28 --images 20000

Prints `img/s: N` as its last line.
"""
import argparse
import time

import numpy as np
import torch
from PIL import Image
from torchvision.transforms import RandAugment, TrivialAugmentWide


def policy(spec):
    name, _, options = spec.partition(":")
    kv = dict(part.split("=", 1) for part in options.split(",") if part)
    if name == "randaugment":
        unknown = set(kv) - {"n", "m"}
        if unknown:
            raise SystemExit(f"--policy {spec}: torchvision's RandAugment has no {sorted(unknown)}")
        return RandAugment(num_ops=int(kv.get("n", 2)), magnitude=int(kv.get("m", 9)))
    if name == "trivial" and not kv:
        return TrivialAugmentWide()
    raise SystemExit(f"--policy {spec}: expected randaugment[:n=N,m=M] or trivial")


def generated(c, h, w, rng):
    y, x = np.mgrid[0:h, 0:w]
    top, left = rng.integers(h), rng.integers(w)
    planes = []
    for ch in range(c):
        v = (x * 200 // w + y * 55 // h + ch * 40) % 256
        block = (y >= top) & (y < top + h // 3) & (x >= left) & (x < left + w // 3)
        v = np.where(block, 240 - 50 * ch, v) + rng.integers(-15, 16, (h, w))
        planes.append(np.clip(v, 0, 255).astype(np.uint8))
    if c == 1:
        return Image.fromarray(planes[0], "L")
    return Image.fromarray(np.stack(planes, axis=2), "RGB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", default="randaugment:n=2,m=9")
    parser.add_argument("--shape", default="1x28x28", help="CxHxW")
    parser.add_argument("--images", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    c, h, w = (int(v) for v in args.shape.lower().split("x"))
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    pool = [generated(c, h, w, rng) for _ in range(64)]
    augment = policy(args.policy)
    for i in range(max(200, args.images // 20)):
        augment(pool[i % 64])
    start = time.perf_counter()
    checksum = 0
    for i in range(args.images):
        out = augment(pool[i % 64])
        checksum += out.getpixel((w // 2, h // 2)) if c == 1 else out.getpixel((w // 2, h // 2))[0]
    seconds = time.perf_counter() - start
    print(f"torchvision {args.policy} shape {c}x{h}x{w} images {args.images} seconds {seconds:.3f} threads 1")
    print(f"img/s: {args.images / seconds:.1f}")


if __name__ == "__main__":
    main()
