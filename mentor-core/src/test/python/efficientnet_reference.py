#!/usr/bin/python3
"""The PyTorch reference of Mentor's efficientnet-b0: torchvision's efficientnet_b0 with the stem and
the first block of stage 2 at stride 1 (three downsamplings instead of five), as dev.mentor.model.EfficientNet.

Run with Debian's /usr/bin/python3 (python3-torch 1.13, python3-torchvision 0.14):

    /usr/bin/python3 mentor-core/src/test/python/efficientnet_reference.py

For each case it prints the trainable parameter count, the feature-map size before the pool, the
drop-connect rates of the 16 blocks and the forward FLOPs (2 per multiply-add of convolutions and the
head, as dev.mentor.bench.ModelFlops counts them). ModelsTest and ModelFlopsTest hold these numbers;
the Java tests never run Python.
"""
import torch
import torch.nn as nn
from torchvision.models import efficientnet_b0


def adapted(channels, classes, small=True):
    m = efficientnet_b0(num_classes=classes)
    stem = m.features[0][0]
    m.features[0][0] = nn.Conv2d(channels, 32, 3, 1 if small else 2, 1, bias=False)
    if small:
        m.features[2][0].block[1][0].stride = (1, 1)   # stage 2's first depthwise conv
    del stem
    return m


def flops(m, x):
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1]
            total += 2 * module.in_channels // module.groups * module.out_channels * k * output.shape[2] * output.shape[3]
        elif isinstance(module, nn.Linear):
            total += 2 * module.in_features * module.out_features

    handles = [mod.register_forward_hook(hook) for mod in m.modules() if isinstance(mod, (nn.Conv2d, nn.Linear))]
    m(x)
    for h in handles:
        h.remove()
    return total


def main():
    torch.manual_seed(0)
    cases = [(3, 224, 1000, False), (1, 28, 10, True), (3, 32, 10, True)]
    for channels, size, classes, small in cases:
        m = adapted(channels, classes, small).eval()
        params = sum(p.numel() for p in m.parameters() if p.requires_grad)
        x = torch.randn(2, channels, size, size)
        with torch.no_grad():
            fmap = m.features(x).shape
            f = flops(m, x[:1])
        print(f"channels={channels} size={size} classes={classes} small={small} params={params} "
              f"features={tuple(fmap[1:])} flops={f}")
    rates = [round(b.stochastic_depth.p, 6) for stage in efficientnet_b0().features[1:8] for b in stage]
    print("drop_connect", rates)


if __name__ == "__main__":
    main()
