package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.loss.Consistency;
import dev.mentor.loss.Losses;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.ndarray.Scalars;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FreeMatch (Wang et al., ICLR 2023): FixMatch's hard pseudo-labels of a weak view as targets of a
 * strong view, kept by the self-adaptive thresholds of {@link AdaptiveThresholds} instead of a fixed τ,
 * plus the self-adaptive fairness term on the kept images' strong-view predictions:
 * <pre>
 *   L = CE(y, z_l) + λ_u · (1/μB) Σ_i m_i · CE(ĉ_i, z_i^strong) + λ_f · L_f
 *   L_f = Σ_c SumNorm(p̃_t / h̃_t)(c) · log SumNorm(p̄ / h̄)(c)
 * </pre>
 * where p̄ and h̄ are the mean probability and the normalized arg-max histogram of the kept images'
 * strong views (1/h̄ is 0 for a class none of them predicts, and only p̄ carries a gradient), as the
 * paper's Eq. 11 (−H of the two normalized distributions) and USB's reference. Defaults as USB's:
 * λ_u = 1, λ_f = 0.01, momentum 0.999, μ = 7. The thresholds are the method's {@link #state()}, saved in
 * each checkpoint. Shares the views and the batch layout of {@link ConsistencyTraining}.
 */
public final class FreeMatch implements Method {
    /**
     * @param consistency μ, λ_u and the views (its threshold and temperature are not used)
     * @param momentum λ of the moving averages
     * @param fairnessWeight λ_f, 0 for no fairness term
     */
    public record Options(ConsistencyConfig consistency, double momentum, double fairnessWeight) {
        public Options {
            if (consistency == null) {
                throw new MentorException("freematch: the consistency options are missing");
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new MentorException("--ema-momentum: must be in [0, 1), got " + momentum);
            }
            if (!(fairnessWeight >= 0) || Double.isInfinite(fairnessWeight)) {
                throw new MentorException("--fairness-weight: must be >= 0, got " + fairnessWeight);
            }
        }
    }

    private final Learner learner;
    private final Options options;
    private final AdaptiveThresholds thresholds;

    public FreeMatch(Learner learner, Options options) {
        this.learner = learner;
        this.options = options;
        this.thresholds = new AdaptiveThresholds(learner.spec().classes(), options.momentum());
    }

    @Override
    public String name() {
        return "freematch";
    }

    @Override
    public Map<String, Learner> learners() {
        return Map.of("model", learner);
    }

    @Override
    public Learner evaluated() {
        return learner;
    }

    @Override
    public List<Augmentation> unlabeledViews() {
        return options.consistency().views(learner.spec().width());
    }

    @Override
    public int unlabeledBatchSize(int labeledBatchSize) {
        return options.consistency().unlabeledBatchSize(labeledBatchSize);
    }

    @Override
    public Map<String, float[]> state() {
        return thresholds.state();
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        thresholds.loadState(state);
    }

    /** The thresholds, for tests and reports. */
    AdaptiveThresholds thresholds() {
        return thresholds;
    }

    @Override
    public StepResult trainStep(StepContext context) {
        float loss;
        Map<String, Float> components = new LinkedHashMap<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ConsistencyObjective.Logits logits = ConsistencyObjective.forward(learner, context);
            NDArray labeledLogits = logits.labeled();
            NDArray weakLogits = logits.weak();
            NDArray strongLogits = logits.strong();
            long n = weakLogits.getShape().get(0);
            NDArray labeledLoss = Losses.softCrossEntropy(labeledLogits, context.labeledTargets());
            float[] mask = thresholds.update(weakLogits.stopGradient().softmax(1).toFloatArray());
            NDArray maskArray = NativeArrays.create(context.manager(), mask, new Shape(n));
            NDArray unlabeledLoss = Losses.softCrossEntropyPerSample(strongLogits, Consistency.hardTargets(weakLogits))
                    .mul(maskArray).mean();
            NDArray total = labeledLoss.add(Scalars.mul(unlabeledLoss, options.consistency().unlabeledLossWeight()));
            float kept = 0;
            for (float m : mask) {
                kept += m;
            }
            float fairness = 0;
            if (options.fairnessWeight() > 0 && kept > 0) {
                NDArray f = fairnessLoss(context, strongLogits, maskArray, mask, kept);
                fairness = f.getFloat();
                total = total.add(Scalars.mul(f, options.fairnessWeight()));
            }
            collector.backward(total);
            loss = total.getFloat();
            components.put("ce", labeledLoss.getFloat());
            components.put("consistency", unlabeledLoss.getFloat());
            components.put("fairness", fairness);
            components.put("mask_ratio", kept / n);
            components.put("global_threshold", (float) thresholds.globalThreshold());
        }
        learner.step(context.learningRate());
        return new StepResult(loss, components);
    }

    /** L_f over the kept images: Σ_c SumNorm(p̃/h̃)(c) · log(SumNorm(p̄/h̄)(c) + 1e-12). */
    private NDArray fairnessLoss(StepContext context, NDArray strongLogits, NDArray maskArray, float[] mask, float kept) {
        int classes = learner.spec().classes();
        NDArray probabilities = strongLogits.softmax(1);
        // h̄: the arg-max histogram of the kept strong views (no gradient), and its inverse with 1/0 := 0
        float[] strongArgMax = strongLogits.stopGradient().argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] inverseHistogram = new float[classes];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] > 0) {
                inverseHistogram[(int) strongArgMax[i]] += 1f / kept;
            }
        }
        for (int c = 0; c < classes; c++) {
            inverseHistogram[c] = inverseHistogram[c] == 0 ? 0 : 1f / inverseHistogram[c];
        }
        // SumNorm(p̃/h̃), a constant of this step
        float[] model = thresholds.classExpectation();
        float[] histogram = thresholds.histogram();
        double sum = 0;
        float[] target = new float[classes];
        for (int c = 0; c < classes; c++) {
            target[c] = histogram[c] == 0 ? 0 : model[c] / histogram[c];
            sum += target[c];
        }
        for (int c = 0; c < classes; c++) {
            target[c] = (float) (target[c] / sum);
        }
        NDArray meanKept = probabilities.mul(maskArray.expandDims(1)).sum(new int[] {0});
        meanKept = Scalars.div(meanKept, kept);
        NDArray scaled = meanKept.mul(NativeArrays.create(context.manager(), inverseHistogram, new Shape(classes)));
        NDArray normalized = scaled.div(scaled.sum());
        return Scalars.add(normalized, 1e-12).log().mul(NativeArrays.create(context.manager(), target, new Shape(classes))).sum();
    }
}
