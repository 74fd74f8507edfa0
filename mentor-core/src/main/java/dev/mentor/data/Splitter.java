package dev.mentor.data;

import dev.mentor.MentorException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Cuts a labeled training set for semi-supervised training (the protocol of FixMatch, Sohn et al.
 * 2020): per class, a seeded shuffle; its first {@link #validationOf validation} images are validation,
 * the next ones up to the class's share of the labeled budget are labeled, the rest is the unlabeled pool
 * (its labels kept only for diagnostics). A class gives {@code validationPerClass} validation images, or a
 * fifth of its images when it has fewer than five times that: a user's folder with a class of 12 images
 * still trains (2 validate, 10 learn) rather than stopping on the default of 100. Each class draws from
 * its own generator split from {@code SplittableRandom(seed)}, so for one seed the validation set does
 * not depend on the budget and a larger budget's labeled set contains a smaller one's per-class draws.
 */
public final class Splitter {
    private Splitter() {
    }

    public static Split split(ImageSet train, SplitConfig config) {
        int[][] byClass = Stratified.byClass(train);
        List<String> names = train.classNames();
        SplittableRandom random = new SplittableRandom(config.seed());
        SplittableRandom classRandom = random.split();
        SplittableRandom remainderRandom = random.split();
        int[] validation = new int[byClass.length];
        int[] available = new int[byClass.length];
        for (int c = 0; c < byClass.length; c++) {
            validation[c] = validationOf(byClass[c].length, config.validationPerClass());
            available[c] = byClass[c].length - validation[c];
        }
        int[] take = labeledPerClass(config, available, names, remainderRandom);

        int n = train.size();
        int[] labeled = new int[IntStream.of(take).sum()];
        int[] validationSet = new int[IntStream.of(validation).sum()];
        int[] unlabeled = new int[n - labeled.length - validationSet.length];
        int l = 0;
        int v = 0;
        int u = 0;
        for (int c = 0; c < byClass.length; c++) {
            int[] order = Stratified.shuffled(byClass[c], classRandom.split());
            for (int i = 0; i < order.length; i++) {
                if (i < validation[c]) {
                    validationSet[v++] = order[i];
                } else if (i < validation[c] + take[c]) {
                    labeled[l++] = order[i];
                } else {
                    unlabeled[u++] = order[i];
                }
            }
        }
        Arrays.sort(labeled);
        Arrays.sort(unlabeled);
        Arrays.sort(validationSet);
        return new Split(labeled, unlabeled, validationSet);
    }

    /**
     * The validation images of a class of {@code size} images: {@code perClass}, or a fifth of the class
     * (rounded down) when that is smaller, so a small class keeps four fifths of its images to learn from.
     */
    public static int validationOf(int size, int perClass) {
        return Math.min(perClass, size / 5);
    }

    /** How many labeled images each class gives, checked against what it has left after validation. */
    private static int[] labeledPerClass(SplitConfig config, int[] available, List<String> names,
            SplittableRandom remainderRandom) {
        int classes = available.length;
        if (config.labels() == null && config.labelsPerClass() == null) {
            return available.clone();
        }
        int[] take = new int[classes];
        String component = config.labels() != null ? "labels" : "labels_per_class";
        int value = config.labels() != null ? config.labels() : config.labelsPerClass();
        if (config.labels() != null) {
            int total = IntStream.of(available).sum();
            if (value < classes) {
                throw MentorException.of("labels", value + " is smaller than the number of classes ("
                        + classes + ")");
            }
            if (value > total) {
                throw MentorException.of("labels", value + " is larger than the training set (" + total
                        + " images after the validation split)");
            }
            Arrays.fill(take, value / classes);
        } else {
            Arrays.fill(take, value);
        }
        for (int c = 0; c < classes; c++) {
            if (available[c] < take[c]) {
                throw shortage(component, value, take[c], names.get(c), available[c]);
            }
        }
        int remainder = config.labels() != null ? value % classes : 0;
        if (remainder > 0) {
            int[] roomy = IntStream.range(0, classes).filter(c -> available[c] > take[c]).toArray();
            if (roomy.length < remainder) {
                throw MentorException.of("labels", value + " needs " + (take[0] + 1) + " labeled images from "
                        + remainder + " classes, but only " + roomy.length + " classes have that many after the "
                        + "validation split");
            }
            int[] chosen = Stratified.shuffled(roomy, remainderRandom);
            for (int i = 0; i < remainder; i++) {
                take[chosen[i]]++;
            }
        }
        return take;
    }

    private static MentorException shortage(String component, int value, int needed, String className, int has) {
        return MentorException.of(component, value + " needs " + needed + " labeled images of class '"
                + className + "' but it has only " + has + " after the validation split");
    }
}
