package dev.mentor.method;

import dev.mentor.MentorException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FreeMatch's self-adaptive thresholds (Wang et al., ICLR 2023, Eqs. 6–9): from the weak-view
 * probabilities p_i of each unlabeled batch, exponential moving averages with momentum λ of
 * <pre>
 *   τ_t     = λ·τ_{t−1}     + (1 − λ)·mean_i max_c p_ic      the global threshold (the model's confidence)
 *   p̃_t(c)  = λ·p̃_{t−1}(c)  + (1 − λ)·mean_i p_ic           the local, per-class expectation
 *   h̃_t(c)  = λ·h̃_{t−1}(c)  + (1 − λ)·Hist_t(c)              the histogram of arg-max predictions (for the fairness term)
 * </pre>
 * and a pseudo-label passes when {@code max_c p_ic ≥ τ_t · p̃_t(ĉ_i) / max_c p̃_t(c)}, ĉ_i its class: a
 * class the model predicts less keeps a lower threshold. All three start at 1/C, as in the paper and USB's
 * current code (its early commits started τ and p̃ at 1, which masks everything for the first few hundred
 * steps), unless {@link #start} seeds τ and p̃ from the model a run starts from. The batch updates the
 * averages before its own mask is taken, as in the paper and USB. Plain Java on host arrays: the state
 * is a few floats, saved in the checkpoint through {@link #state()}.
 */
public final class AdaptiveThresholds implements ClassThresholds {
    private final int classes;
    private final double momentum;
    // float32 as the reference keeps them, and so that a checkpoint holds them exactly (bit-identical resume)
    private float globalThreshold;
    private final float[] classExpectation;
    private final float[] histogram;

    public AdaptiveThresholds(int classes, double momentum) {
        if (classes < 2) {
            throw new MentorException("FreeMatch needs at least 2 classes, got " + classes);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw MentorException.of("ema_momentum", "must be in [0, 1), got " + momentum);
        }
        this.classes = classes;
        this.momentum = momentum;
        this.globalThreshold = 1f / classes;
        this.classExpectation = new float[classes];
        this.histogram = new float[classes];
        java.util.Arrays.fill(classExpectation, 1f / classes);
        java.util.Arrays.fill(histogram, 1f / classes);
    }

    /** {@link #update}: the pool indices play no part. */
    @Override
    public float[] mask(float[] probabilities, int[] poolIndices) {
        return update(probabilities);
    }

    @Override
    public Map<String, Float> components() {
        return Map.of("global_threshold", globalThreshold);
    }

    /**
     * Updates the averages with one batch and returns its mask.
     *
     * @param probabilities row-major {@code n × classes} weak-view probabilities
     * @return 1 where image i's pseudo-label passes its class's threshold, else 0
     */
    public float[] update(float[] probabilities) {
        Batch batch = Batch.of(probabilities, classes);
        int n = batch.maxP.length;
        globalThreshold = (float) (momentum * globalThreshold + (1 - momentum) * batch.sumMax / n);
        double largest = 0;
        for (int c = 0; c < classes; c++) {
            classExpectation[c] = (float) (momentum * classExpectation[c] + (1 - momentum) * batch.sumP[c] / n);
            histogram[c] = (float) (momentum * histogram[c] + (1 - momentum) * batch.counts[c] / n);
            largest = Math.max(largest, classExpectation[c]);
        }
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = batch.maxP[i] >= threshold(batch.argMax[i], largest) ? 1f : 0f;
        }
        return mask;
    }

    /**
     * τ and p̃ set to the start model's mean confidence and mean probabilities on the pool; h̃ keeps 1/C. h̃ feeds only the
     * fairness term's target p̃/h̃, and a class the start model never predicts would get h̃ = 0, then (1 − λ)/μB after its
     * first prediction: a target almost wholly on that class.
     */
    @Override
    public void start(float[] probabilities, int[] poolIndices) {
        Batch pool = Batch.of(probabilities, classes);
        int n = pool.maxP.length;
        globalThreshold = (float) (pool.sumMax / n);
        for (int c = 0; c < classes; c++) {
            classExpectation[c] = (float) (pool.sumP[c] / n);
        }
    }

    /** One batch's statistics: each image's arg-max class and confidence, and the sums of those and of the probabilities. */
    private record Batch(int[] argMax, float[] maxP, double sumMax, double[] sumP, double[] counts) {
        static Batch of(float[] probabilities, int classes) {
            int n = probabilities.length / classes;
            if (n * classes != probabilities.length || n == 0) {
                throw new IllegalArgumentException("expected a non-empty n × " + classes + " array, got " + probabilities.length + " values");
            }
            double sumMax = 0;
            double[] sumP = new double[classes];
            double[] counts = new double[classes];
            int[] argMax = new int[n];
            float[] maxP = new float[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 0; c < classes; c++) {
                    float p = probabilities[i * classes + c];
                    sumP[c] += p;
                    if (p > probabilities[i * classes + best]) {
                        best = c;
                    }
                }
                argMax[i] = best;
                maxP[i] = probabilities[i * classes + best];
                sumMax += maxP[i];
                counts[best]++;
            }
            return new Batch(argMax, maxP, sumMax, sumP, counts);
        }
    }

    private double threshold(int c, double largest) {
        return globalThreshold * classExpectation[c] / largest;
    }

    /** The threshold of class {@code c} now: τ_t · MaxNorm(p̃_t)(c). */
    public double threshold(int c) {
        double largest = 0;
        for (float v : classExpectation) {
            largest = Math.max(largest, v);
        }
        return threshold(c, largest);
    }

    public double globalThreshold() {
        return globalThreshold;
    }

    /** p̃_t, a copy. */
    public float[] classExpectation() {
        return classExpectation.clone();
    }

    /** h̃_t, a copy. */
    public float[] histogram() {
        return histogram.clone();
    }

    /** τ, p̃ and h̃ by name, for a checkpoint (float32: the precision PyTorch's reference keeps them in). */
    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put("global_threshold", new float[] {globalThreshold});
        state.put("class_expectation", classExpectation.clone());
        state.put("histogram", histogram.clone());
        return state;
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        if (state.isEmpty()) {
            return;
        }
        float[] g = state.get("global_threshold");
        float[] p = state.get("class_expectation");
        float[] h = state.get("histogram");
        if (g == null || g.length != 1 || p == null || p.length != classes || h == null || h.length != classes) {
            throw MentorException.of("resume", "the checkpoint's FreeMatch thresholds do not match " + classes + " classes");
        }
        globalThreshold = g[0];
        for (int c = 0; c < classes; c++) {
            classExpectation[c] = p[c];
            histogram[c] = h[c];
        }
    }
}
