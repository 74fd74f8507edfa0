package dev.mentor.method;

import dev.mentor.augment.Augmentation;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.List;
import java.util.Map;

/**
 * FixMatch (Sohn et al., NeurIPS 2020): the model's hard pseudo-label of a weak view, kept when its
 * confidence reaches τ, is the target of its prediction on a strong view of the same image:
 * <pre>
 *   L = CE(y, z_l) + λ_u · (1/μB) Σ_i [max p_i^weak ≥ τ] · CE(argmax p_i^weak, z_i^strong)
 * </pre>
 * (defaults τ = 0.95, λ_u = 1, μ = 7). Reports {@code ce}, {@code consistency}, {@code mask_ratio}
 * and the time of each phase.
 */
public final class FixMatch implements Method {
    private final Learner learner;
    private final ConsistencyConfig config;
    private final ConsistencyObjective objective;

    /** @param config must have temperature 0: FixMatch's pseudo-labels are hard */
    public FixMatch(Learner learner, ConsistencyConfig config) {
        if (config.temperature() != 0) {
            throw new IllegalArgumentException("FixMatch uses hard pseudo-labels (temperature 0), got " + config.temperature());
        }
        this.learner = learner;
        this.config = config;
        this.objective = new ConsistencyObjective(config, 0);
    }

    @Override
    public String name() {
        return "fixmatch";
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
        return config.views(learner.spec().width());
    }

    @Override
    public int unlabeledBatchSize(int labeledBatchSize) {
        return config.unlabeledBatchSize(labeledBatchSize);
    }

    @Override
    public StepResult trainStep(StepContext context) {
        return ConsistencyStep.train(learner, objective, context);
    }
}
