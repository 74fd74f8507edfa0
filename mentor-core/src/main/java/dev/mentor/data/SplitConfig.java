package dev.mentor.data;

import dev.mentor.MentorException;

/**
 * The semi-supervised protocol's split of a training set: a validation set of {@code
 * validationPerClass} images per class, then a labeled budget balanced over classes, then the rest as
 * the unlabeled pool.
 *
 * @param labels total labeled images, spread evenly over classes (the remainder goes to classes drawn
 *     by the seed); null when not given
 * @param labelsPerClass labeled images per class; null when not given. At most one of {@code labels}
 *     and {@code labelsPerClass}; with neither, every image outside the validation set is labeled
 * @param validationPerClass validation images carved from each class first; 0 for none
 * @param seed seeds every draw
 */
public record SplitConfig(Integer labels, Integer labelsPerClass, int validationPerClass, long seed) {
    public SplitConfig {
        if (labels != null && labelsPerClass != null) {
            throw MentorException.naming("{} " + labels + " and {} " + labelsPerClass + ": give one or the other, not both",
                    "labels", "labels_per_class");
        }
        if (labels != null && labels < 1) {
            throw MentorException.of("labels", labels + " is not a positive number of images");
        }
        if (labelsPerClass != null && labelsPerClass < 1) {
            throw MentorException.of("labels_per_class", labelsPerClass + " is not a positive number of images");
        }
        if (validationPerClass < 0) {
            throw MentorException.of("validation_per_class", validationPerClass + " is negative");
        }
    }

    /** Every training image labeled, no validation set. */
    public static SplitConfig allLabeled(long seed) {
        return new SplitConfig(null, null, 0, seed);
    }

    /** {@code labels} labeled images in total, balanced over classes. */
    public static SplitConfig ofLabels(int labels, int validationPerClass, long seed) {
        return new SplitConfig(labels, null, validationPerClass, seed);
    }

    /** {@code labelsPerClass} labeled images of each class. */
    public static SplitConfig ofLabelsPerClass(int labelsPerClass, int validationPerClass, long seed) {
        return new SplitConfig(null, labelsPerClass, validationPerClass, seed);
    }
}
