package dev.mentor.loss;

import ai.djl.ndarray.NDArray;

/** Loss functions on {@code (batch, classes)} logits. Each returns a scalar averaged over the batch. */
public final class Losses {
    private Losses() {}

    /** Cross-entropy against soft targets: −(1/N) Σ_i Σ_c t_ic · log softmax(z_i)_c. */
    public static NDArray softCrossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    }

    /**
     * Per-sample cross-entropy against soft targets, shape {@code (batch)}: for masked losses
     * (confidence thresholds) that weight samples before averaging.
     */
    public static NDArray softCrossEntropyPerSample(NDArray logits, NDArray targets) {
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg();
    }
}
