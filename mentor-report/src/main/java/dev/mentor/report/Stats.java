package dev.mentor.report;

import java.util.List;

/** Mean and sample standard deviation (n − 1 in the denominator, as in docs/RESULTS.md). */
public final class Stats {
    private Stats() {}

    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** NaN for fewer than two values. */
    public static double sampleStd(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (n - 1));
    }
}
