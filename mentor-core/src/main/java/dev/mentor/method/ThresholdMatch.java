package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mentor.eval.Predictor;
import dev.mentor.loss.Consistency;
import dev.mentor.loss.Losses;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.ndarray.Scalars;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * FixMatch's objective with thresholds that adapt per class ({@link ClassThresholds}): the hard
 * pseudo-labels of a weak view are targets of a strong view where the thresholds keep them,
 * <pre>
 *   L = CE(y, z_l) + λ_u · (1/μB) Σ_i m_i · CE(ĉ_i, z_i^strong) [+ λ_f · L_f]
 * </pre>
 * FreeMatch ({@link FreeMatch}: self-adaptive thresholds, and the fairness term L_f) and FlexMatch
 * ({@link FlexMatch}: curriculum pseudo-labeling) are this class with their thresholds. The thresholds'
 * statistics are the method's {@link #state()}, saved in each checkpoint. One forward over the labeled
 * images and both views ({@link ConsistencyObjective#forward}), as FixMatch. With a {@link #poolPass start pass}, the
 * first step of a run (not of a resumed one) first seeds the thresholds from the starting model's predictions on the
 * whole pool ({@link ClassThresholds#start}).
 */
public final class ThresholdMatch extends OneModelConsistency {
    /**
     * FreeMatch's self-adaptive fairness term on the kept images' strong-view predictions:
     * {@code L_f = Σ_c SumNorm(p̃/h̃)(c) · log SumNorm(p̄/h̄)(c)}, p̄ and h̄ the mean probability and the
     * normalized arg-max histogram of the kept strong views (1/h̄ is 0 for a class none of them predicts,
     * and only p̄ carries a gradient), as the paper's Eq. 11 and USB's reference.
     *
     * @param statistics the thresholds whose p̃ and h̃ are the target
     * @param weight λ_f
     */
    public record Fairness(AdaptiveThresholds statistics, double weight) {}

    private final ClassThresholds thresholds;
    private final Fairness fairness;
    private final Supplier<float[]> startPass;
    private boolean started;

    /**
     * @param consistency μ, λ_u and the views (its threshold and temperature are the thresholds' business)
     * @param fairness the fairness term, or null for none
     * @param startPass the starting model's probabilities on every pool image ({@link #poolPass}), taken before the first
     *     step to seed the thresholds, or null to start them where a random network would be
     */
    public ThresholdMatch(String name, Learner learner, ConsistencyConfig consistency, ClassThresholds thresholds, Fairness fairness,
            Supplier<float[]> startPass) {
        super(name, learner, consistency);
        this.thresholds = thresholds;
        this.fairness = fairness;
        this.startPass = startPass;
    }

    /**
     * {@code learner}'s probabilities on the run's whole pool, un-augmented, in inference mode (its weight average, when it
     * keeps one: at the first step, the same weights): a start pass.
     */
    public static Supplier<float[]> poolPass(Learner learner, MethodContext context) {
        return () -> new Predictor(learner, context.normalization(), 256).probabilities(context.unlabeled());
    }

    @Override
    public Map<String, float[]> state() {
        return thresholds.state();
    }

    /** Restores the thresholds; a resumed run whose checkpoint holds them does not take the start pass again. */
    @Override
    public void loadState(Map<String, float[]> state) {
        thresholds.loadState(state);
        started |= !state.isEmpty();
    }

    /** The thresholds, for tests and reports. */
    ClassThresholds thresholds() {
        return thresholds;
    }

    @Override
    public StepResult trainStep(StepContext context) {
        if (startPass != null && !started) {
            float[] probabilities = startPass.get();
            thresholds.start(probabilities, IntStream.range(0, probabilities.length / learner.spec().classes()).toArray());
        }
        started = true;
        float loss;
        Map<String, Float> components = new LinkedHashMap<>();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ConsistencyObjective.Logits logits = ConsistencyObjective.forward(learner, context);
            NDArray weakLogits = logits.weak();
            NDArray strongLogits = logits.strong();
            long n = weakLogits.getShape().get(0);
            NDArray labeledLoss = Losses.softCrossEntropy(logits.labeled(), context.labeledTargets());
            float[] mask = thresholds.mask(weakLogits.stopGradient().softmax(1).toFloatArray(), context.unlabeledBatch().indices());
            NDArray maskArray = NativeArrays.create(context.manager(), mask, new Shape(n));
            NDArray unlabeledLoss = Losses.softCrossEntropyPerSample(strongLogits, Consistency.hardTargets(weakLogits))
                    .mul(maskArray).mean();
            NDArray total = labeledLoss.add(Scalars.mul(unlabeledLoss, consistency.unlabeledLossWeight()));
            float kept = 0;
            for (float m : mask) {
                kept += m;
            }
            components.put("ce", labeledLoss.getFloat());
            components.put("consistency", unlabeledLoss.getFloat());
            if (fairness != null) {
                float f = 0;
                if (fairness.weight() > 0 && kept > 0) {
                    NDArray term = fairnessLoss(context, strongLogits, maskArray, mask, kept);
                    f = term.getFloat();
                    total = total.add(Scalars.mul(term, fairness.weight()));
                }
                components.put("fairness", f);
            }
            collector.backward(total);
            loss = total.getFloat();
            components.put("mask_ratio", kept / n);
            components.putAll(thresholds.components());
        }
        learner.step(context.learningRate());
        return new StepResult(loss, components);
    }

    /** L_f over the kept images: Σ_c SumNorm(p̃/h̃)(c) · log(SumNorm(p̄/h̄)(c) + 1e-12). */
    private NDArray fairnessLoss(StepContext context, NDArray strongLogits, NDArray maskArray, float[] mask, float kept) {
        int classes = learner.spec().classes();
        NDArray probabilities = strongLogits.softmax(1);
        // h̄: the arg-max histogram of the kept strong views (no gradient), and its inverse with 1/0 := 0
        float[] strongArgMax = strongLogits.stopGradient().argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
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
        float[] model = fairness.statistics().classExpectation();
        float[] histogram = fairness.statistics().histogram();
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
