package dev.mentor.method;

import dev.mentor.augment.Augmentation;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.List;
import java.util.Map;

/**
 * Unsupervised Data Augmentation (Xie et al., NeurIPS 2020): the model's prediction on a weak view,
 * sharpened with temperature T and kept when its confidence reaches τ, is the soft target of its
 * prediction on a strong view:
 * <pre>
 *   L = CE(y, z_l) + λ_u · min(1, (t+1)/uda_steps) · (1/μB) Σ_i [max p_i^weak ≥ τ] · CE(softmax(z_i^weak/T), z_i^strong)
 * </pre>
 * (defaults T = 0.4, τ = 0.8, λ_u = 1, μ = 7). CE against the detached target has the gradient of
 * UDA's KL divergence. Reports {@code ce}, {@code consistency}, {@code mask_ratio},
 * {@code unlabeled_weight} and the time of each phase.
 */
public final class Uda implements Method {
    private final Learner learner;
    private final ConsistencyConfig config;
    private final ConsistencyObjective objective;

    public Uda(Learner learner, ConsistencyConfig config) {
        this.learner = learner;
        this.config = config;
        this.objective = new ConsistencyObjective(config, 0);
    }

    @Override
    public String name() {
        return "uda";
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
