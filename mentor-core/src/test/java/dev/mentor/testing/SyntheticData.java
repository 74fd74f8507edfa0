package dev.mentor.testing;

import dev.mentor.data.ArrayImageSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Small learnable image sets for tests: each class is a bright square at its own position on a noisy
 * background, so a model can reach high accuracy in a few steps.
 */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * An IDX folder ({@code idx:DIR} data) of 1×16×16 squares: {@code train} training and {@code test}
     * test images of {@code classes} classes.
     */
    public static Path idx(Path dir, int train, int test, int classes) throws IOException {
        return idx(dir, train, test, classes, 16);
    }

    /** As {@link #idx(Path, int, int, int)}, of {@code size}×{@code size} images. */
    public static Path idx(Path dir, int train, int test, int classes, int size) throws IOException {
        Files.createDirectories(dir);
        writeIdx(dir, "train", squares(train, classes, 1, size, 1));
        writeIdx(dir, "t10k", squares(test, classes, 1, size, 2));
        return dir;
    }

    private static void writeIdx(Path dir, String prefix, ArrayImageSet set) throws IOException {
        int n = set.size();
        int size = set.width();
        ByteBuffer images = ByteBuffer.allocate(16 + n * size * size).putInt(0x803).putInt(n).putInt(size).putInt(size);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            images.put(set.image(i).pixelsReadOnly());
            labels.put((byte) set.label(i));
        }
        gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images.array());
        gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels.array());
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    public static ArrayImageSet squares(int count, int classes, int channels, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * channels * size * size];
        int[] labels = new int[count];
        int square = Math.max(2, size / 4);
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            labels[i] = label;
            int top = (label * 3) % (size - square);
            int left = (label * 5) % (size - square);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        boolean in = y >= top && y < top + square && x >= left && x < left + square;
                        int value = in ? 200 + random.nextInt(56) : random.nextInt(60);
                        pixels[((i * channels + c) * size + y) * size + x] = (byte) value;
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new ArrayImageSet(channels, size, size, pixels, labels, names);
    }
}
