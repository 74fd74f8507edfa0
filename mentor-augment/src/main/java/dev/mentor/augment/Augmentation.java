package dev.mentor.augment;

import java.util.random.RandomGenerator;

/**
 * A random image transformation. All randomness comes from the generator passed in, so the same
 * generator state gives the same output whatever thread runs it; the input is never mutated.
 */
@FunctionalInterface
public interface Augmentation {
    /** Leaves images as they are. */
    Augmentation NONE = (image, random) -> image;

    Image apply(Image image, RandomGenerator random);

    /** This augmentation, then {@code next}. */
    default Augmentation andThen(Augmentation next) {
        return (image, random) -> next.apply(apply(image, random), random);
    }
}
