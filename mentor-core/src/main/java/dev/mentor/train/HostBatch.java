package dev.mentor.train;

/**
 * A batch prepared on the host, before it becomes arrays: one normalised float array per view
 * ({@code size × channels × height × width}), the target rows ({@code size × classes}, or null for
 * unlabeled batches), each image's index in its set, and optional auxiliary rows that ride along
 * ({@code size × width}, e.g. cached teacher logits; null when the stream has none).
 */
public record HostBatch(int size, int[] indices, float[][] views, float[] targets, float[] auxiliary) {
    /** A batch without auxiliary rows. */
    public HostBatch(int size, int[] indices, float[][] views, float[] targets) {
        this(size, indices, views, targets, null);
    }
}
