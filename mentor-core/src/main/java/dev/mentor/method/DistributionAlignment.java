package dev.mentor.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.data.ImageSet;
import dev.mentor.ndarray.NativeArrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distribution alignment (ReMixMatch, Berthelot et al., ICLR 2020), an option of FixMatch and UDA: each
 * weak-view prediction q is scaled by the ratio of the labeled set's class distribution p(y) to a moving
 * average p̃ of the model's predictions on unlabeled images, {@code q̃ = Normalize(q · p(y) / p̃)}, before
 * it is thresholded, sharpened or arg-maxed into a target. A model that over-predicts some classes on the
 * pool has those targets damped, so its pseudo-labels follow the labeled classes' proportions. p̃ is the
 * first batch's mean, then an exponential moving average (momentum 0.999), as USB's {@code DistAlignEMAHook};
 * 1e-6 is added to both distributions. Since {@code softmax(z + log r) = Normalize(softmax(z) · r)}, the
 * aligned distribution is given as logits, which the threshold, sharpening and arg-max take unchanged.
 * p̃ is the method's state, saved in each checkpoint.
 */
public final class DistributionAlignment {
    /** The moving average's momentum, USB's default. */
    public static final double MOMENTUM = 0.999;

    private final float[] target;
    private final double momentum;
    private float[] model;

    /** @param target p(y), the labeled set's class distribution */
    public DistributionAlignment(float[] target, double momentum) {
        this.target = target.clone();
        this.momentum = momentum;
    }

    /** Alignment to the class distribution of {@code labeled}. */
    public static DistributionAlignment toLabeled(ImageSet labeled) {
        float[] shares = new float[labeled.numClasses()];
        for (int i = 0; i < labeled.size(); i++) {
            shares[labeled.label(i)] += 1f / labeled.size();
        }
        return new DistributionAlignment(shares, MOMENTUM);
    }

    /**
     * Updates p̃ with the batch's mean weak-view probability, then returns the logits of the aligned
     * distribution (no gradient).
     */
    public NDArray align(NDArray weakLogits, NDManager manager) {
        NDArray weak = weakLogits.stopGradient();
        int classes = target.length;
        float[] p = weak.softmax(1).toFloatArray();
        int n = p.length / classes;
        float[] mean = new float[classes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                mean[c] += p[i * classes + c] / n;
            }
        }
        if (model == null) {
            model = mean;
        } else {
            for (int c = 0; c < classes; c++) {
                model[c] = (float) (model[c] * momentum + mean[c] * (1 - momentum));
            }
        }
        float[] logRatio = new float[classes];
        for (int c = 0; c < classes; c++) {
            logRatio[c] = (float) Math.log((target[c] + 1e-6) / (model[c] + 1e-6));
        }
        return weak.add(NativeArrays.create(manager, logRatio, new Shape(1, classes)));
    }

    /** p̃, a copy, or null before the first batch. */
    public float[] model() {
        return model == null ? null : model.clone();
    }

    /** p̃ once it exists (an empty map before the first batch). */
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        if (model != null) {
            state.put("alignment_model", model.clone());
        }
        return state;
    }

    public void loadState(Map<String, float[]> state) {
        float[] m = state.get("alignment_model");
        if (m == null) {
            return;
        }
        if (m.length != target.length) {
            throw MentorException.of("resume", "the checkpoint's distribution alignment has " + m.length + " classes, the data "
                    + target.length);
        }
        model = m.clone();
    }
}
