package dev.mentor.method;

import dev.mentor.MentorException;
import dev.mentor.train.Learner;
import java.util.Set;
import java.util.function.Supplier;

/**
 * FlexMatch (Zhang et al., NeurIPS 2021): FixMatch's hard pseudo-labels kept by per-class thresholds from
 * curriculum pseudo-labeling ({@link CurriculumThresholds}): τ scaled per class by how many pool images
 * the model already predicts above τ as that class, with the threshold warm-up. Defaults as the paper and
 * USB: τ = 0.95, the convex mapping, warm-up on, λ_u = 1, μ = 7.
 */
public final class FlexMatch {
    public static final MethodDescriptor<Options> DESCRIPTOR = new MethodDescriptor<>("flexmatch",
            "FixMatch with per-class thresholds from curriculum pseudo-labeling", FixMatch.TRAITS, Options.class,
            (options, context) -> {
                Learner learner = context.newLearner(0);
                return create(learner, context.unlabeled().size(), options,
                        options.calibrate() ? ThresholdMatch.poolPass(learner, context) : null);
            },
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, true, "FixMatch with per-class thresholds from curriculum pseudo-labeling, mu = 7"));

    private FlexMatch() {}

    /**
     * @param consistency μ, λ_u, τ ({@code confidenceThreshold}) and the views (its temperature is not used)
     * @param warmup the threshold warm-up
     * @param calibrate start the curriculum from the pool images the starting model predicts above τ
     *     ({@link CurriculumThresholds#start}) instead of from none
     */
    public record Options(ConsistencyConfig consistency, boolean warmup, boolean calibrate) {
        public Options {
            if (consistency == null) {
                throw new MentorException(DESCRIPTOR.name() + ": the consistency options are missing");
            }
        }
    }

    /** FlexMatch training {@code learner} on a pool of {@code poolSize} images, its curriculum starting from none. */
    public static ThresholdMatch create(Learner learner, int poolSize, Options options) {
        return create(learner, poolSize, options, null);
    }

    /** @param startPass the start pass that seeds the curriculum ({@link ThresholdMatch#poolPass}), or null for none */
    public static ThresholdMatch create(Learner learner, int poolSize, Options options, Supplier<float[]> startPass) {
        ConsistencyConfig c = options.consistency();
        return new ThresholdMatch(DESCRIPTOR.name(), learner, c,
                new CurriculumThresholds(learner.spec().classes(), poolSize, c.confidenceThreshold(), options.warmup()), null,
                startPass);
    }
}
