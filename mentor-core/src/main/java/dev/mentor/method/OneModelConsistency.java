package dev.mentor.method;

import dev.mentor.augment.Augmentation;
import dev.mentor.train.Learner;
import java.util.List;
import java.util.Map;

/**
 * What the single-model consistency methods share — FixMatch and UDA ({@link ConsistencyTraining}),
 * FlexMatch and FreeMatch ({@link ThresholdMatch}): one learner, which is also the evaluated model, and
 * the weak and strong unlabeled views and μ of their {@link ConsistencyConfig}.
 */
abstract class OneModelConsistency implements Method {
    private final String name;
    protected final Learner learner;
    protected final ConsistencyConfig consistency;

    OneModelConsistency(String name, Learner learner, ConsistencyConfig consistency) {
        this.name = name;
        this.learner = learner;
        this.consistency = consistency;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, Learner> learners() {
        return Map.of("model", learner);
    }

    @Override
    public final Learner evaluated() {
        return learner;
    }

    @Override
    public final List<Augmentation> unlabeledViews() {
        return consistency.views(learner.spec().width());
    }

    @Override
    public final int unlabeledBatchSize(int labeledBatchSize) {
        return consistency.unlabeledBatchSize(labeledBatchSize);
    }
}
