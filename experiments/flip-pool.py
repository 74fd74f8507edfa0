#!/usr/bin/env python3
"""Writes Fashion-MNIST's training images as 8-bit grayscale PNGs named by their index (00000.png ...), mirrored left to
right (--flip) or as they are, so that `mentor pseudo-label --unlabeled folder:DIR` labels them: a probe of whether a
teacher's mean prediction over an image and its mirror labels the pool better than the image alone.
usage: python3 flip-pool.py IMAGES_IDX_GZ OUT_DIR [--flip] [--first N]"""
import gzip, struct, sys, zlib
from pathlib import Path

def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

def main():
    args = sys.argv[1:]
    flip = "--flip" in args
    first = int(args[args.index("--first") + 1]) if "--first" in args else None
    source, out = args[0], Path(args[1])
    with gzip.open(source) as f:
        data = f.read()
    _, n, h, w = struct.unpack(">IIII", data[:16])
    n = min(n, first) if first else n
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        image = data[16 + i * h * w: 16 + (i + 1) * h * w]
        rows = [image[r * w:(r + 1) * w] for r in range(h)]
        if flip:
            rows = [row[::-1] for row in rows]
        (out / f"{i:05d}.png").write_bytes(png(w, h, rows))

if __name__ == "__main__":
    main()
