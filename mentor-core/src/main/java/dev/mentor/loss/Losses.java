package dev.mentor.loss;

import ai.djl.ndarray.NDArray;
import dev.mentor.ndarray.Scalars;

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
     * Label smoothing of {@code (batch, classes)} target distributions: {@code (1 − ε)·t + ε/K}
     * (PyTorch's {@code CrossEntropyLoss(label_smoothing=ε)} as a target); ε = 0 returns the targets.
     */
    public static NDArray smoothed(NDArray targets, float epsilon) {
        if (epsilon == 0) {
            return targets;
        }
        long classes = targets.getShape().get(1);
        return Scalars.add(Scalars.mul(targets, 1 - epsilon), epsilon / classes);
    }

    /**
     * KL(p ‖ q) between the temperature-softened distributions of two logit batches,
     * {@code (1/N) Σ_i Σ_c p_ic (log p_ic − log q_ic)} with {@code p = softmax(target/T)} and
     * {@code q = softmax(input/T)}; gradients flow into both arguments unless the caller stops them.
     */
    public static NDArray klDivergence(NDArray targetLogits, NDArray inputLogits, float temperature) {
        NDArray logP = Scalars.div(targetLogits, temperature).logSoftmax(1);
        NDArray logQ = Scalars.div(inputLogits, temperature).logSoftmax(1);
        return logP.exp().mul(logP.sub(logQ)).sum(new int[] {1}).mean();
    }

    /**
     * Squared distance between the batch means of two feature batches, {@code ‖mean(a) − mean(b)‖²}:
     * the linear-kernel maximum mean discrepancy used by data-distortion guided self-distillation.
     */
    public static NDArray meanDiscrepancy(NDArray featuresA, NDArray featuresB) {
        return featuresA.mean(new int[] {0}).sub(featuresB.mean(new int[] {0})).square().sum();
    }

    /**
     * Knowledge distillation (Hinton et al., 2015): {@code T²·KL(softmax(t/T) ‖ softmax(s/T))}, the T²
     * keeping gradient magnitudes comparable across temperatures. The teacher's logits carry no
     * gradient.
     */
    public static NDArray distillation(NDArray studentLogits, NDArray teacherLogits, float temperature) {
        return Scalars.mul(klDivergence(teacherLogits.stopGradient(), studentLogits, temperature), temperature * temperature);
    }

    /** FitNets hint: mean squared error between the adapted student map and the teacher's map. */
    public static NDArray hint(NDArray adaptedStudentMap, NDArray teacherMap) {
        return adaptedStudentMap.sub(teacherMap.stopGradient()).square().mean();
    }

    /**
     * Attention transfer (Zagoruyko &amp; Komodakis, 2017): with Q = the channel mean of the squared map,
     * flattened and L2-normalised per image, {@code mean((Q_s − Q_t)²)} over images and positions.
     */
    public static NDArray attentionTransfer(NDArray studentMap, NDArray teacherMap) {
        return attentionMap(studentMap).sub(attentionMap(teacherMap.stopGradient())).square().mean();
    }

    static NDArray attentionMap(NDArray map) {
        long n = map.getShape().get(0);
        NDArray q = map.square().mean(new int[] {1}).reshape(n, -1);
        NDArray norm = Scalars.maximum(q.square().sum(new int[] {1}, true).sqrt(), 1e-12f);
        return q.div(norm);
    }
}
