package dev.mentor.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.mentor.loss.Consistency;
import dev.mentor.loss.Losses;
import dev.mentor.ndarray.Scalars;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objective of one model trained by consistency, shared by FixMatch, UDA and the teacher of Meta
 * Pseudo Labels:
 * <pre>
 *   L = CE(smooth(y), z_l) + w(t) · L_u(z_weak, z_strong)
 * </pre>
 * with {@code L_u} from {@link Consistency} and {@code w(t)} the ramped weight of the
 * {@link ConsistencyConfig}. One training forward runs over the labeled images and both unlabeled
 * views together, so BatchNorm normalises them as one batch, as the reference implementations do.
 */
public final class ConsistencyObjective {
    private final ConsistencyConfig config;
    private final float labelSmoothing;
    private final DistributionAlignment alignment;

    /** @param labelSmoothing ε of the labeled targets, 0 for none */
    public ConsistencyObjective(ConsistencyConfig config, double labelSmoothing) {
        this(config, labelSmoothing, null);
    }

    /**
     * @param alignment aligns the weak-view predictions before they become targets; null for none (it
     *     must be given when the config asks for it)
     */
    public ConsistencyObjective(ConsistencyConfig config, double labelSmoothing, DistributionAlignment alignment) {
        if (config.distributionAlignment() != (alignment != null)) {
            throw new IllegalArgumentException("distribution alignment " + (alignment == null ? "asked for but not given" : "given but off"));
        }
        this.config = config;
        this.labelSmoothing = (float) labelSmoothing;
        this.alignment = alignment;
    }

    /** The distribution alignment's state (empty without one). */
    Map<String, float[]> state() {
        return alignment == null ? Map.of() : alignment.state();
    }

    void loadState(Map<String, float[]> state) {
        if (alignment != null) {
            alignment.loadState(state);
        }
    }

    /**
     * The terms of one step. {@code total()} builds the loss; its graph reaches the model only when
     * {@link #evaluate} ran inside a gradient collector.
     *
     * @param strongLogits the model's logits on the strong view (Meta Pseudo Labels' student targets)
     */
    public record Terms(NDArray labeledLoss, NDArray unlabeledLoss, float unlabeledWeight, float maskRatio,
            NDArray strongLogits) {
        public NDArray total() {
            return labeledLoss.add(Scalars.mul(unlabeledLoss, unlabeledWeight));
        }

        /** {@code ce}, {@code consistency}, {@code mask_ratio} and {@code unlabeled_weight}. */
        public Map<String, Float> components() {
            Map<String, Float> c = new LinkedHashMap<>();
            c.put("ce", labeledLoss.getFloat());
            c.put("consistency", unlabeledLoss.getFloat());
            c.put("mask_ratio", maskRatio);
            c.put("unlabeled_weight", unlabeledWeight);
            return c;
        }
    }

    /** The logits of one training forward over a step's labeled images and both unlabeled views. */
    public record Logits(NDArray labeled, NDArray weak, NDArray strong) {}

    /** One training forward over the labeled batch, the weak and the strong views together (one BatchNorm batch), split. */
    public static Logits forward(Learner learner, StepContext context) {
        NDArray labeled = context.labeledImages(0);
        NDArray weak = context.unlabeledImages(0);
        NDArray strong = context.unlabeledImages(1);
        long b = labeled.getShape().get(0);
        long n = weak.getShape().get(0);
        NDArray logits = learner.forward(NDArrays.concat(new NDList(labeled, weak, strong)), true).get(0);
        return new Logits(logits.get("0:" + b), logits.get(b + ":" + (b + n)), logits.get((b + n) + ":"));
    }

    /** Runs the model over the step's labeled batch and its weak and strong unlabeled views. */
    public Terms evaluate(Learner learner, StepContext context) {
        Logits logits = forward(learner, context);
        NDArray labeledLogits = logits.labeled();
        NDArray weakLogits = logits.weak();
        NDArray strongLogits = logits.strong();
        NDArray labeledLoss = Losses.softCrossEntropy(labeledLogits, Losses.smoothed(context.labeledTargets(), labelSmoothing));
        NDArray targetLogits = alignment == null ? weakLogits : alignment.align(weakLogits, context.manager());
        Consistency.PseudoTargets targets = Consistency.pseudoTargets(targetLogits, (float) config.temperature(),
                (float) config.confidenceThreshold());
        NDArray unlabeledLoss = Consistency.loss(strongLogits, targets);
        return new Terms(labeledLoss, unlabeledLoss, config.unlabeledWeightAt(context.step()), targets.maskRatio(), strongLogits);
    }
}
