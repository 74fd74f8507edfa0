package dev.mentor.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * Moving values between Java and PyTorch without leaving a tensor on Java memory.
 *
 * <p>DJL's PyTorch engine wraps Java data in place: {@code NDManager.create(buffer)} and
 * {@code NDArray.set(buffer)} (and so {@code copyTo}) make the tensor's storage a direct
 * {@code ByteBuffer} that only the Java array object keeps alive, and {@code set} swaps the storage
 * instead of writing into it. PyTorch does not know that owner: a view or a saved tensor taken before
 * keeps the old storage, and once its Java owner is closed or replaced the garbage collector frees
 * memory PyTorch may still read and write. Here every array is copied into PyTorch's own memory (a
 * clone, or an in-place copy into the existing tensor) and the Java-backed temporary is closed at once.
 */
public final class NativeArrays {
    private static final NDIndex ALL = new NDIndex("...");

    private NativeArrays() {}

    /** A new array in {@code manager} holding {@code values}, its storage PyTorch's own. */
    public static NDArray create(NDManager manager, FloatBuffer values, Shape shape) {
        try (NDArray onJavaMemory = manager.create(values, shape)) {
            return onJavaMemory.duplicate();
        }
    }

    /** As {@link #create(NDManager, FloatBuffer, Shape)}. */
    public static NDArray create(NDManager manager, float[] values, Shape shape) {
        return create(manager, FloatBuffer.wrap(values), shape);
    }

    /** Writes {@code values} into {@code target}'s own storage (a parameter stays the same tensor). */
    public static void assign(NDArray target, float[] values) {
        try (NDArray source = target.getManager().create(FloatBuffer.wrap(values), target.getShape())) {
            assign(target, source);
        }
    }

    /** Copies {@code source} into {@code target}'s own storage; the shapes must be equal. */
    public static void assign(NDArray target, NDArray source) {
        if (!target.getShape().equals(source.getShape())) {
            throw new IllegalArgumentException("cannot copy " + source.getShape() + " into " + target.getShape());
        }
        target.set(ALL, source);
    }
}
