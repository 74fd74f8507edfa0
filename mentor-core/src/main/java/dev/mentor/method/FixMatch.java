package dev.mentor.method;

import java.util.Set;

/**
 * FixMatch (Sohn et al., NeurIPS 2020): the hard pseudo-label of a weak view, kept when its confidence reaches τ, is
 * the target of a strong view ({@link ConsistencyTraining#fixMatch}), optionally with the model's predictions aligned
 * to the labeled classes' distribution ({@link DistributionAlignment}).
 */
public final class FixMatch {
    /** What FixMatch and the methods built on it learn from: the pool, in a weak and a strong view. */
    static final Set<MethodDescriptor.Trait> TRAITS = Set.of(MethodDescriptor.Trait.UNLABELED, MethodDescriptor.Trait.STRONG_VIEW);

    public static final MethodDescriptor<ConsistencyConfig> DESCRIPTOR = new MethodDescriptor<>("fixmatch",
            "a weak view's confident hard pseudo-label is the strong view's target", TRAITS, ConsistencyConfig.class,
            (config, context) -> ConsistencyTraining.fixMatch(context.newLearner(0), config, alignment(config, context)),
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, true,
                    "weak-view pseudo-label >= 0.95 is the strong view's target, mu = 7"));

    private FixMatch() {}

    /** The distribution alignment {@code config} asks for, toward the run's labeled set; null for none. */
    static DistributionAlignment alignment(ConsistencyConfig config, MethodContext context) {
        return config.distributionAlignment() ? DistributionAlignment.toLabeled(context.labeled()) : null;
    }
}
