#!/usr/bin/python3
"""Issue 21, must-show "a round trip": a cnn-small trained by Mentor, exported with `mentor export`,
loaded into the PyTorch reference module with load_state_dict(strict=True), and run on the Fashion-MNIST
test set (10,000 images): its top-1, and on how many images its predicted class differs from Mentor's.

    issue21-roundtrip.py pngs IDX_DIR PNG_DIR
        writes the test images as 8-bit grayscale PNGs (test-00000.png ...) for `mentor predict`
    issue21-roundtrip.py check EXPORT.safetensors IDX_DIR MENTOR_PREDICT.json OUT.json
        loads the export into the modules and compares with Mentor's predictions

MENTOR_PREDICT.json is `mentor predict --checkpoint RUN --top 1 PNG_DIR/test-*.png` (in file order).
The modules are not copied here: CnnSmall is imported from the throughput peer
(../shared/peers/peer_train.py, whose LazyLinear is materialised by one forward of a zero image) and
from mentor-cli's ExportCommandTest resource (torch_load_export.py); both must give the same result.
The safetensors file is read with json + numpy (no `safetensors` package on this machine); the input
is (pixel / 255 - mean) / std with the mean and std of the file's __metadata__.
"""
import gzip
import importlib.util
import json
import struct
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
PEER = Path("/work/shared/peers/peer_train.py")
if not PEER.exists():
    PEER = REPO.parent / "shared" / "peers" / "peer_train.py"
TEST_MODULE = REPO / "mentor-cli/src/test/resources/dev/mentor/cli/torch_load_export.py"
DTYPES = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4", "U8": "u1"}


def read_idx(path):
    with gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">i", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def test_set(idx_dir):
    d = Path(idx_dir)
    images = read_idx(next(d.glob("t10k-images-idx3-ubyte*")))
    labels = read_idx(next(d.glob("t10k-labels-idx1-ubyte*")))
    return images, labels.astype(np.int64)


def read_safetensors(path):
    """({name: numpy array}, metadata) of a safetensors file: u64 header length, JSON header, raw tensors."""
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    body = data[8 + n:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = np.dtype(DTYPES[entry["dtype"]])
        tensors[name] = np.frombuffer(body, dtype=dtype, count=(end - begin) // dtype.itemsize,
                                      offset=begin).reshape(entry["shape"]).copy()
    return tensors, metadata


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_pngs(idx_dir, png_dir):
    from PIL import Image
    images, _ = test_set(idx_dir)
    out = Path(png_dir)
    out.mkdir(parents=True, exist_ok=True)
    for i, image in enumerate(images):
        Image.fromarray(image, mode="L").save(out / f"test-{i:05d}.png")
    print(f"{len(images)} PNGs in {out}")


def check(export, idx_dir, mentor_json, out_json):
    import torch
    torch.set_num_threads(2)
    state, meta = read_safetensors(export)
    c, h, w = json.loads(meta["input_shape"])
    classes = json.loads(meta["class_names"])
    assert meta["architecture"] == "cnn-small", meta["architecture"]
    mean = np.array(json.loads(meta["normalization_mean"]), dtype=np.float32).reshape(1, -1, 1, 1)
    std = np.array(json.loads(meta["normalization_std"]), dtype=np.float32).reshape(1, -1, 1, 1)
    images, labels = test_set(idx_dir)
    x = torch.from_numpy(((images.reshape(-1, c, h, w).astype(np.float32) / 255 - mean) / std).astype(np.float32))
    y = torch.from_numpy(labels)

    mentor = json.loads(Path(mentor_json).read_text())
    assert len(mentor) == len(labels), (len(mentor), len(labels))
    files = [Path(r["file"]).name for r in mentor]
    assert files == [f"test-{i:05d}.png" for i in range(len(labels))], "predictions not in test-set order"
    mentor_top1 = torch.tensor([r["index"] for r in mentor])
    mentor_p = torch.tensor([r["probability"] for r in mentor], dtype=torch.float64)

    peer = load(PEER, "peer_train")
    reference = load(TEST_MODULE, "torch_load_export")
    modules = {}
    m = peer.CnnSmall(c, len(classes))
    m.eval()
    with torch.no_grad():
        m(torch.zeros(1, c, h, w))  # materialises LazyLinear's weights before loading
    modules["peer_train.CnnSmall"] = m
    modules["torch_load_export.CnnSmall"] = reference.CnnSmall(c, len(classes), h, w)

    result = {"torch": torch.__version__, "export": str(export), "metadata": meta, "images": len(labels),
              "mentor_predict_top1": float((mentor_top1 == y).double().mean()), "modules": {}}
    tensors = {k: torch.from_numpy(v) for k, v in state.items()}
    for name, module in modules.items():
        missing = module.load_state_dict(tensors, strict=True)
        module.eval()
        with torch.no_grad():
            logits = torch.cat([module(x[i:i + 1000]) for i in range(0, len(x), 1000)])
        top1 = logits.argmax(1)
        p = torch.softmax(logits.double(), 1).gather(1, top1.view(-1, 1)).view(-1)
        agree = top1 == mentor_top1
        result["modules"][name] = {
            "keys": len(tensors), "strict_load": str(missing),
            "top1": float((top1 == y).double().mean()),
            "correct": int((top1 == y).sum()),
            "disagreements_with_mentor": int((~agree).sum()),
            "max_abs_difference_of_top1_probability": float((p[agree] - mentor_p[agree]).abs().max()),
        }
    Path(out_json).write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "metadata"}, indent=1))


if __name__ == "__main__":
    if sys.argv[1] == "pngs":
        write_pngs(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "check":
        check(*sys.argv[2:6])
    else:
        raise SystemExit(__doc__)
