#!/usr/bin/python3
"""Golden outputs of torchvision's RandAugment ops on PIL images, for Mentor's Java parity tests.

Run with Debian's /usr/bin/python3 (python3-torchvision 0.14.1, python3-pil 9.4.0):

    /usr/bin/python3 mentor-augment/src/test/python/make_golden.py [OUT_DIR]

OUT_DIR defaults to mentor-augment/src/test/resources/golden. It writes:

  inputs.bin       the input images, uint8, planar (channel, row, column), one after another
  inputs.csv       name,channels,height,width,offset     (offset into inputs.bin)
  outputs.bin.gz   every output, uint8 planar, one after another (gzip)
  cases.csv        input,op,value,offset                 (offset into the unzipped outputs.bin)
  spaces.csv       space,height,width,op,bin,value: torchvision's magnitude tables (RandAugment's per
                   image size, TrivialAugmentWide's), as _augmentation_space(31, ...) returns them
  linspace.csv     start,end,steps,index,value: torch.linspace in float32, for the Java emulation
  versions.json    the versions that made the files

Each case is torchvision.transforms.autoaugment._apply_op(pil_image, op, value, NEAREST, fill=None),
exactly what RandAugment and TrivialAugmentWide call. Values are printed with repr(), so Java parses
the same double. The Java tests read these files; they never run Python.
"""
import gzip
import json
import os
import sys

import numpy as np
import PIL
import torch
import torchvision
from PIL import Image
from torchvision.transforms import InterpolationMode
from torchvision.transforms.autoaugment import RandAugment, TrivialAugmentWide, _apply_op

FASHION_MNIST = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"
BINS = 31
# Bins of the 31-bin space checked for every op, with both signs for signed ops.
RA_BINS = [0, 1, 2, 5, 9, 14, 20, 25, 30]
WIDE_BINS = [15, 30]
SIGNED = ["ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color", "Contrast", "Sharpness"]
# Values no table contains: exact quarter turns, full turns, extrapolating enhancement factors,
# translations beyond the image, the degenerate factor 0 (value -1).
# torch.linspace calls whose float32 values the Java emulation must reproduce bit for bit.
LINSPACE_CHECKS = [(0.0, 0.3, 31), (0.0, 0.99, 31), (255.0, 0.0, 31), (0.0, 30.0, 31), (0.0, 150.0 / 331.0 * 100, 31),
                   (0.0, 0.9, 10), (0.0, 150.0 / 331.0 * 5, 31), (1.5, -2.25, 40), (0.0, 1.0, 17), (0.0, 7.0, 3),
                   (0.0, 150.0 / 331.0 * 224, 31), (-3.0, 11.0, 100), (0.0, 1.0, 1)] + [
                   (0.0, 150.0 / 331.0 * size, 31) for size in range(1, 65)]
EXTRA = {
    "ShearX": [0.5, -1.5],
    "ShearY": [0.5, -1.5],
    "TranslateX": [40.0, -3.7],
    "TranslateY": [40.0, -3.7],
    "Rotate": [90.0, 180.0, -90.0, 45.5, 360.0, -200.0],
    "Brightness": [-1.0, 1.5],
    "Color": [-1.0, 1.5],
    "Contrast": [-1.0, 1.5],
    "Sharpness": [-1.0, 1.5],
}


def fashion_mnist(indices):
    with gzip.open(FASHION_MNIST, "rb") as f:
        data = f.read()
    n, rows, cols = (int.from_bytes(data[4 * i:4 * i + 4], "big") for i in (1, 2, 3))
    assert max(indices) < n
    images = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows, cols)
    return [images[i][None, :, :].copy() for i in indices]


