/**
 * Pure pixel kernels: deterministic functions from an {@link dev.mentor.augment.Image} and numeric
 * arguments to a new image, with no randomness. Each reproduces the arithmetic of the Pillow 9.4 C code
 * that torchvision 0.14 calls on PIL images (affine warps with nearest sampling, 8-bit lookup tables,
 * histogram remaps, {@code ImageEnhance} blends, the 3×3 smoothing filter), so that outputs match
 * torchvision's bit for bit. A new kernel goes here; randomness and magnitude tables live in
 * {@code dev.mentor.augment}.
 */
package dev.mentor.augment.kernel;
