package dev.mentor.method;

import dev.mentor.MentorException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FlexMatch's curriculum pseudo-labeling (Zhang et al., NeurIPS 2021, Eqs. 6, 7 and 11): each unlabeled
 * image remembers the class of its last weak-view prediction above the fixed threshold τ ({@code -1}
 * until it has one). σ(c), the images remembered as class c, estimates how well the model has learned c;
 * its normalized effect
 * <pre>
 *   β(c) = σ(c) / max(max_c' σ(c'), N − Σ_c' σ(c'))     with the threshold warm-up (N: the pool's size)
 *   β(c) = σ(c) / max_c' σ(c')                          without it
 * </pre>
 * scales the threshold by the convex mapping {@code T(c) = τ · β(c) / (2 − β(c))}: a class the model
 * has learned less keeps a lower threshold, and early in training — few images remembered — every class's
 * threshold is low, so most pseudo-labels count (the warm-up keeps them low until a fair share of the pool
 * has passed τ). A pseudo-label of class ĉ is kept when its confidence is at least T(ĉ). Each batch is
 * masked with the thresholds of the batches before it, then its images above τ are remembered and β
 * recomputed, as USB's reference; β is recomputed only while the remembered classes are not all one value
 * (all {@code -1} at the start), so it starts at 0 — unless {@link #start} first remembers the pool images the model a
 * run starts from predicts above τ. The state — every pool image's class and β — is saved
 * in the checkpoint.
 */
public final class CurriculumThresholds implements ClassThresholds {
    private final int classes;
    private final float threshold;
    private final boolean warmup;
    private final int[] remembered;
    private final int[] counts;
    private int unused;
    private final float[] beta;

    /**
     * @param poolSize N, the unlabeled pool's images
     * @param threshold τ, the fixed threshold the curriculum scales
     * @param warmup the threshold warm-up (β normalized by the unused images too while they are the most)
     */
    public CurriculumThresholds(int classes, int poolSize, double threshold, boolean warmup) {
        if (classes < 2) {
            throw new MentorException("FlexMatch needs at least 2 classes, got " + classes);
        }
        if (poolSize < 1) {
            throw MentorException.of("unlabeled", "FlexMatch needs an unlabeled pool, got " + poolSize + " images");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw MentorException.of("threshold", "must be in (0, 1], got " + threshold);
        }
        this.classes = classes;
        this.threshold = (float) threshold;
        this.warmup = warmup;
        this.remembered = new int[poolSize];
        Arrays.fill(remembered, -1);
        this.counts = new int[classes];
        this.unused = poolSize;
        this.beta = new float[classes];
    }

    @Override
    public float[] mask(float[] probabilities, int[] poolIndices) {
        int[] argMax = argMax(probabilities, poolIndices);
        float[] mask = new float[argMax.length];
        for (int i = 0; i < argMax.length; i++) {
            mask[i] = probabilities[i * classes + argMax[i]] >= threshold(argMax[i]) ? 1f : 0f;
        }
        rememberAboveTau(probabilities, poolIndices, argMax);
        return mask;
    }

    /** Remembers every pool image the start model predicts above τ, as a batch does, and computes β from them. */
    @Override
    public void start(float[] probabilities, int[] poolIndices) {
        rememberAboveTau(probabilities, poolIndices, argMax(probabilities, poolIndices));
    }

    /** Each image's predicted class (the first of equal maxima). */
    private int[] argMax(float[] probabilities, int[] poolIndices) {
        int n = poolIndices.length;
        if (n == 0 || probabilities.length != n * classes) {
            throw new IllegalArgumentException("expected " + n + " × " + classes + " probabilities, got " + probabilities.length);
        }
        int[] argMax = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < classes; c++) {
                if (probabilities[i * classes + c] > probabilities[i * classes + argMax[i]]) {
                    argMax[i] = c;
                }
            }
        }
        return argMax;
    }

    /** Remembers the images whose confidence reaches τ as their predicted class, then recomputes β. */
    private void rememberAboveTau(float[] probabilities, int[] poolIndices, int[] argMax) {
        for (int i = 0; i < argMax.length; i++) {
            if (probabilities[i * classes + argMax[i]] >= threshold) {
                remember(poolIndices[i], argMax[i]);
            }
        }
        updateBeta();
    }

    private void remember(int index, int c) {
        if (index < 0 || index >= remembered.length) {
            throw new IllegalArgumentException("pool index " + index + " outside a pool of " + remembered.length);
        }
        int old = remembered[index];
        if (old < 0) {
            unused--;
        } else {
            counts[old]--;
        }
        remembered[index] = c;
        counts[c]++;
    }

    private void updateBeta() {
        int largest = 0;
        for (int count : counts) {
            largest = Math.max(largest, count);
        }
        int mostOfOneValue = Math.max(largest, unused);
        if (mostOfOneValue >= remembered.length) {
            return; // every image remembers the same value (at the start: none): β keeps its value
        }
        int denominator = warmup ? mostOfOneValue : largest;
        for (int c = 0; c < classes; c++) {
            beta[c] = (float) counts[c] / denominator;
        }
    }

    /** T(c) = τ · β(c) / (2 − β(c)), the threshold of class {@code c} now. */
    public float threshold(int c) {
        return threshold * (beta[c] / (2f - beta[c]));
    }

    /** β, a copy. */
    public float[] learningEffect() {
        return beta.clone();
    }

    /** The pool images that have passed τ at least once. */
    public int used() {
        return remembered.length - unused;
    }

    @Override
    public Map<String, Float> components() {
        float mean = 0;
        for (int c = 0; c < classes; c++) {
            mean += threshold(c);
        }
        Map<String, Float> m = new LinkedHashMap<>();
        m.put("mean_threshold", mean / classes);
        m.put("pool_used_ratio", (float) used() / remembered.length);
        return m;
    }

    /** Every pool image's remembered class ({@code -1}: none) and β. */
    @Override
    public Map<String, float[]> state() {
        float[] classesOf = new float[remembered.length];
        for (int i = 0; i < remembered.length; i++) {
            classesOf[i] = remembered[i];
        }
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("remembered_class", classesOf);
        state.put("learning_effect", beta.clone());
        return state;
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        if (state.isEmpty()) {
            return;
        }
        float[] r = state.get("remembered_class");
        float[] b = state.get("learning_effect");
        if (r == null || r.length != remembered.length || b == null || b.length != classes) {
            throw MentorException.of("resume", "the checkpoint's FlexMatch state does not match a pool of " + remembered.length
                    + " images and " + classes + " classes");
        }
        Arrays.fill(counts, 0);
        unused = 0;
        for (int i = 0; i < r.length; i++) {
            int c = (int) r[i];
            if (c < -1 || c >= classes || c != r[i]) {
                throw MentorException.of("resume", "the checkpoint's FlexMatch state names class " + r[i] + " of " + classes);
            }
            remembered[i] = c;
            if (c < 0) {
                unused++;
            } else {
                counts[c]++;
            }
        }
        System.arraycopy(b, 0, beta, 0, classes);
    }
}
