package dev.mentor.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.io.RecordFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a set of pseudo-labels looks like, the {@code report.json} of a pseudo-label artifact: how many
 * images each class received, how confident they are, and — when the pool's true labels are known (the
 * default split keeps them for diagnostics) — how often they are right: overall, per class (precision and
 * recall), per confidence bin (accuracy against mean confidence: calibration, with the expected calibration
 * error over these bins) and above each of a few confidence thresholds (what {@code --min-confidence} would
 * keep). Fractions are in [0, 1]; a value that cannot be measured (no images, or unknown true labels) is null.
 *
 * @param images pseudo-labels measured
 * @param trueLabelsKnown whether the pool's true labels were known, so accuracies could be measured
 * @param accuracy fraction of pseudo-labels equal to the true label
 * @param classHistogram one row per class, in label order
 * @param confidenceHistogram one row per bin of {@link #BIN_EDGES}, low to high
 * @param ece the expected calibration error over the bins, null without true labels or images
 * @param thresholds coverage and accuracy above each of {@link #THRESHOLDS}, null without true labels or images
 * @param labelingSeconds how long the teacher took to label the pool, null when not measured
 */
public record PseudoLabelReport(int images, int classes, boolean trueLabelsKnown, Double meanConfidence, Double meanEntropy,
        Double accuracy, List<ClassRow> classHistogram, List<Bin> confidenceHistogram, Double ece, List<Threshold> thresholds,
        Double labelingSeconds) {

    /**
     * {@code report.json}: version 1. An earlier build's was a snake_case map without format and version, whose
     * class rows named their class {@code class} (now {@code class_name}) and which left out the keys it could not
     * measure (they read as null).
     */
    public static final RecordFormat FILE = RecordFormat.lenient("pseudo-label-report", 1, RecordFormat.Legacy.SNAKE_CASE)
            .upgradingLegacy(PseudoLabelReport::renameClassKeys);

    /** Confidence bin edges: tenths, with the confident end split finer, where most labels are. */
    public static final double[] BIN_EDGES = {0, .1, .2, .3, .4, .5, .6, .7, .8, .9, .95, .99, 1};
    /** Thresholds whose coverage and accuracy are reported. */
    public static final double[] THRESHOLDS = {0, .3, .5, .7, .8, .9, .95, .99};

    /**
     * One class: the images it received and, with true labels, how many it truly has and precision and recall.
     *
     * @param trueImages null, as precision and recall, without true labels
     */
    public record ClassRow(String className, int images, double fraction, Double meanConfidence, Integer trueImages, Double precision,
            Double recall) {}

    /**
     * One confidence bin, [from, to) (the last one closed).
     *
     * @param accuracy null for an empty bin or unknown true labels
     * @param overconfidence mean confidence minus accuracy, null where accuracy is
     */
    public record Bin(double from, double to, int images, double fraction, Double meanConfidence, Double accuracy, Double overconfidence) {}

    /** The labels a {@code --min-confidence} of {@code minConfidence} keeps, and how many are right (null when none is kept). */
    public record Threshold(double minConfidence, int kept, double fraction, Double accuracy) {}

    public PseudoLabelReport {
        classHistogram = classHistogram == null ? List.of() : List.copyOf(classHistogram);
        confidenceHistogram = confidenceHistogram == null ? List.of() : List.copyOf(confidenceHistogram);
        thresholds = thresholds == null ? null : List.copyOf(thresholds);
    }

    /**
     * The report of {@code labels}.
     *
     * @param trueLabels each pool image's true class, or null when unknown
     */
    public static PseudoLabelReport of(PseudoLabels labels, int[] trueLabels, List<String> classNames) {
        if (trueLabels != null && trueLabels.length != labels.size()) {
            throw new IllegalArgumentException(trueLabels.length + " true labels for " + labels.size() + " pseudo-labels");
        }
        boolean known = trueLabels != null;
        int n = labels.size();
        int classes = labels.classes();
        double confidenceSum = 0;
        double entropySum = 0;
        int[] perClass = new int[classes];
        double[] perClassConfidence = new double[classes];
        int[] binCount = new int[BIN_EDGES.length - 1];
        double[] binConfidence = new double[binCount.length];
        int[] binCorrect = new int[binCount.length];
        int[] truePerClass = new int[classes];
        int[] rightPerClass = new int[classes];
        for (int i = 0; i < n; i++) {
            int label = labels.label(i);
            float confidence = labels.confidence(i);
            confidenceSum += confidence;
            entropySum += labels.entropy(i);
            perClass[label]++;
            perClassConfidence[label] += confidence;
            int b = bin(confidence);
            binCount[b]++;
            binConfidence[b] += confidence;
            if (known) {
                truePerClass[trueLabels[i]]++;
                if (label == trueLabels[i]) {
                    binCorrect[b]++;
                    rightPerClass[label]++;
                }
            }
        }
        List<ClassRow> histogram = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            histogram.add(new ClassRow(classNames.get(c), perClass[c], n == 0 ? 0 : (double) perClass[c] / n,
                    perClass[c] == 0 ? null : perClassConfidence[c] / perClass[c], known ? truePerClass[c] : null,
                    known && perClass[c] > 0 ? (double) rightPerClass[c] / perClass[c] : null,
                    known && truePerClass[c] > 0 ? (double) rightPerClass[c] / truePerClass[c] : null));
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount.length; b++) {
            Double gap = null;
            if (known && binCount[b] > 0) {
                gap = (binConfidence[b] - binCorrect[b]) / binCount[b];
                ece += Math.abs(gap) * binCount[b] / n;
            }
            bins.add(new Bin(BIN_EDGES[b], BIN_EDGES[b + 1], binCount[b], n == 0 ? 0 : (double) binCount[b] / n,
                    binCount[b] == 0 ? null : binConfidence[b] / binCount[b],
                    known && binCount[b] > 0 ? (double) binCorrect[b] / binCount[b] : null, gap));
        }
        boolean measured = known && n > 0;
        return new PseudoLabelReport(n, classes, known, n == 0 ? null : confidenceSum / n, n == 0 ? null : entropySum / n,
                measured ? accuracy(labels, null, trueLabels) : null, histogram, bins, measured ? ece : null,
                measured ? thresholds(labels, trueLabels) : null, null);
    }

    /** This report with the time the teacher took to label the pool. */
    public PseudoLabelReport withLabelingSeconds(double seconds) {
        return new PseudoLabelReport(images, classes, trueLabelsKnown, meanConfidence, meanEntropy, accuracy, classHistogram,
                confidenceHistogram, ece, thresholds, seconds);
    }

    public void write(Path file) {
        FILE.write(file, this);
    }

    /** The report in {@code file}, of this build or an earlier one; one without a confidence histogram is a one-line error naming it. */
    public static PseudoLabelReport read(Path file) {
        PseudoLabelReport report = FILE.read(file, PseudoLabelReport.class);
        if (report.confidenceHistogram().isEmpty()) {
            throw new MentorException(file + ": not a pseudo-label report (no confidence_histogram)");
        }
        return report;
    }

    /** The bin of a confidence; edges are compared as floats, so a confidence of 0.95f is in [0.95, 0.99). */
    static int bin(float confidence) {
        for (int b = 1; b < BIN_EDGES.length - 1; b++) {
            if (confidence < (float) BIN_EDGES[b]) {
                return b - 1;
            }
        }
        return BIN_EDGES.length - 2;
    }

    /**
     * Fraction of correct labels among the images at {@code positions} (copies counted; all images when
     * null); NaN without true labels or images.
     */
    public static double accuracy(PseudoLabels labels, int[] positions, int[] trueLabels) {
        if (trueLabels == null) {
            return Double.NaN;
        }
        int n = positions == null ? labels.size() : positions.length;
        int right = 0;
        for (int j = 0; j < n; j++) {
            int i = positions == null ? j : positions[j];
            right += labels.label(i) == trueLabels[i] ? 1 : 0;
        }
        return n == 0 ? Double.NaN : (double) right / n;
    }

    private static List<Threshold> thresholds(PseudoLabels labels, int[] trueLabels) {
        List<Threshold> rows = new ArrayList<>();
        for (double t : THRESHOLDS) {
            int kept = 0;
            int right = 0;
            for (int i = 0; i < labels.size(); i++) {
                if (labels.confidence(i) >= (float) t) {
                    kept++;
                    right += labels.label(i) == trueLabels[i] ? 1 : 0;
                }
            }
            rows.add(new Threshold(t, kept, (double) kept / labels.size(), kept == 0 ? null : (double) right / kept));
        }
        return rows;
    }

    /** The report as aligned text tables, for {@code report.txt} and the console. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%d pseudo-labels, %d classes; mean confidence %s, mean entropy %s nats%n",
                images, classes, number(meanConfidence, 3), number(meanEntropy, 3)));
        if (trueLabelsKnown) {
            s.append(String.format("accuracy against the pool's true labels: %s   ECE %s%n", percent(accuracy), number(ece, 4)));
        } else {
            s.append("the pool's true labels are unknown: no accuracy\n");
        }
        s.append(String.format("%nclass histogram%n%-20s %8s %7s %9s", "class", "images", "share", "mean conf"));
        s.append(trueLabelsKnown ? String.format(" %9s %7s%n", "precision", "recall") : "\n");
        for (ClassRow row : classHistogram) {
            s.append(String.format("%-20s %8d %7s %9s", row.className(), row.images(), percent(row.fraction()),
                    number(row.meanConfidence(), 3)));
            s.append(trueLabelsKnown ? String.format(" %9s %7s%n", percent(row.precision()), percent(row.recall())) : "\n");
        }
        s.append(String.format("%nconfidence histogram%n%-12s %8s %7s %9s", "confidence", "images", "share", "mean conf"));
        s.append(trueLabelsKnown ? String.format(" %8s %9s%n", "accuracy", "overconf.") : "\n");
        for (Bin row : confidenceHistogram) {
            s.append(String.format("[%.2f, %.2f%s %8d %7s %9s", row.from(), row.to(), row.to() == 1 ? "]" : ")", row.images(),
                    percent(row.fraction()), number(row.meanConfidence(), 3)));
            s.append(trueLabelsKnown ? String.format(" %8s %9s%n", percent(row.accuracy()), number(row.overconfidence(), 3)) : "\n");
        }
        if (trueLabelsKnown && thresholds != null) {
            s.append(String.format("%n%-15s %8s %7s %8s%n", "min confidence", "kept", "share", "accuracy"));
            for (Threshold row : thresholds) {
                s.append(String.format("%-15.2f %8d %7s %8s%n", row.minConfidence(), row.kept(), percent(row.fraction()),
                        percent(row.accuracy())));
            }
        }
        return s.toString();
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format("%.2f%%", 100 * value);
    }

    private static String number(Double value, int digits) {
        return value == null ? "-" : String.format("%." + digits + "f", value);
    }

    /** An earlier build's class rows, {@code class} renamed {@code class_name}. */
    private static ObjectNode renameClassKeys(ObjectNode legacy) {
        JsonNode rows = legacy.get("class_histogram");
        if (rows != null && rows.isArray()) {
            for (JsonNode row : rows) {
                if (row instanceof ObjectNode object && object.has("class")) {
                    object.set("class_name", object.remove("class"));
                }
            }
        }
        return legacy;
    }
}
