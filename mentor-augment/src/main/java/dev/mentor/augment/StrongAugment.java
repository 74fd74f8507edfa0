package dev.mentor.augment;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The strong view of FixMatch (Sohn et al., 2020), also UDA's and Meta Pseudo Labels': the weak view
 * (flip and pad-crop), then RandAugment, then Cutout. FixMatch's reference code draws each op's
 * magnitude at random and applies it with probability 0.5; {@code Policies} defaults to torchvision's
 * fixed-magnitude RandAugment(2, 10) and exposes {@code mstd} and {@code p} for that variant.
 */
public record StrongAugment(WeakAugment weak, RandAugment randAugment, Cutout cutout) implements Augmentation {
    public StrongAugment {
        Objects.requireNonNull(weak, "weak");
        Objects.requireNonNull(randAugment, "randAugment");
        Objects.requireNonNull(cutout, "cutout");
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        return cutout.apply(randAugment.apply(weak.apply(image, random), random), random);
    }
}
