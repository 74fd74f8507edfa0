package dev.mentor.method;

import dev.mentor.MentorException;
import dev.mentor.augment.AugmentPolicy;
import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Policies;
import dev.mentor.augment.WeakAugment;
import dev.mentor.train.Schedule;
import java.util.List;

/**
 * How a consistency method (FixMatch, UDA, the teacher of MPL) uses unlabeled images. Each step sees
 * μ·B unlabeled images in two views: the weak view (flip and a 12.5% reflect-padded crop) and the
 * strong view (by default the weak view, RandAugment(2, 10) and Cutout: the {@code strong} policy; {@code
 * --strong-augment} spells another).
 *
 * @param unlabeledRatio μ, unlabeled images per labeled image in a step
 * @param unlabeledLossWeight λ_u, the weight of the consistency loss
 * @param confidenceThreshold τ, the confidence a weak-view prediction needs to become a target
 * @param temperature T, the sharpening temperature of the targets; 0 for hard pseudo-labels
 * @param rampUpSteps steps over which the weight grows linearly to λ_u (UDA's {@code --uda-steps}), 0 for none
 * @param horizontalFlip whether the views flip images (off for classes that are not mirror-symmetric)
 * @param distributionAlignment whether the weak-view predictions are aligned to the labeled classes'
 *     distribution before they become targets ({@link DistributionAlignment})
 * @param strongAugment the strong view's policy, as {@link Policies} spells it; null for the one an earlier build's run
 *     used ({@link #legacyStrongAugment}: a method.json from before the option reads as null). It must not flip images
 *     when {@code horizontalFlip} is off.
 */
public record ConsistencyConfig(int unlabeledRatio, double unlabeledLossWeight, double confidenceThreshold,
        double temperature, long rampUpSteps, boolean horizontalFlip, boolean distributionAlignment, String strongAugment) {

    /** With the default strong view ({@link #defaultStrongAugment}). */
    public ConsistencyConfig(int unlabeledRatio, double unlabeledLossWeight, double confidenceThreshold, double temperature,
            long rampUpSteps, boolean horizontalFlip, boolean distributionAlignment) {
        this(unlabeledRatio, unlabeledLossWeight, confidenceThreshold, temperature, rampUpSteps, horizontalFlip,
                distributionAlignment, defaultStrongAugment(horizontalFlip));
    }

    /** The strong view a run gets when none is given: {@code strong}, or {@code strong:flip=false} without flips. */
    public static String defaultStrongAugment(boolean horizontalFlip) {
        return horizontalFlip ? "strong" : "strong:flip=false";
    }

    /**
     * The strong view of a run whose method.json predates {@code strong_augment}: what every build before the option
     * used. It stays as it is when the default moves, so such a run resumes as it began.
     */
    public static String legacyStrongAugment(boolean horizontalFlip) {
        return horizontalFlip ? "strong" : "strong:flip=false";
    }

    /** Without distribution alignment. */
    public ConsistencyConfig(int unlabeledRatio, double unlabeledLossWeight, double confidenceThreshold, double temperature,
            long rampUpSteps, boolean horizontalFlip) {
        this(unlabeledRatio, unlabeledLossWeight, confidenceThreshold, temperature, rampUpSteps, horizontalFlip, false);
    }

    public ConsistencyConfig {
        if (unlabeledRatio < 1) {
            throw MentorException.of("unlabeled_ratio", "must be >= 1, got " + unlabeledRatio);
        }
        if (!(unlabeledLossWeight >= 0) || Double.isInfinite(unlabeledLossWeight)) {
            throw MentorException.of("lambda_u", "must be >= 0, got " + unlabeledLossWeight);
        }
        if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
            throw MentorException.of("threshold", "must be in [0, 1], got " + confidenceThreshold);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw MentorException.of("temperature", "must be >= 0 (0 for hard pseudo-labels), got " + temperature);
        }
        if (rampUpSteps < 0) {
            throw MentorException.of("uda_steps", "must be >= 0, got " + rampUpSteps);
        }
        strongAugment = strongAugment != null ? strongAugment : legacyStrongAugment(horizontalFlip);
        AugmentPolicy strong;
        try {
            strong = AugmentPolicy.parse(strongAugment);
        } catch (IllegalArgumentException e) {
            throw MentorException.of("strong_augment", e.getMessage());
        }
        if (!horizontalFlip && strong.flips()) {
            throw MentorException.naming("{}: '" + strongAugment + "' mirrors images, but {} is given: add flip=false to it",
                    "strong_augment", "no_flip");
        }
    }

    /** FixMatch: hard pseudo-labels, a constant weight. */
    public static ConsistencyConfig fixMatch(int unlabeledRatio, double unlabeledLossWeight, double confidenceThreshold,
            boolean horizontalFlip) {
        return new ConsistencyConfig(unlabeledRatio, unlabeledLossWeight, confidenceThreshold, 0, 0, horizontalFlip);
    }

    /** This config with distribution alignment on or off. */
    public ConsistencyConfig withDistributionAlignment(boolean on) {
        return new ConsistencyConfig(unlabeledRatio, unlabeledLossWeight, confidenceThreshold, temperature, rampUpSteps,
                horizontalFlip, on, strongAugment);
    }

    /** This config with the strong view {@code spec} ({@link Policies}' spelling), or the default for null. */
    public ConsistencyConfig withStrongAugment(String spec) {
        return new ConsistencyConfig(unlabeledRatio, unlabeledLossWeight, confidenceThreshold, temperature, rampUpSteps,
                horizontalFlip, distributionAlignment, spec != null ? spec : defaultStrongAugment(horizontalFlip));
    }

    /** The consistency weight at a step: λ_u·min(1, (step + 1)/rampUpSteps). */
    public float unlabeledWeightAt(long step) {
        return (float) (unlabeledLossWeight * Schedule.linearRamp(step, rampUpSteps));
    }

    /** Unlabeled images per step for a labeled batch of {@code labeledBatchSize}. */
    public int unlabeledBatchSize(int labeledBatchSize) {
        return unlabeledRatio * labeledBatchSize;
    }

    /** The weak and the strong view, in that order, for images of the given width. */
    public List<Augmentation> views(int width) {
        return List.of(WeakAugment.standard(width, horizontalFlip), Policies.parse(strongAugment, width));
    }
}
