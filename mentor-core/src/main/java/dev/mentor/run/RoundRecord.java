package dev.mentor.run;

import dev.mentor.io.RecordFormat;
import java.nio.file.Path;

/**
 * What one round of self-training left: {@code round.json} in its folder (a {@link #FILE mentor-round}
 * record), an element of the run's {@code rounds.json} ({@link Rounds}).
 *
 * @param round 0 for the teacher, r for the student of round r
 * @param role {@code teacher} or {@code student}
 * @param model the architecture
 * @param parameters its trainable values
 * @param forwardFlops its forward FLOPs per image
 * @param epochs epochs trained
 * @param directory the round's run directory
 * @param testAccuracy top-1 on the test split, or null without one
 * @param validationAccuracy top-1 on the validation split after the last epoch, or null without one
 * @param seconds wall time of the round (labeling, selection and training; of the last session when resumed)
 * @param pseudoLabels the labels the student trained on, or null for a teacher
 * @param memory array and memory counts, or null for a teacher run made elsewhere
 * @param resumed whether the round was continued from a checkpoint
 */
public record RoundRecord(int round, String role, String model, long parameters, long forwardFlops, int epochs,
        String directory, Double testAccuracy, Double validationAccuracy, double seconds, PseudoLabelSummary pseudoLabels,
        MemoryProbe.Reading memory, boolean resumed) {

    /**
     * {@code round.json}: version 1, snake_case ({@code test_accuracy}, {@code pseudo_labels.selected_accuracy},
     * {@code memory.arrays_after}); an earlier build's is camelCase ({@code testAccuracy}) without format or version.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("round", 1, RecordFormat.Legacy.CAMEL_CASE);

    /**
     * @param images images labeled (the whole pool)
     * @param accuracy fraction of correct pseudo-labels, or null when the pool's labels are unknown
     * @param kept images that passed the confidence filter
     * @param selected images the student trained on (copies counted)
     * @param target the per-class count after balancing, 0 without balancing
     * @param selectedAccuracy fraction of correct labels among the selected (copies counted), or null
     * @param labelingSeconds time the teacher took, 0 when the artifact was reused
     * @param reused whether the labels were read back from the round's artifact (a resumed round)
     */
    public record PseudoLabelSummary(int images, Double accuracy, int kept, int selected, int target,
            Double selectedAccuracy, double labelingSeconds, boolean reused) {}

    static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    public void write(Path file) {
        FILE.write(file, this);
    }

    public static RoundRecord read(Path file) {
        return FILE.read(file, RoundRecord.class);
    }
}
