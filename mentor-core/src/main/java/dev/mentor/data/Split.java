package dev.mentor.data;

import java.util.Arrays;

/**
 * A training set cut in three by {@link Splitter}: indices of the labeled images, of the unlabeled
 * pool and of the validation images, each ascending; together they cover the set once. The arrays
 * are copied in and out, so a split never changes.
 */
public record Split(int[] labeled, int[] unlabeled, int[] validation) {
    public Split {
        labeled = labeled.clone();
        unlabeled = unlabeled.clone();
        validation = validation.clone();
    }

    @Override
    public int[] labeled() {
        return labeled.clone();
    }

    @Override
    public int[] unlabeled() {
        return unlabeled.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    /** The labeled images of {@code train}, with their labels. */
    public Subset labeledSet(ImageSet train) {
        return new Subset(train, labeled);
    }

    /**
     * The unlabeled pool of {@code train}, reporting {@link ImageSet#UNLABELED} for every image; the
     * true labels stay in {@code train} for diagnostics.
     */
    public ImageSet unlabeledSet(ImageSet train) {
        return ImageSets.withoutLabels(new Subset(train, unlabeled));
    }

    /** The validation images of {@code train}, with their labels. */
    public Subset validationSet(ImageSet train) {
        return new Subset(train, validation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split other && Arrays.equals(labeled, other.labeled)
                && Arrays.equals(unlabeled, other.unlabeled) && Arrays.equals(validation, other.validation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(labeled) + Arrays.hashCode(unlabeled)) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "Split[labeled=" + labeled.length + ", unlabeled=" + unlabeled.length + ", validation="
                + validation.length + "]";
    }
}
