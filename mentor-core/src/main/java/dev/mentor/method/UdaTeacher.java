package dev.mentor.method;

import dev.mentor.augment.Augmentation;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher of Meta Pseudo Labels as the paper trains it: an image model learning from the labels
 * (with label smoothing) and from UDA consistency between the weak and the strong view; the student
 * learns its hard pseudo-labels of the strong view. Its components are {@code teacher_ce},
 * {@code consistency}, {@code mask_ratio} and {@code unlabeled_weight}.
 */
public final class UdaTeacher implements MplTeacher {
    private final Learner learner;
    private final ConsistencyConfig config;
    private final ConsistencyObjective objective;

    public UdaTeacher(Learner learner, ConsistencyConfig config, double labelSmoothing) {
        this.learner = learner;
        this.config = config;
        this.objective = new ConsistencyObjective(config, labelSmoothing);
    }

    @Override
    public Learner learner() {
        return learner;
    }

    @Override
    public List<Augmentation> unlabeledViews(int width) {
        return config.views(width);
    }

    @Override
    public Pass forward(StepContext context) {
        ConsistencyObjective.Terms terms = objective.evaluate(learner, context);
        Map<String, Float> components = new LinkedHashMap<>();
        terms.components().forEach((name, value) -> components.put(name.equals("ce") ? "teacher_ce" : name, value));
        return new Pass(terms.total(), terms.strongLogits(), components);
    }
}
