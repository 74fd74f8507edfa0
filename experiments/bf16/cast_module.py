#!/usr/bin/env python3
"""Writes a TorchScript archive whose forward casts its input to torch.bfloat16, without torch.

DJL 0.35.1's PyTorch engine cannot make a bfloat16 tensor itself (its native dtype table stops at
complex64: NDArray.toType(BFLOAT16) ends the JVM), and its toType runs without autograd. A TorchScript
method runs with autograd, so this module is the one way found to give DJL a differentiable bf16 cast.
The archive is what torch.jit.save writes for such a module: the class's code, its pickled state
(training = True), no constants. Usage: cast_module.py DIR  ->  DIR/bf16cast.pt
"""
import pathlib
import struct
import sys
import zipfile

CODE = """class Cast(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.Cast,
    x: Tensor) -> Tensor:
    return torch.to(x, 15)
"""  # 15 is c10::ScalarType::BFloat16


def pickled_module():
    name = b"training"
    return (b"\x80\x02" + b"c__torch__\nCast\n" + b"q\x00)\x81}("
            + b"X" + struct.pack("<I", len(name)) + name + b"q\x01\x88ub.")


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out / "bf16cast.pt", "w", zipfile.ZIP_STORED) as z:
        z.writestr("bf16cast/data.pkl", pickled_module())
        z.writestr("bf16cast/code/__torch__.py", CODE)
        z.writestr("bf16cast/constants.pkl", b"\x80\x02).")
        z.writestr("bf16cast/version", "3\n")


if __name__ == "__main__":
    main()
