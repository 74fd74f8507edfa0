package dev.mentor.run;

import dev.mentor.eval.Evaluation;
import dev.mentor.train.EpochMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a finished run.
 *
 * @param directory the run directory
 * @param test evaluation on the test split, or null when the data has none
 * @param history per-epoch metrics
 * @param seconds wall time of the whole run (data loading and evaluation included)
 */
public record RunResult(Path directory, Evaluation test, List<EpochMetrics> history, double seconds) {
    public double testAccuracy() {
        return test == null ? Double.NaN : test.top1();
    }
}
