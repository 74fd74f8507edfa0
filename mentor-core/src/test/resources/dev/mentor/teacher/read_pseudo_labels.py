#!/usr/bin/env python3
"""Reads a Mentor pseudo-label artifact (version 2) without Mentor, as a Python user would, and prints what it holds
as JSON: ids, labels, confidences, distributions. The standard library alone suffices (the payload is a safetensors
file: an 8-byte little-endian header length, a JSON header, little-endian arrays); with the `safetensors` package
installed, its `safetensors.numpy.load_file` must read the same. PseudoLabelFileTest runs it when python3 exists.

usage: read_pseudo_labels.py ARTIFACT_DIR
"""
import hashlib
import json
import os
import struct
import sys

FORMATS = {"F32": ("f", 4), "I64": ("q", 8), "U8": ("B", 1)}


def load(path):
    """The safetensors file at path: its __metadata__ and {name: (shape, flat values)}."""
    data = open(path, "rb").read()
    (length,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        code, size = FORMATS[entry["dtype"]]
        begin, end = entry["data_offsets"]
        count = (end - begin) // size
        tensors[name] = (entry["shape"], list(struct.unpack_from("<%d%s" % (count, code), data, start + begin)))
    return metadata, tensors


def main(folder):
    header = json.load(open(os.path.join(folder, "pseudo-labels.json")))
    assert header["format"] == "mentor-pseudo-labels" and header["version"] == 2, header
    payload = os.path.join(folder, header["payload"])
    assert hashlib.sha256(open(payload, "rb").read()).hexdigest() == header["payloadSha256"], "changed after it was written"
    metadata, tensors = load(payload)
    n, k = header["count"], header["classes"]
    assert metadata["id_kind"] == header["idKind"], metadata
    shape, flat = tensors["distributions"]
    assert shape == [n, k], shape
    if header["idKind"] == "INDEX":
        ids = [str(i) for i in tensors["ids"][1]]
    else:
        offsets, raw = tensors["path_offsets"][1], bytes(tensors["path_bytes"][1])
        ids = [raw[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n)]
    out = {"reader": "struct", "ids": ids, "labels": tensors["labels"][1], "confidences": tensors["confidences"][1],
           "distributions": [flat[i * k:(i + 1) * k] for i in range(n)]}
    try:
        from safetensors.numpy import load_file
    except ImportError:
        pass
    else:
        arrays = load_file(payload)
        assert arrays["labels"].tolist() == out["labels"]
        assert arrays["distributions"].tolist() == out["distributions"]
        assert arrays["distributions"].argmax(axis=1).tolist() == out["labels"]
        out["reader"] = "struct and safetensors.numpy"
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
