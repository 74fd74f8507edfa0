package dev.mentor.teacher;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses Noisy Student's confidence threshold on the validation split ({@code --min-confidence auto}): the
 * teacher labels the validation images, whose true labels are known, and each threshold t of a grid keeps
 * the share {@code coverage(t)} of them, of which {@code precision(t)} are right. Kept pseudo-labels help
 * the student when right and hurt when wrong, so the threshold chosen maximises the expected net count of
 * right over wrong labels it lets through, {@code coverage(t) · (2·precision(t) − 1)}: a strong teacher keeps
 * nearly everything, a weak one only what it is sure of. Ties go to the lower threshold (more data). The
 * whole grid is returned for the round's record.
 */
public final class ThresholdChoice {
    /** The thresholds tried. */
    public static final double[] GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /** One threshold's outcome on the validation split; precision is NaN when it keeps nothing. */
    public record Point(double threshold, double coverage, double precision, double score) {}

    /** The chosen point and every point of the grid. */
    public record Result(Point chosen, List<Point> grid) {
        /** The chosen threshold. */
        public double threshold() {
            return chosen.threshold();
        }
    }

    private ThresholdChoice() {}

    /**
     * @param labels the teacher's distributions on the validation images
     * @param truth their true classes, in the same order
     */
    public static Result choose(PseudoLabels labels, int[] truth) {
        if (truth.length != labels.size() || truth.length == 0) {
            throw new IllegalArgumentException("need one true label per validation image, got " + truth.length + " for " + labels.size());
        }
        List<Point> grid = new ArrayList<>();
        Point best = null;
        for (double t : GRID) {
            int kept = 0;
            int right = 0;
            for (int i = 0; i < truth.length; i++) {
                if (labels.confidence(i) >= t) {
                    kept++;
                    if (labels.label(i) == truth[i]) {
                        right++;
                    }
                }
            }
            double coverage = (double) kept / truth.length;
            double precision = kept == 0 ? Double.NaN : (double) right / kept;
            double score = kept == 0 ? 0 : (2.0 * right - kept) / truth.length;
            Point p = new Point(t, coverage, precision, score);
            grid.add(p);
            if (best == null || p.score() > best.score()) {
                best = p;
            }
        }
        return new Result(best, List.copyOf(grid));
    }
}
