package dev.mentor.report;

import dev.mentor.method.Supervised;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs grouped by method and labeled budget: test accuracy as mean ± sample standard deviation over the
 * group's runs (seeds), mean wall time and mean training images per second. Rows keep the order in which
 * methods first appear; within a method, label budgets ascend.
 */
public final class ResultsTable {
    /** The method every other is compared with. */
    public static final String BASELINE = Supervised.DESCRIPTOR.name();
    private final List<Row> rows;

    private ResultsTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * One group.
     *
     * @param labels labeled images, or null when the runs do not say
     * @param accuracies every run's test accuracy, in [0, 1]
     * @param runs the runs' folder names
     */
    public record Row(String method, String model, Integer labels, List<Double> accuracies, double meanSeconds,
            Double meanImagesPerSecond, List<String> runs) {
        public Row {
            accuracies = List.copyOf(accuracies);
            runs = List.copyOf(runs);
        }

        /** Mean test accuracy, NaN without any. */
        public double mean() {
            return Stats.mean(accuracies);
        }

        /** Sample standard deviation of the test accuracy, NaN for fewer than two runs. */
        public double std() {
            return Stats.sampleStd(accuracies);
        }
    }

    public static ResultsTable of(List<RunSummary> runs) {
        Map<String, Map<Integer, List<RunSummary>>> groups = new LinkedHashMap<>();
        for (RunSummary run : runs) {
            groups.computeIfAbsent(run.method() + "\u0000" + run.model(), m -> new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder())))
                    .computeIfAbsent(run.labels(), l -> new ArrayList<>()).add(run);
        }
        List<Row> rows = new ArrayList<>();
        groups.values().forEach(byLabels -> byLabels.forEach((labels, group) -> rows.add(row(labels, group))));
        return new ResultsTable(rows);
    }

    private static Row row(Integer labels, List<RunSummary> group) {
        List<Double> accuracies = group.stream().map(RunSummary::testAccuracy).filter(Objects::nonNull).toList();
        List<Double> rates = group.stream().map(RunSummary::imagesPerSecond).filter(Objects::nonNull).toList();
        return new Row(group.get(0).method(), group.get(0).model(), labels, accuracies,
                group.stream().mapToDouble(RunSummary::wallSeconds).average().orElse(Double.NaN),
                rates.isEmpty() ? null : Stats.mean(rates), group.stream().map(RunSummary::name).toList());
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row of a method at a label budget, or null. */
    public Row find(String method, Integer labels) {
        return rows.stream().filter(r -> r.method().equals(method) && Objects.equals(r.labels(), labels)).findFirst().orElse(null);
    }

    /**
     * The gain of a row's mean test accuracy over the supervised baseline's (same model and label budget),
     * in [0, 1] units; NaN without such a baseline or for the baseline itself.
     */
    public double gain(Row r) {
        Row baseline = rows.stream().filter(b -> b.method().equals(BASELINE) && b.model().equals(r.model())
                && Objects.equals(b.labels(), r.labels()) && !b.accuracies().isEmpty()).findFirst().orElse(null);
        return baseline == null || baseline == r || r.accuracies().isEmpty() ? Double.NaN : r.mean() - baseline.mean();
    }

    /**
     * A Markdown table: method, model, labels, runs, test accuracy (mean ± std, in %), gain over the
     * supervised baseline (percentage points), wall time, images/s.
     */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder();
        s.append("| method | model | labels | runs | test accuracy (%) | vs supervised (pts) | wall time (s) | train img/s |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append(String.format("| %s | %s | %s | %d | %s | %s | %.0f | %s |%n", r.method(), r.model(), labels(r.labels()),
                    r.runs().size(), accuracy(r), points(gain(r)), r.meanSeconds(), r.meanImagesPerSecond() == null ? "—"
                            : String.format("%.0f", r.meanImagesPerSecond())));
        }
        return s.toString();
    }

    /** A gain in percentage points with its sign, "—" for NaN. */
    public static String points(double gain) {
        return Double.isNaN(gain) ? "—" : String.format("%+.2f", 100 * gain);
    }

    /**
     * A row as a suite's {@code results.json} records it: accuracies in [0, 1]; a statistic that is not
     * defined (the std of a single run, the gain without a baseline) is null.
     */
    public record Entry(String method, String model, Integer labels, List<String> runs, List<Double> testAccuracies,
            Double testAccuracyMean, Double testAccuracyStd, Double gainOverSupervised, Double wallSecondsMean,
            Double trainImagesPerSecondMean) {}

    /** The rows as {@link Entry}s, for {@code results.json}. */
    public List<Entry> entries() {
        return rows.stream().map(r -> new Entry(r.method(), r.model(), r.labels(), r.runs(), r.accuracies(), finite(r.mean()),
                finite(r.std()), finite(gain(r)), finite(r.meanSeconds()), r.meanImagesPerSecond())).toList();
    }

    /** "83.53 ± 0.30" in percent; the std is left out for a single run. */
    public static String accuracy(Row r) {
        if (r.accuracies().isEmpty()) {
            return "—";
        }
        return r.accuracies().size() < 2 ? String.format("%.2f", 100 * r.mean())
                : String.format("%.2f ± %.2f", 100 * r.mean(), 100 * r.std());
    }

    public static String labels(Integer labels) {
        return labels == null ? "?" : String.format("%,d", labels);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
