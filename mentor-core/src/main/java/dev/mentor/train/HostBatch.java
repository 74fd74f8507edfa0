package dev.mentor.train;

/**
 * A batch prepared on the host, before it becomes arrays: one normalised float array per view
 * ({@code size × channels × height × width}), the target rows ({@code size × classes}, or null for
 * unlabeled batches) and each image's index in its set.
 */
public record HostBatch(int size, int[] indices, float[][] views, float[] targets) {}
