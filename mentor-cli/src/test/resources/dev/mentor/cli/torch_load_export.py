"""Loads a model exported by `mentor export` into a PyTorch module and runs it.

usage: torch_load_export.py MODEL.safetensors INPUTS.safetensors OUT.json

The modules are written here from the structure of Mentor's PyTorch reference modules (CnnSmall,
ResNet20, WRN), with the same attribute names, so their state_dict keys are the export's. The
safetensors files are read with json + struct + torch.frombuffer (no `safetensors` package).
INPUTS holds "pixels" (F32, N x C x H x W, values 0..255); the export's metadata normalises them.
OUT gets the logits of the module in eval mode.
"""
import json
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8), "I64": (torch.int64, 8), "I32": (torch.int32, 4),
          "U8": (torch.uint8, 1)}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    body = bytearray(data[8 + n:])
    tensors = {}
    for name, entry in header.items():
        dtype, size = DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        if end > begin:
            flat = torch.frombuffer(body, dtype=dtype, count=(end - begin) // size, offset=begin)
        else:
            flat = torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).clone()
    return tensors, metadata


class CnnSmall(nn.Module):
    def __init__(self, c, n, h, w):
        super().__init__()
        self.f = nn.Sequential(
            nn.Conv2d(c, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Dropout(0.25), nn.Linear(64 * (h // 4) * (w // 4), 128), nn.ReLU(), nn.Linear(128, n))

    def forward(self, x):
        return self.f(x)


class RBlock(nn.Module):
    def __init__(self, i, o, stride):
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(i, o, 3, stride, 1, bias=False), nn.BatchNorm2d(o)
        self.c2, self.b2 = nn.Conv2d(o, o, 3, 1, 1, bias=False), nn.BatchNorm2d(o)
        if i == o and stride == 1:
            self.sc = nn.Sequential()
        else:
            self.sc = nn.Sequential(nn.Conv2d(i, o, 1, stride, bias=False), nn.BatchNorm2d(o))

    def forward(self, x):
        return F.relu(self.b2(self.c2(F.relu(self.b1(self.c1(x))))) + self.sc(x))


class ResNet20(nn.Module):
    def __init__(self, c, n):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(c, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        layers, i = [], 16
        for o, stride in ((16, 1), (32, 2), (64, 2)):
            for b in range(3):
                layers.append(RBlock(i, o, stride if b == 0 else 1))
                i = o
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(64, n)

    def forward(self, x):
        return self.fc(F.adaptive_avg_pool2d(self.layers(self.stem(x)), 1).flatten(1))


class WBlock(nn.Module):
    def __init__(self, i, o, stride):
        super().__init__()
        self.bn1, self.c1 = nn.BatchNorm2d(i, momentum=0.001), nn.Conv2d(i, o, 3, stride, 1, bias=False)
        self.bn2, self.c2 = nn.BatchNorm2d(o, momentum=0.001), nn.Conv2d(o, o, 3, 1, 1, bias=False)
        self.sc = None if (i == o and stride == 1) else nn.Conv2d(i, o, 1, stride, 0, bias=False)

    def forward(self, x):
        a = F.leaky_relu(self.bn1(x), 0.1)
        y = self.c2(F.leaky_relu(self.bn2(self.c1(a)), 0.1))
        return y + (x if self.sc is None else self.sc(a))


class WRN(nn.Module):
    def __init__(self, c, n, depth, k):
        super().__init__()
        w = [16, 16 * k, 32 * k, 64 * k]
        m = (depth - 4) // 6
        self.conv = nn.Conv2d(c, w[0], 3, 1, 1, bias=False)
        layers = []
        for g, stride in zip(range(3), (1, 2, 2)):
            for b in range(m):
                layers.append(WBlock(w[g] if b == 0 else w[g + 1], w[g + 1], stride if b == 0 else 1))
        self.blocks = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(w[3], momentum=0.001)
        self.fc = nn.Linear(w[3], n)

    def forward(self, x):
        x = F.leaky_relu(self.bn(self.blocks(self.conv(x))), 0.1)
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def build(architecture, c, n, h, w):
    if architecture == "cnn-small":
        return CnnSmall(c, n, h, w)
    if architecture == "resnet-20":
        return ResNet20(c, n)
    if architecture.startswith("wrn-"):
        _, depth, k = architecture.split("-")
        return WRN(c, n, int(depth), int(k))
    raise SystemExit("no module for " + architecture)


def main():
    model_path, inputs_path, out_path = sys.argv[1:4]
    torch.set_num_threads(1)
    state, meta = read_safetensors(model_path)
    c, h, w = json.loads(meta["input_shape"])
    classes = json.loads(meta["class_names"])
    module = build(meta["architecture"], c, len(classes), h, w)
    module.load_state_dict(state, strict=True)
    module.eval()
    inputs, _ = read_safetensors(inputs_path)
    mean = torch.tensor(json.loads(meta["normalization_mean"]), dtype=torch.float32).view(1, -1, 1, 1)
    std = torch.tensor(json.loads(meta["normalization_std"]), dtype=torch.float32).view(1, -1, 1, 1)
    x = (inputs["pixels"] / 255 - mean) / std
    with torch.no_grad():
        logits = module(x)
    with open(out_path, "w") as f:
        json.dump({"torch": torch.__version__, "module": type(module).__name__, "keys": len(state),
                   "logits": logits.tolist()}, f)


if __name__ == "__main__":
    main()
