package dev.mentor.run;

/**
 * What one round of self-training left: {@code round.json} in its folder, a line of the run's
 * {@code rounds.json}.
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
}
