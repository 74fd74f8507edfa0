#!/usr/bin/python3
"""Writes the pre-trained model fixtures of mentor-core's tests (src/test/resources/pretrained/).

A small CNN for 1x16x16 images and 4 classes is trained briefly on the same task as the CLI tests'
IDX fixture (CliFixture.idx: class k is a bright 5x5 square at rows 3k..3k+4, columns 8-k..12-k, on
a dark noisy background), on inputs normalised with mean 0.17 and std 0.3 (pixel values in [0, 1]).
It is then exported, in eval mode, as

  features.pt            TorchScript (torch.jit.trace) feature extractor: (N, 1, 16, 16) -> (N, 32)
  features-scripted.pt   the same module through torch.jit.script: its BatchNorm follows train()/eval()
  classifier.pt          TorchScript (torch.jit.trace) classifier: (N, 1, 16, 16) -> logits (N, 4)
  features.onnx          ONNX (opset 13, dynamic batch) feature extractor
  classifier.onnx        ONNX (opset 13, dynamic batch) classifier
  reference.json         four normalised input images and PyTorch's features and logits for them

A traced module keeps the BatchNorm mode it was traced in (eval: running statistics), whatever mode
it is later run in; the scripted one switches, so fine-tuning it updates its running statistics.

Run from the repository root with Debian's python3-torch (1.13):
    /usr/bin/python3 mentor-core/src/test/python/make_pretrained_fixtures.py
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "pretrained")
MEAN, STD = 0.17, 0.3
CLASSES, SIZE, FEATURES = 4, 16, 32


class Features(nn.Module):
    """conv3x3(8)-BN-ReLU-maxpool, conv3x3(16)-ReLU-maxpool, linear(32)-ReLU."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16 * (SIZE // 4) * (SIZE // 4), FEATURES)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return F.relu(self.fc(torch.flatten(x, 1)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = Features()
        self.head = nn.Linear(FEATURES, CLASSES)

    def forward(self, x):
        return self.head(self.features(x))


def squares(n, rng):
    """Images of CliFixture's task as uint8 (n, 1, 16, 16), labels i % 4."""
    images = rng.integers(0, 50, size=(n, 1, SIZE, SIZE))
    labels = np.arange(n) % CLASSES
    for i, k in enumerate(labels):
        images[i, 0, 3 * k:3 * k + 5, 8 - k:13 - k] = rng.integers(200, 256, size=(5, 5))
    return images.astype(np.uint8), labels


def normalise(images):
    return torch.from_numpy((images.astype(np.float32) / 255.0 - MEAN) / STD)


def main():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    images, labels = squares(512, rng)
    x, y = normalise(images), torch.from_numpy(labels).long()
    net = Net()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.003, weight_decay=1e-3)
    net.train()
    for step in range(60):
        batch = torch.from_numpy(rng.choice(len(x), 64, replace=False))
        # label smoothing keeps the logits (and the features under them) moderate, as in a real model
        loss = F.cross_entropy(net(x[batch]), y[batch], label_smoothing=0.1)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    net.eval()
    with torch.no_grad():
        accuracy = (net(x).argmax(1) == y).float().mean().item()
    with torch.no_grad():
        scale = net.features(x).abs().max().item(), net(x).abs().max().item()
    print(f"fixture model: training accuracy {accuracy:.3f}, last loss {loss.item():.4f}, "
          f"largest feature {scale[0]:.2f}, largest logit {scale[1]:.2f}")

    os.makedirs(OUT, exist_ok=True)
    example = x[:2]
    torch.jit.trace(net.features, example).save(os.path.join(OUT, "features.pt"))
    torch.jit.script(net.features).save(os.path.join(OUT, "features-scripted.pt"))
    torch.jit.trace(net, example).save(os.path.join(OUT, "classifier.pt"))
    for module, name, output in ((net.features, "features.onnx", "features"), (net, "classifier.onnx", "logits")):
        torch.onnx.export(module, example, os.path.join(OUT, name), input_names=["images"], output_names=[output],
                          dynamic_axes={"images": {0: "batch"}, output: {0: "batch"}}, opset_version=13)

    reference_images, _ = squares(4, np.random.default_rng(1))
    inputs = normalise(reference_images)
    with torch.no_grad():
        features = net.features(inputs)
        logits = net(inputs)
    reference = {
        "normalization": {"mean": [MEAN], "std": [STD]},
        "input_shape": list(inputs.shape),
        "input": [float(v) for v in inputs.flatten().tolist()],
        "features_shape": list(features.shape),
        "features": [float(v) for v in features.flatten().tolist()],
        "logits_shape": list(logits.shape),
        "logits": [float(v) for v in logits.flatten().tolist()],
        "torch_version": torch.__version__,
    }
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
