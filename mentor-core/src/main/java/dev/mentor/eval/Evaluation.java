package dev.mentor.eval;

/**
 * Metrics of predicted class distributions against true labels.
 *
 * @param count images evaluated
 * @param top1 fraction whose most probable class is the label
 * @param top5 fraction whose label is among the five most probable (all classes when fewer than 5)
 * @param perClass accuracy per true class (NaN for a class with no images)
 * @param confusion counts, row = true class, column = predicted class
 * @param nll mean negative log-probability of the true class
 * @param ece expected calibration error over 15 equal-width confidence bins (Guo et al., 2017)
 */
public record Evaluation(int count, double top1, double top5, double[] perClass, long[][] confusion, double nll, double ece) {
    /**
     * Whether a model with this top-1 accuracy on a balanced split of {@code classes} classes has learned
     * something: at least twice chance. The collapse guard and the suite's warm start both ask.
     */
    public static boolean learned(double top1, int classes) {
        return classes > 0 && top1 >= 2.0 / classes;
    }

    public static final int CALIBRATION_BINS = 15;

    /**
     * Computes every metric.
     *
     * @param probabilities row-major {@code count × classes} distributions
     * @param labels true class per row
     */
    public static Evaluation of(float[] probabilities, int[] labels, int classes) {
        int n = labels.length;
        if (probabilities.length != (long) n * classes) {
            throw new IllegalArgumentException("expected " + n * classes + " probabilities, got " + probabilities.length);
        }
        long[][] confusion = new long[classes][classes];
        int correct = 0;
        int inTop5 = 0;
        double nll = 0;
        double[] binConfidence = new double[CALIBRATION_BINS];
        double[] binCorrect = new double[CALIBRATION_BINS];
        int[] binCount = new int[CALIBRATION_BINS];
        int k = Math.min(5, classes);
        for (int i = 0; i < n; i++) {
            int base = i * classes;
            int label = labels[i];
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[base + c] > probabilities[base + best]) {
                    best = c;
                }
            }
            float pLabel = probabilities[base + label];
            int higher = 0;
            for (int c = 0; c < classes; c++) {
                if (probabilities[base + c] > pLabel) {
                    higher++;
                }
            }
            confusion[label][best]++;
            boolean hit = best == label;
            correct += hit ? 1 : 0;
            inTop5 += higher < k ? 1 : 0;
            nll -= Math.log(Math.max(pLabel, 1e-12));
            double confidence = probabilities[base + best];
            int bin = Math.min(CALIBRATION_BINS - 1, (int) Math.ceil(confidence * CALIBRATION_BINS) - 1);
            bin = Math.max(bin, 0);
            binConfidence[bin] += confidence;
            binCorrect[bin] += hit ? 1 : 0;
            binCount[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            long total = 0;
            for (long v : confusion[c]) {
                total += v;
            }
            perClass[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return new Evaluation(n, n == 0 ? Double.NaN : (double) correct / n, n == 0 ? Double.NaN : (double) inTop5 / n,
                perClass, confusion, n == 0 ? Double.NaN : nll / n, ece);
    }
}
