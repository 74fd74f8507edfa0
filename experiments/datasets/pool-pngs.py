#!/usr/bin/env python3
"""Writes a teacher run's unlabeled pool as a folder of greyscale PNGs, for `mentor pseudo-label --unlabeled
folder:DIR` and `--spark`: the images whose training-set indices a single-process `mentor pseudo-label --teacher
RUN` artifact lists (its INDEX ids: the teacher's own split), read from an IDX folder (MNIST format, .gz or raw),
one file per image named by its index, `NN/INDEX.png` (a thousand a subfolder). The pixels are the IDX bytes, so
the folder pool decodes to exactly the images of the default pool. Standard library only (zlib for PNG).

usage: pool-pngs.py IDX_DIR PSEUDO_LABEL_DIR OUT_DIR [LIMIT]   (LIMIT: only the first LIMIT images of the pool)
"""
import gzip
import json
import os
import struct
import sys
import zlib


def idx_images(folder):
    for name in ("train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            data = (gzip.open if name.endswith(".gz") else open)(path, "rb").read()
            magic, n, h, w = struct.unpack(">IIII", data[:16])
            assert magic == 2051, f"{path}: not an IDX image file"
            return data[16:], n, h, w
    sys.exit(f"{folder}: no train-images-idx3-ubyte[.gz]")


def pool_indices(artifact):
    header = json.load(open(os.path.join(artifact, "pseudo-labels.json")))
    if header["idKind"] != "INDEX":
        sys.exit(f"{artifact}: ids are {header['idKind']}, not training-set indices")
    payload = open(os.path.join(artifact, header["payload"]), "rb").read()
    count = header["count"]
    if header["version"] >= 2:  # pseudo-labels.safetensors: the I64 tensor "ids"
        (length,) = struct.unpack_from("<Q", payload, 0)
        ids = json.loads(payload[8:8 + length])["ids"]
        assert ids["dtype"] == "I64" and ids["shape"] == [count], f"{artifact}: not a pseudo-label payload"
        return list(struct.unpack_from(f"<{count}q", payload, 8 + length + ids["data_offsets"][0]))
    magic, version, kind, count, classes = struct.unpack("<8siiii", payload[:24])  # pseudo-labels.bin of older builds
    assert magic == b"MENTORPL", f"{artifact}: not a pseudo-label payload"
    record = 4 + 12 + 4 * classes
    return [struct.unpack_from("<i", payload, 24 + i * record)[0] for i in range(count)]


def png(pixels, h, w):
    rows = b"".join(b"\x00" + pixels[y * w:(y + 1) * w] for y in range(h))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def main(idx, artifact, out, limit=None):
    pixels, n, h, w = idx_images(idx)
    indices = pool_indices(artifact)[:int(limit) if limit else None]
    for i in indices:
        path = os.path.join(out, f"{i // 1000:02d}", f"{i:05d}.png")
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".tmp", "wb") as f:
                f.write(png(pixels[i * h * w:(i + 1) * h * w], h, w))
            os.replace(path + ".tmp", path)
    print(f"{len(indices)} images -> {out}")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
