package dev.mentor.teacher;

import java.util.List;

/**
 * A teacher's predicted distribution for every image of an unlabeled pool, in pool order, with each
 * image's id (its index in the training set, or its path under the pool folder). The hard label is
 * the most probable class (the lowest index on ties), the confidence its probability and the entropy
 * {@code −Σ p log p} in nats.
 *
 * @param ids one id per image
 * @param probabilities row-major {@code size × classes} distributions
 * @param classes number of classes
 */
public record PseudoLabels(List<String> ids, float[] probabilities, int classes) {
    /** A distribution may miss 1 by this much (float rounding of a softmax). */
    public static final double SUM_TOLERANCE = 1e-3;

    public PseudoLabels {
        ids = List.copyOf(ids);
        if (classes < 2) {
            throw new IllegalArgumentException("pseudo-labels need at least 2 classes, got " + classes);
        }
        if (probabilities.length != (long) ids.size() * classes) {
            throw new IllegalArgumentException("expected " + (long) ids.size() * classes + " probabilities for "
                    + ids.size() + " images of " + classes + " classes, got " + probabilities.length);
        }
        probabilities = probabilities.clone();
        for (int i = 0; i < ids.size(); i++) {
            String problem = problem(probabilities, i * classes, classes);
            if (problem != null) {
                throw new IllegalArgumentException("image " + ids.get(i) + ": " + problem);
            }
        }
    }

    /** Why a row is not a distribution, or null when it is one. */
    static String problem(float[] p, int offset, int classes) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float v = p[offset + c];
            if (!(v >= 0 && v <= 1)) {
                return "probability of class " + c + " is " + v + ", not in [0, 1]";
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            return "probabilities sum to " + sum + ", not 1";
        }
        return null;
    }

    /**
     * The mean distribution of {@code members}, image by image: an ensemble's prediction. They must label the same images
     * (the same ids, in order) over the same classes; one member is returned as it is.
     */
    public static PseudoLabels mean(List<PseudoLabels> members) {
        if (members.size() == 1) {
            return members.get(0);
        }
        Sum sum = new Sum(members.get(0));
        members.subList(1, members.size()).forEach(sum::add);
        return sum.mean();
    }

    /** A running sum of an ensemble's distributions: its {@link #mean} without holding every member at once. */
    public static final class Sum {
        private final PseudoLabels first;
        private final double[] sum;
        private int count;

        public Sum(PseudoLabels first) {
            this.first = first;
            this.sum = new double[first.probabilities.length];
            add(first);
        }

        /** Adds a member, which must label {@code first}'s images over its classes. */
        public void add(PseudoLabels member) {
            if (member.classes != first.classes || !member.ids.equals(first.ids)) {
                throw new IllegalArgumentException("an ensemble's members label other images or classes: " + member.size()
                        + " images of " + member.classes + " classes against " + first.size() + " of " + first.classes);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += member.probabilities[i];
            }
            count++;
        }

        /** The mean of the members added. */
        public PseudoLabels mean() {
            float[] mean = new float[sum.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) (sum[i] / count);
            }
            return new PseudoLabels(first.ids, mean, first.classes);
        }
    }

    /** The share of images whose hard label is {@code truth}'s (one true class per image, in order). */
    public double accuracy(int[] truth) {
        if (truth.length != size()) {
            throw new IllegalArgumentException(truth.length + " true labels for " + size() + " images");
        }
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (label(i) == truth[i]) {
                right++;
            }
        }
        return truth.length == 0 ? Double.NaN : (double) right / truth.length;
    }

    public int size() {
        return ids.size();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** Probability of class {@code c} for image {@code i}. */
    public float probability(int i, int c) {
        return probabilities[i * classes + c];
    }

    /** Copies image {@code i}'s distribution into {@code out} at {@code offset}. */
    public void copyRow(int i, float[] out, int offset) {
        System.arraycopy(probabilities, i * classes, out, offset, classes);
    }

    /** The most probable class of image {@code i}. */
    public int label(int i) {
        int base = i * classes;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (probabilities[base + c] > probabilities[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The probability of the hard label. */
    public float confidence(int i) {
        return probabilities[i * classes + label(i)];
    }

    /** Entropy of image {@code i}'s distribution in nats. */
    public float entropy(int i) {
        return entropy(probabilities, i * classes, classes);
    }

    static float entropy(float[] p, int offset, int classes) {
        double h = 0;
        for (int c = 0; c < classes; c++) {
            double v = p[offset + c];
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return (float) h;
    }
}
