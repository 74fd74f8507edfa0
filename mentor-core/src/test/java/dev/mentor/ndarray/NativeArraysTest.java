package dev.mentor.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * Values written into an array land in its own storage: a view taken before sees them. DJL's
 * {@code NDArray.set(buffer)} (and {@code copyTo}) instead swaps in a new storage on Java memory, which
 * leaves earlier views on the old one and lets the garbage collector free memory PyTorch still uses.
 */
class NativeArraysTest {
    @Test
    void assignWritesIntoTheExistingStorage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.zeros(new Shape(2, 2));
            NDArray view = target.get("0");
            NativeArrays.assign(target, new float[] {1, 2, 3, 4});
            assertArrayEquals(new float[] {1, 2, 3, 4}, target.toFloatArray());
            assertArrayEquals(new float[] {1, 2}, view.toFloatArray(), "the view still sees the old storage");
            NativeArrays.assign(target, manager.create(new float[] {5, 6, 7, 8}, new Shape(2, 2)));
            assertArrayEquals(new float[] {5, 6}, view.toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> NativeArrays.assign(target, manager.zeros(new Shape(4))));
        }
    }

    @Test
    void createdArraysDoNotDependOnTheJavaBuffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] values = {1, 2, 3};
            NDArray array = NativeArrays.create(manager, FloatBuffer.wrap(values), new Shape(3));
            NDArray view = array.get("1:");
            values[1] = 9;
            System.gc();
            assertArrayEquals(new float[] {1, 2, 3}, array.toFloatArray());
            assertArrayEquals(new float[] {2, 3}, view.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3}, NativeArrays.create(manager, new float[] {1, 2, 3}, new Shape(3)).toFloatArray());
        }
    }
}
