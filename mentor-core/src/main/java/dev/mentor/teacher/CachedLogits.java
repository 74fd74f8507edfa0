package dev.mentor.teacher;

import dev.mentor.train.TargetSource;

/**
 * A teacher's logits for every image of one set, row {@code i} for image {@code i}, kept in memory;
 * they ride along with the batches of that set as auxiliary rows.
 */
public final class CachedLogits implements TargetSource {
    private final float[] rows;
    private final int classes;

    CachedLogits(float[] rows, int classes) {
        if (classes <= 0 || rows.length % classes != 0) {
            throw new IllegalArgumentException(rows.length + " values are not rows of " + classes);
        }
        this.rows = rows;
        this.classes = classes;
    }

    /**
     * Logits equivalent to a teacher's distributions {@code p}: log p, since softmax(log p / T) = softmax(z / T) for
     * the logits z that gave p, at every temperature T (exact but for float rounding). A probability that rounded to
     * 0 becomes the log of the smallest positive float (about −103.3), so no row holds an infinity.
     */
    public static CachedLogits ofDistributions(PseudoLabels distributions) {
        float[] p = distributions.probabilities();
        float[] rows = new float[p.length];
        float floor = (float) Math.log(Float.MIN_VALUE);
        for (int i = 0; i < p.length; i++) {
            rows[i] = p[i] > 0 ? Math.max(floor, (float) Math.log(p[i])) : floor;
        }
        return new CachedLogits(rows, distributions.classes());
    }

    /** Number of images covered. */
    public int size() {
        return rows.length / classes;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public void write(int index, float[] out, int offset) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("image " + index + " is not among the " + size() + " cached");
        }
        System.arraycopy(rows, index * classes, out, offset, classes);
    }

    /** A copy of the logits of image {@code index}. */
    public float[] row(int index) {
        float[] row = new float[classes];
        write(index, row, 0);
        return row;
    }
}
