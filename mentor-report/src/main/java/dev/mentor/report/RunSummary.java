package dev.mentor.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What one finished run tells a report: read from its directory by {@link RunReader}. A self-training
 * run (Noisy Student, pseudo-labeling) is summarised by its last round, with the pseudo-labels of every
 * student round.
 *
 * @param directory the run's folder
 * @param method the method's name as the run recorded it ({@code supervised}, {@code noisy-student}, ...)
 * @param model the architecture of the reported model
 * @param data the data option the run was trained on
 * @param augment the labeled images' augmentation policy
 * @param labels labeled training images, or null when the run does not say
 * @param seed the run's seed
 * @param testAccuracy top-1 on the test split, or null without one
 * @param validationAccuracy top-1 on the validation split after the last epoch, or null without one
 * @param wallSeconds the run's wall time (a self-training run: the rounds it trained itself)
 * @param imagesPerSecond training images per second (mean over epochs of the reported model's run), or null
 * @param teacher the run a teacher came from (distillation, a reused self-training teacher), or null
 * @param curves the epoch logs, one per phase (MPL adds its fine-tuning)
 * @param confusion test confusion counts (row: true class, column: predicted), or null
 * @param classNames the class names, in label order
 * @param pseudoLabels the pseudo-label reports of each student round, oldest first (empty for other methods)
 * @param kept which model the run returned when it chose one on validation: a role of {@code metrics.json}
 *     ({@code start}, MPL's {@code teacher}; mutual learning's {@code first student} or {@code second student}, both
 *     trained to the end), or {@code round N} of a self-training run whose last round it did not keep ({@code round 0}:
 *     its teacher); null for a run that returned the model it trained last
 */
public record RunSummary(Path directory, String method, String model, String data, String augment, Integer labels, long seed,
        Double testAccuracy, Double validationAccuracy, double wallSeconds, Double imagesPerSecond, String teacher,
        List<Curve> curves, long[][] confusion, List<String> classNames, List<PseudoLabelStats> pseudoLabels, String kept) {

    public RunSummary {
        curves = List.copyOf(curves);
        classNames = List.copyOf(classNames);
        pseudoLabels = List.copyOf(pseudoLabels);
    }

    /** A run that returned the model it trained last. */
    public RunSummary(Path directory, String method, String model, String data, String augment, Integer labels, long seed,
            Double testAccuracy, Double validationAccuracy, double wallSeconds, Double imagesPerSecond, String teacher,
            List<Curve> curves, long[][] confusion, List<String> classNames, List<PseudoLabelStats> pseudoLabels) {
        this(directory, method, model, data, augment, labels, seed, testAccuracy, validationAccuracy, wallSeconds, imagesPerSecond,
                teacher, curves, confusion, classNames, pseudoLabels, null);
    }

    /**
     * This run under another name in a report's tables, which group runs by method and model: a fit's stage name when it
     * differs from the stage's method (its baseline and supervised-longer are both {@code supervised}, its Noisy Student
     * rounds all {@code noisy-student}), so that two stages are not averaged as if they were two seeds.
     */
    public RunSummary named(String name) {
        return new RunSummary(directory, name, model, data, augment, labels, seed, testAccuracy, validationAccuracy, wallSeconds,
                imagesPerSecond, teacher, curves, confusion, classNames, pseudoLabels, kept);
    }

    /** The folder's name, how tables refer to the run. */
    public String name() {
        return directory.getFileName() == null ? directory.toString() : directory.getFileName().toString();
    }

    /** One phase's epoch log: {@code metrics.jsonl}, or {@code metrics-PHASE.jsonl}. */
    public record Curve(String phase, List<EpochPoint> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /**
     * One epoch of a log.
     *
     * @param validationAccuracy NaN when the run had no validation split
     */
    public record EpochPoint(int epoch, long step, double trainLoss, double validationAccuracy) {}
}
