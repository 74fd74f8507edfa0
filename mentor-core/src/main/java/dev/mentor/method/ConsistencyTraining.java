package dev.mentor.method;

import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.Map;

/**
 * Consistency training on unlabeled images: the model's prediction on a weak view, kept when its
 * confidence reaches τ, is the target of its prediction on a strong view of the same image.
 * <ul>
 * <li>{@link #fixMatch FixMatch} (Sohn et al., NeurIPS 2020): hard pseudo-labels,
 *     {@code L = CE(y, z_l) + λ_u · (1/μB) Σ_i [max p_i^weak ≥ τ] · CE(argmax p_i^weak, z_i^strong)}
 *     (defaults τ = 0.95, λ_u = 1, μ = 7).</li>
 * <li>{@link #uda UDA} (Xie et al., NeurIPS 2020): the weak prediction sharpened with temperature T as
 *     a soft target, λ_u ramped up as {@code min(1, (t+1)/uda_steps)} (defaults T = 0.4, τ = 0.8); CE
 *     against the detached target has the gradient of UDA's KL divergence.</li>
 * </ul>
 * Either may align the weak predictions to the labeled classes' distribution first
 * ({@link DistributionAlignment}, {@code --distribution-alignment}); its moving average is the method's state.
 * Reports {@code ce}, {@code consistency}, {@code mask_ratio}, {@code unlabeled_weight} and the time
 * of each phase.
 */
public final class ConsistencyTraining extends OneModelConsistency {
    private final ConsistencyObjective objective;

    private ConsistencyTraining(String name, Learner learner, ConsistencyConfig config, DistributionAlignment alignment) {
        super(name, learner, config);
        this.objective = new ConsistencyObjective(config, 0, alignment);
    }

    /**
     * @param config must have temperature 0: FixMatch's pseudo-labels are hard
     * @param alignment the distribution alignment when the config asks for it, else null
     */
    public static ConsistencyTraining fixMatch(Learner learner, ConsistencyConfig config, DistributionAlignment alignment) {
        if (config.temperature() != 0) {
            throw new IllegalArgumentException("FixMatch uses hard pseudo-labels (temperature 0), got " + config.temperature());
        }
        return new ConsistencyTraining(FixMatch.DESCRIPTOR.name(), learner, config, alignment);
    }

    /** FixMatch without distribution alignment. */
    public static ConsistencyTraining fixMatch(Learner learner, ConsistencyConfig config) {
        return fixMatch(learner, config, null);
    }

    /** @param alignment the distribution alignment when the config asks for it, else null */
    public static ConsistencyTraining uda(Learner learner, ConsistencyConfig config, DistributionAlignment alignment) {
        return new ConsistencyTraining(Uda.DESCRIPTOR.name(), learner, config, alignment);
    }

    /** UDA without distribution alignment. */
    public static ConsistencyTraining uda(Learner learner, ConsistencyConfig config) {
        return uda(learner, config, null);
    }

    /** The distribution alignment's moving average, when there is one. */
    @Override
    public Map<String, float[]> state() {
        return objective.state();
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        objective.loadState(state);
    }

    @Override
    public StepResult trainStep(StepContext context) {
        return ConsistencyStep.train(learner, objective, context);
    }
}
