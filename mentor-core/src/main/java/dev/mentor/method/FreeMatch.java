package dev.mentor.method;

import dev.mentor.MentorException;
import dev.mentor.train.Learner;
import java.util.Set;
import java.util.function.Supplier;

/**
 * FreeMatch (Wang et al., ICLR 2023): FixMatch's hard pseudo-labels kept by the self-adaptive thresholds
 * of {@link AdaptiveThresholds} instead of a fixed τ, plus the self-adaptive fairness term
 * ({@link ThresholdMatch.Fairness}). Defaults as USB's: λ_u = 1, λ_f = 0.01, momentum 0.999, μ = 7 (λ_f is
 * USB's command-line default; its classic-CV configuration files set 0.001).
 */
public final class FreeMatch {
    public static final MethodDescriptor<Options> DESCRIPTOR = new MethodDescriptor<>("freematch",
            "FixMatch with self-adaptive thresholds and a fairness term", FixMatch.TRAITS, Options.class,
            (options, context) -> {
                Learner learner = context.newLearner(0);
                return create(learner, options, options.calibrate() ? ThresholdMatch.poolPass(learner, context) : null);
            },
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, true, "FixMatch with self-adaptive global and per-class thresholds, mu = 7"));

    private FreeMatch() {}

    /**
     * @param consistency μ, λ_u and the views (its threshold and temperature are not used)
     * @param momentum λ of the moving averages
     * @param fairnessWeight λ_f, 0 for no fairness term
     * @param calibrate seed τ and p̃ from the starting model's predictions on the pool ({@link AdaptiveThresholds#start})
     *     instead of 1/C
     */
    public record Options(ConsistencyConfig consistency, double momentum, double fairnessWeight, boolean calibrate) {
        public Options {
            if (consistency == null) {
                throw new MentorException(DESCRIPTOR.name() + ": the consistency options are missing");
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw MentorException.of("ema_momentum", "must be in [0, 1), got " + momentum);
            }
            if (!(fairnessWeight >= 0) || Double.isInfinite(fairnessWeight)) {
                throw MentorException.of("fairness_weight", "must be >= 0, got " + fairnessWeight);
            }
        }
    }

    /** FreeMatch training {@code learner}, its thresholds starting at 1/C. */
    public static ThresholdMatch create(Learner learner, Options options) {
        return create(learner, options, null);
    }

    /** @param startPass the start pass that seeds the thresholds ({@link ThresholdMatch#poolPass}), or null for 1/C */
    public static ThresholdMatch create(Learner learner, Options options, Supplier<float[]> startPass) {
        AdaptiveThresholds thresholds = new AdaptiveThresholds(learner.spec().classes(), options.momentum());
        return new ThresholdMatch(DESCRIPTOR.name(), learner, options.consistency(), thresholds,
                new ThresholdMatch.Fairness(thresholds, options.fairnessWeight()), startPass);
    }
}
