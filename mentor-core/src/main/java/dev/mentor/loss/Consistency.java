package dev.mentor.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.mentor.ndarray.Scalars;

/**
 * Confidence-masked consistency on unlabeled images, shared by UDA (Xie et al., 2020), FixMatch
 * (Sohn et al., 2020) and the teacher of Meta Pseudo Labels (Pham et al., 2021). The prediction on a
 * weak view, detached, becomes the target of the prediction on a strong view of the same image:
 * <pre>
 *   p_i = softmax(z_i^weak)
 *   q_i = softmax(z_i^weak / T)            (T &gt; 0: UDA's sharpening)
 *   q_i = onehot(argmax z_i^weak)          (T = 0: FixMatch's hard pseudo-label, the limit T → 0)
 *   m_i = [max_c p_ic ≥ τ]
 *   L_u = (1/n) Σ_i m_i · CE(q_i, z_i^strong)
 * </pre>
 * The confidence is that of the unsharpened prediction p (as UDA's image code and FixMatch define
 * it), and L_u averages over all n unlabeled images, masked ones included, as all three reference
 * implementations do.
 */
public final class Consistency {
    private Consistency() {}

    /**
     * Detached targets of a batch of weak-view logits.
     *
     * @param targets {@code (n, classes)} distributions, no gradient
     * @param mask {@code (n)} 1 where the weak prediction is confident enough, else 0
     * @param confident how many of the n images passed the threshold
     */
    public record PseudoTargets(NDArray targets, NDArray mask, int confident, int total) {
        /** The fraction of images whose target is used, the {@code mask_ratio} a step reports. */
        public float maskRatio() {
            return total == 0 ? 0f : (float) confident / total;
        }
    }

    /**
     * @param weakLogits {@code (n, classes)}; gradients are stopped here
     * @param temperature sharpening temperature T, 0 for hard (arg-max) targets
     * @param threshold confidence threshold τ on the unsharpened prediction; 0 keeps every image
     */
    public static PseudoTargets pseudoTargets(NDArray weakLogits, float temperature, float threshold) {
        if (temperature < 0 || threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("need temperature >= 0 and threshold in [0, 1], got " + temperature + ", " + threshold);
        }
        NDArray weak = weakLogits.stopGradient();
        NDArray confidence = weak.softmax(1).max(new int[] {1});
        NDArray mask = Scalars.gte(confidence, threshold).toType(DataType.FLOAT32, false);
        NDArray targets = temperature == 0 ? hardTargets(weak) : Scalars.div(weak, temperature).softmax(1);
        int total = (int) weak.getShape().get(0);
        return new PseudoTargets(targets, mask, Math.round(mask.sum().getFloat()), total);
    }

    /** One-hot rows of each row's arg-max (the first one on ties), without gradient. */
    public static NDArray hardTargets(NDArray logits) {
        long classes = logits.getShape().get(1);
        return logits.stopGradient().argMax(1).oneHot((int) classes).toType(DataType.FLOAT32, false);
    }

    /** {@code L_u}: the masked per-image cross-entropy of the strong view against the targets, averaged over all images. */
    public static NDArray loss(NDArray strongLogits, PseudoTargets targets) {
        return Losses.softCrossEntropyPerSample(strongLogits, targets.targets()).mul(targets.mask()).mean();
    }
}
