package dev.mentor.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an array and a Java number, with the number's tensor in PyTorch's own memory.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)} and the other {@code Number} overloads
 * wrap the number in a 0-d tensor on a direct {@code ByteBuffer} (see {@link NativeArrays}) and close
 * it once the op has run. Autograd keeps that tensor for the backward pass ({@code x·c} saves
 * {@code c}), but once its Java owner is collected the buffer is freed: a backward pass after a
 * garbage collection reads freed memory and the gradient is whatever lies there (a wrong, ±∞ or NaN
 * gradient, different from run to run). Every scalar here comes from {@code NDManager.full}, a tensor
 * PyTorch allocates and frees itself, so closing its handle at once is safe. Mentor's code calls these
 * instead of the {@code Number} overloads everywhere (a test checks the compiled classes).
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · v}. */
    public static NDArray mul(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.mul(s);
        }
    }

    /** {@code x / v}. */
    public static NDArray div(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.div(s);
        }
    }

    /** {@code x + v}. */
    public static NDArray add(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.add(s);
        }
    }

    /** {@code x − v}. */
    public static NDArray sub(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.sub(s);
        }
    }

    /** {@code max(x, v)} element-wise. */
    public static NDArray maximum(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.maximum(s);
        }
    }

    /** {@code x ≥ v} element-wise (a boolean array). */
    public static NDArray gte(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.gte(s);
        }
    }

    /** {@code x < v} element-wise (a boolean array). */
    public static NDArray lt(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.lt(s);
        }
    }

    /** {@code x ·= v} in place; returns {@code x}. */
    public static NDArray muli(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.muli(s);
        }
    }

    /** {@code x /= v} in place; returns {@code x}. */
    public static NDArray divi(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.divi(s);
        }
    }

    /** {@code x += v} in place; returns {@code x}. */
    public static NDArray addi(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.addi(s);
        }
    }

    private static NDArray scalar(NDArray x, double v) {
        return x.getManager().full(new Shape(), (float) v, x.getDataType());
    }
}
