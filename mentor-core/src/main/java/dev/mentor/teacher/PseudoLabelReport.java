package dev.mentor.teacher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of pseudo-labels looks like: how many images each class received, how confident they
 * are, and — when the pool's true labels are known (the default split keeps them for diagnostics) —
 * how often they are right: overall, per class (precision and recall), per confidence bin (accuracy
 * against mean confidence: calibration, with the expected calibration error over these bins) and
 * above each of a few confidence thresholds (what {@code --min-confidence} would keep).
 */
public final class PseudoLabelReport {
    /** Confidence bin edges: tenths, with the confident end split finer, where most labels are. */
    public static final double[] BIN_EDGES = {0, .1, .2, .3, .4, .5, .6, .7, .8, .9, .95, .99, 1};
    /** Thresholds whose coverage and accuracy are reported. */
    public static final double[] THRESHOLDS = {0, .3, .5, .7, .8, .9, .95, .99};

    private final PseudoLabels labels;
    private final int[] truth;
    private final List<String> classNames;

    /**
     * @param trueLabels each pool image's true class, or null when unknown
     */
    public PseudoLabelReport(PseudoLabels labels, int[] trueLabels, List<String> classNames) {
        if (trueLabels != null && trueLabels.length != labels.size()) {
            throw new IllegalArgumentException(trueLabels.length + " true labels for " + labels.size() + " pseudo-labels");
        }
        this.labels = labels;
        this.truth = trueLabels == null ? null : trueLabels.clone();
        this.classNames = List.copyOf(classNames);
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

    private boolean correct(int i) {
        return labels.label(i) == truth[i];
    }

    /** Fraction of pseudo-labels equal to the true label; NaN when unknown or empty. */
    public double accuracy() {
        return accuracy(labels, null, truth);
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

    /** The whole report as nested maps and lists, for {@code report.json}. */
    public Map<String, Object> toMap() {
        int n = labels.size();
        int classes = labels.classes();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", n);
        m.put("classes", classes);
        m.put("true_labels_known", truth != null);
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
            if (truth != null) {
                truePerClass[truth[i]]++;
                if (correct(i)) {
                    binCorrect[b]++;
                    rightPerClass[label]++;
                }
            }
        }
        m.put("mean_confidence", n == 0 ? null : confidenceSum / n);
        m.put("mean_entropy", n == 0 ? null : entropySum / n);
        m.put("accuracy", truth == null || n == 0 ? null : accuracy());
        List<Map<String, Object>> histogram = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", classNames.get(c));
            row.put("images", perClass[c]);
            row.put("fraction", n == 0 ? 0 : (double) perClass[c] / n);
            row.put("mean_confidence", perClass[c] == 0 ? null : perClassConfidence[c] / perClass[c]);
            if (truth != null) {
                row.put("true_images", truePerClass[c]);
                row.put("precision", perClass[c] == 0 ? null : (double) rightPerClass[c] / perClass[c]);
                row.put("recall", truePerClass[c] == 0 ? null : (double) rightPerClass[c] / truePerClass[c]);
            }
            histogram.add(row);
        }
        m.put("class_histogram", histogram);
        List<Map<String, Object>> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount.length; b++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", BIN_EDGES[b]);
            row.put("to", BIN_EDGES[b + 1]);
            row.put("images", binCount[b]);
            row.put("fraction", n == 0 ? 0 : (double) binCount[b] / n);
            row.put("mean_confidence", binCount[b] == 0 ? null : binConfidence[b] / binCount[b]);
            if (truth != null) {
                row.put("accuracy", binCount[b] == 0 ? null : (double) binCorrect[b] / binCount[b]);
                if (binCount[b] > 0) {
                    double gap = (binConfidence[b] - binCorrect[b]) / binCount[b];
                    row.put("overconfidence", gap);
                    ece += Math.abs(gap) * binCount[b] / n;
                }
            }
            bins.add(row);
        }
        m.put("confidence_histogram", bins);
        if (truth != null && n > 0) {
            m.put("ece", ece);
            m.put("thresholds", thresholds());
        }
        return m;
    }

    private List<Map<String, Object>> thresholds() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double t : THRESHOLDS) {
            int kept = 0;
            int right = 0;
            for (int i = 0; i < labels.size(); i++) {
                if (labels.confidence(i) >= (float) t) {
                    kept++;
                    right += correct(i) ? 1 : 0;
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("min_confidence", t);
            row.put("kept", kept);
            row.put("fraction", (double) kept / labels.size());
            row.put("accuracy", kept == 0 ? null : (double) right / kept);
            rows.add(row);
        }
        return rows;
    }

    /** The report as aligned text tables, for {@code report.txt} and the console. */
    @SuppressWarnings("unchecked")
    public String toText() {
        Map<String, Object> m = toMap();
        boolean known = truth != null;
        StringBuilder s = new StringBuilder();
        s.append(String.format("%d pseudo-labels, %d classes; mean confidence %s, mean entropy %s nats%n",
                labels.size(), labels.classes(), number(m.get("mean_confidence"), 3), number(m.get("mean_entropy"), 3)));
        if (known) {
            s.append(String.format("accuracy against the pool's true labels: %s   ECE %s%n",
                    percent(m.get("accuracy")), number(m.get("ece"), 4)));
        } else {
            s.append("the pool's true labels are unknown: no accuracy\n");
        }
        s.append(String.format("%nclass histogram%n%-20s %8s %7s %9s", "class", "images", "share", "mean conf"));
        s.append(known ? String.format(" %9s %7s%n", "precision", "recall") : "\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) m.get("class_histogram")) {
            s.append(String.format("%-20s %8d %7s %9s", row.get("class"), row.get("images"), percent(row.get("fraction")),
                    number(row.get("mean_confidence"), 3)));
            s.append(known ? String.format(" %9s %7s%n", percent(row.get("precision")), percent(row.get("recall"))) : "\n");
        }
        s.append(String.format("%nconfidence histogram%n%-12s %8s %7s %9s", "confidence", "images", "share", "mean conf"));
        s.append(known ? String.format(" %8s %9s%n", "accuracy", "overconf.") : "\n");
        for (Map<String, Object> row : (List<Map<String, Object>>) m.get("confidence_histogram")) {
            s.append(String.format("[%.2f, %.2f%s %8d %7s %9s", (double) row.get("from"), (double) row.get("to"),
                    (double) row.get("to") == 1 ? "]" : ")", row.get("images"), percent(row.get("fraction")),
                    number(row.get("mean_confidence"), 3)));
            s.append(known ? String.format(" %8s %9s%n", percent(row.get("accuracy")), number(row.get("overconfidence"), 3)) : "\n");
        }
        if (known && m.containsKey("thresholds")) {
            s.append(String.format("%n%-15s %8s %7s %8s%n", "min confidence", "kept", "share", "accuracy"));
            for (Map<String, Object> row : (List<Map<String, Object>>) m.get("thresholds")) {
                s.append(String.format("%-15.2f %8d %7s %8s%n", (double) row.get("min_confidence"), row.get("kept"),
                        percent(row.get("fraction")), percent(row.get("accuracy"))));
            }
        }
        return s.toString();
    }

    private static String percent(Object value) {
        return value == null ? "-" : String.format("%.2f%%", 100 * ((Number) value).doubleValue());
    }

    private static String number(Object value, int digits) {
        return value == null ? "-" : String.format("%." + digits + "f", ((Number) value).doubleValue());
    }
}
