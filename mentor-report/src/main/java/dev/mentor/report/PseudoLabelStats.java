package dev.mentor.report;

import java.util.List;

/**
 * A round's pseudo-labels as its {@code report.json} describes them (written by {@code PseudoLabelReport}):
 * how many images fell in each confidence bin and, when the pool's true labels were known, how many of
 * them were right.
 *
 * @param round the student round the labels were made for
 * @param images images labeled
 * @param accuracy fraction of correct pseudo-labels, or null when unknown
 * @param meanConfidence mean confidence, or null for no images
 * @param bins the confidence histogram, low to high
 */
public record PseudoLabelStats(int round, int images, Double accuracy, Double meanConfidence, List<Bin> bins) {
    public PseudoLabelStats {
        bins = List.copyOf(bins);
    }

    /**
     * One confidence bin, [from, to).
     *
     * @param meanConfidence null for an empty bin
     * @param accuracy null for an empty bin or unknown true labels
     */
    public record Bin(double from, double to, int images, Double meanConfidence, Double accuracy) {
        public String label() {
            return String.format("%.2f-%.2f", from, to);
        }
    }
}
