package dev.mentor.method;

/**
 * Unsupervised Data Augmentation (Xie et al., NeurIPS 2020): the prediction on a weak view, sharpened and kept when its
 * confidence reaches τ, is the soft target of a strong view ({@link ConsistencyTraining#uda}).
 */
public final class Uda {
    public static final MethodDescriptor<ConsistencyConfig> DESCRIPTOR = new MethodDescriptor<>("uda",
            "a weak view's sharpened prediction is the strong view's target", FixMatch.TRAITS, ConsistencyConfig.class,
            (config, context) -> ConsistencyTraining.uda(context.newLearner(0), config, FixMatch.alignment(config, context)),
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, true,
                    "sharpened weak-view prediction is the strong view's target, mu = 7"));

    private Uda() {}
}
