package dev.mentor.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.io.RecordFormat;
import dev.mentor.teacher.ThresholdChoice;
import java.nio.file.Path;
import java.util.List;

/**
 * How a self-training round chose the pseudo-labels its student trained on: {@code selection.json} beside
 * the round's pseudo-label artifact.
 *
 * @param pseudoLabels the targets, {@code soft} or {@code hard}
 * @param minConfidence the confidence a label needed to be kept
 * @param minConfidenceChosenOnValidation every threshold tried when the threshold was chosen on the validation
 *     split ({@code --min-confidence auto}), or null when it was given
 * @param balance whether the kept labels were balanced over classes
 * @param targetPerClass the per-class count after balancing, 0 without balancing
 * @param keptPerClass labels per class that passed the confidence filter
 * @param selectedPerClass labels per class the student trained on (copies counted)
 * @param fallback why the selection fell back from what was asked, or null
 * @param summary the counts the round's {@link RoundRecord} holds too
 * @param ensemble whether the round's teacher labeled the pool alone or with an ensemble ({@code --ensemble}), and why; null
 *     without an ensemble (and in records of builds before it)
 */
public record SelectionRecord(String pseudoLabels, double minConfidence, List<ThresholdChoice.Point> minConfidenceChosenOnValidation,
        boolean balance, int targetPerClass, int[] keptPerClass, int[] selectedPerClass, String fallback,
        RoundRecord.PseudoLabelSummary summary, EnsembleChoice ensemble) {

    /**
     * A round's choice between its teacher alone and the mean prediction of the teacher and an ensemble's runs, on the
     * validation split.
     *
     * @param runs the ensemble's runs (the teacher not among them)
     * @param teacherValidation the teacher's validation accuracy alone
     * @param ensembleValidation the mean prediction's
     * @param used whether the mean labeled the pool: it was more accurate on validation (a tie keeps the teacher alone), or,
     *     in a round stopped after labeling its pool and before writing this record, whichever labeled its artifact
     * @param leftOut the ensemble's runs left out of the choice, each as {@code "RUN: REASON"} (a run whose outputs are no
     *     distributions: its training diverged); empty when none was, and in records of builds before it
     */
    public record EnsembleChoice(List<String> runs, double teacherValidation, double ensembleValidation, boolean used,
            List<String> leftOut) {
        public EnsembleChoice {
            runs = List.copyOf(runs);
            leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
        }
    }

    /**
     * {@code selection.json}: version 1, snake_case throughout. An earlier build's was snake_case but for its
     * {@code summary} (a camelCase {@link RoundRecord.PseudoLabelSummary}), whose keys are renamed when it is read.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("selection", 1, RecordFormat.Legacy.SNAKE_CASE)
            .upgradingLegacy(legacy -> {
                JsonNode summary = legacy.get("summary");
                if (summary instanceof ObjectNode camel) {
                    legacy.set("summary", RecordFormat.snakeCaseKeys(camel));
                }
                return legacy;
            });

    public void write(Path file) {
        FILE.write(file, this);
    }

    public static SelectionRecord read(Path file) {
        return FILE.read(file, SelectionRecord.class);
    }
}
