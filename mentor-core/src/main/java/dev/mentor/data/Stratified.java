package dev.mentor.data;

import java.util.random.RandomGenerator;

/** Per-class index lists and seeded shuffles: the pieces of every stratified draw in this package. */
final class Stratified {
    private Stratified() {
    }

    /** For each class, the indices of its images in ascending order; every image must be labeled. */
    static int[][] byClass(ImageSet set) {
        int[] counts = new int[set.numClasses()];
        int[] labels = new int[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
            if (labels[i] < 0 || labels[i] >= counts.length) {
                throw new IllegalArgumentException("image " + i + " has label " + labels[i]
                        + "; a stratified draw needs every image labeled in [0, " + counts.length + ")");
            }
            counts[labels[i]]++;
        }
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }

    /** A shuffled copy of {@code values} (Fisher–Yates with {@code random}). */
    static int[] shuffled(int[] values, RandomGenerator random) {
        int[] copy = values.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }
}
