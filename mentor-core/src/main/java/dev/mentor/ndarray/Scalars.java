package dev.mentor.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

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
        return withScalar(x, v, NDArray::mul);
    }

    /** {@code x / v}. */
    public static NDArray div(NDArray x, double v) {
        return withScalar(x, v, NDArray::div);
    }

    /** {@code x + v}. */
    public static NDArray add(NDArray x, double v) {
        return withScalar(x, v, NDArray::add);
    }

    /** {@code x − v}. */
    public static NDArray sub(NDArray x, double v) {
        return withScalar(x, v, NDArray::sub);
    }

    /** {@code max(x, v)} element-wise. */
    public static NDArray maximum(NDArray x, double v) {
        return withScalar(x, v, NDArray::maximum);
    }

    /** {@code x ≥ v} element-wise (a boolean array). */
    public static NDArray gte(NDArray x, double v) {
        return withScalar(x, v, NDArray::gte);
    }

    /** {@code x < v} element-wise (a boolean array). */
    public static NDArray lt(NDArray x, double v) {
        return withScalar(x, v, NDArray::lt);
    }

    /** {@code x ·= v} in place; returns {@code x}. */
    public static NDArray muli(NDArray x, double v) {
        return withScalar(x, v, NDArray::muli);
    }

    /** {@code x /= v} in place; returns {@code x}. */
    public static NDArray divi(NDArray x, double v) {
        return withScalar(x, v, NDArray::divi);
    }

    /** {@code x += v} in place; returns {@code x}. */
    public static NDArray addi(NDArray x, double v) {
        return withScalar(x, v, NDArray::addi);
    }

    /** {@code op(x, v)} with {@code v} as a 0-d array of {@code x}'s type, closed once the op has run. */
    private static NDArray withScalar(NDArray x, double v, BinaryOperator<NDArray> op) {
        try (NDArray scalar = x.getManager().full(new Shape(), (float) v, x.getDataType())) {
            return op.apply(x, scalar);
        }
    }
}