def structured_rgb(height, width, rng):
    """Gradients, a bright rectangle, a dark disc and mild noise: edges for the geometric ops."""
    y, x = np.mgrid[0:height, 0:width]
    r = 255.0 * x / max(1, width - 1)
    g = 255.0 * y / max(1, height - 1)
    b = 128 + 100 * np.sin(x / 3.0) * np.cos(y / 4.0)
    img = np.stack([r, g, b]).astype(np.float64)
    img[:, height // 4:height // 2, width // 5:width // 2] = [[[250]], [[240]], [[30]]]
    disc = (y - 2 * height // 3) ** 2 + (x - 2 * width // 3) ** 2 < (min(height, width) // 5) ** 2
    img[:, disc] = 10
    img += rng.normal(0, 6, img.shape)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def inputs():
    rng = np.random.default_rng(20240604)
    named = []
    for i, image in zip((0, 1, 2, 17), fashion_mnist([0, 1, 2, 17])):
        named.append((f"fmnist{i}", image))
    named.append(("rgb24x32_structured", structured_rgb(24, 32, rng)))
    named.append(("rgb24x32_lowcontrast", rng.integers(70, 150, (3, 24, 32), dtype=np.uint8)))
    constant_blue = structured_rgb(29, 17, rng)
    constant_blue[2] = 77
    named.append(("rgb29x17_constantblue", constant_blue))
    named.append(("rgb29x17_noise", rng.integers(0, 256, (3, 29, 17), dtype=np.uint8)))
    named.append(("grey21x13_lowcontrast", rng.integers(90, 120, (1, 21, 13), dtype=np.uint8)))
    named.append(("grey2x5_tiny", rng.integers(0, 256, (1, 2, 5), dtype=np.uint8)))
    return named


def to_pil(chw):
    if chw.shape[0] == 1:
        return Image.fromarray(chw[0], "L")
    return Image.fromarray(np.ascontiguousarray(chw.transpose(1, 2, 0)), "RGB")


def from_pil(img):
    a = np.asarray(img)
    return a[None, :, :] if a.ndim == 2 else a.transpose(2, 0, 1)


def values_for(op, ra_space, wide_space):
    values = []
    magnitudes, signed = ra_space[op]
    if magnitudes.ndim == 0:
        return [0.0]
    for b in RA_BINS:
        values.append(float(magnitudes[b].item()))
    if op in wide_space and wide_space[op][0].ndim > 0:
        for b in WIDE_BINS:
            values.append(float(wide_space[op][0][b].item()))
    if op == "Posterize":
        values = [float(b) for b in range(9)]
    if op == "Solarize":
        values += [0.0, 100.5, 128.0, 256.0]
    if signed:
        values += [-v for v in values]
        values += EXTRA.get(op, [])
    unique = []
    for v in values:
        if v not in unique:
            unique.append(v)
    return unique


def tables(space):
    return {op: (m.tolist() if m.ndim > 0 else None) for op, (m, _) in space.items()}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "resources", "golden")
    os.makedirs(out_dir, exist_ok=True)
    ops = list(RandAugment()._augmentation_space(BINS, (28, 28)).keys()) + ["Invert"]

    input_rows, input_bytes = [], bytearray()
    case_rows, output_bytes = [], bytearray()
    sizes = {}
    wide_space = TrivialAugmentWide()._augmentation_space(BINS)
    for name, chw in inputs():
        c, h, w = chw.shape
        input_rows.append(f"{name},{c},{h},{w},{len(input_bytes)}")
        input_bytes += chw.tobytes()
        ra_space = RandAugment()._augmentation_space(BINS, (h, w))
        sizes[(h, w)] = tables(ra_space)
        ra_space["Invert"] = (torch.tensor(0.0), False)
        pil = to_pil(chw)
        for op in ops:
            for value in values_for(op, ra_space, wide_space):
                out = from_pil(_apply_op(pil, op, value, interpolation=InterpolationMode.NEAREST, fill=None))
                assert out.shape == chw.shape, (name, op, value, out.shape)
                case_rows.append(f"{name},{op},{value!r},{len(output_bytes)}")
                output_bytes += np.ascontiguousarray(out).tobytes()

    with open(os.path.join(out_dir, "inputs.bin"), "wb") as f:
        f.write(input_bytes)
    with open(os.path.join(out_dir, "inputs.csv"), "w") as f:
        f.write("name,channels,height,width,offset\n" + "\n".join(input_rows) + "\n")
    with gzip.GzipFile(os.path.join(out_dir, "outputs.bin.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write(output_bytes)
    with open(os.path.join(out_dir, "cases.csv"), "w") as f:
        f.write("input,op,value,offset\n" + "\n".join(case_rows) + "\n")
    rows = []
    for (h, w), space in sizes.items():
        rows += [f"randaugment,{h},{w},{op},{b},{v!r}" for op, t in space.items() if t for b, v in enumerate(t)]
    rows += [f"trivialaugmentwide,0,0,{op},{b},{v!r}" for op, t in tables(wide_space).items() if t
             for b, v in enumerate(t)]
    with open(os.path.join(out_dir, "spaces.csv"), "w") as f:
        f.write("space,height,width,op,bin,value\n" + "\n".join(rows) + "\n")
    rows = []
    for start, end, steps in LINSPACE_CHECKS:
        rows += [f"{start!r},{end!r},{steps},{i},{v!r}" for i, v in enumerate(torch.linspace(start, end, steps).tolist())]
    with open(os.path.join(out_dir, "linspace.csv"), "w") as f:
        f.write("start,end,steps,index,value\n" + "\n".join(rows) + "\n")
    with open(os.path.join(out_dir, "versions.json"), "w") as f:
        json.dump({"torchvision": torchvision.__version__, "torch": torch.__version__, "pillow": PIL.__version__,
                   "numpy": np.__version__}, f, indent=1)
    print(f"{len(input_rows)} inputs, {len(case_rows)} cases, {len(output_bytes)} output bytes -> {out_dir}")


if __name__ == "__main__":
    main()
