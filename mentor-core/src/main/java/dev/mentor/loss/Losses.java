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

    /**
     * KL(p ‖ q) between the temperature-softened distributions of two logit batches,
     * {@code (1/N) Σ_i Σ_c p_ic (log p_ic − log q_ic)} with {@code p = softmax(target/T)} and
     * {@code q = softmax(input/T)}; gradients flow into both arguments unless the caller stops them.
     */
    public static NDArray klDivergence(NDArray targetLogits, NDArray inputLogits, float temperature) {
        NDArray logP = targetLogits.div(temperature).logSoftmax(1);
        NDArray logQ = inputLogits.div(temperature).logSoftmax(1);
        return logP.exp().mul(logP.sub(logQ)).sum(new int[] {1}).mean();
    }

    /**
     * Squared distance between the batch means of two feature batches, {@code ‖mean(a) − mean(b)‖²}:
     * the linear-kernel maximum mean discrepancy used by data-distortion guided self-distillation.
     */
    public static NDArray meanDiscrepancy(NDArray featuresA, NDArray featuresB) {
        return featuresA.mean(new int[] {0}).sub(featuresB.mean(new int[] {0})).square().sum();
    }
}
