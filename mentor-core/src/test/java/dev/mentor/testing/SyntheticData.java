package dev.mentor.testing;

import dev.mentor.data.ArrayImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small learnable image sets for tests: each class is a bright square at its own position on a noisy
 * background, so a model can reach high accuracy in a few steps.
 */
public final class SyntheticData {
    private SyntheticData() {}

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
