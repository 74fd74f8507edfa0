package dev.mentor.bench;

import java.util.Arrays;

/** Summary statistics of repeated measurements. */
public final class Stats {
    private Stats() {}

    /** The middle value (mean of the two middle values for an even count); NaN when empty. */
    public static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
