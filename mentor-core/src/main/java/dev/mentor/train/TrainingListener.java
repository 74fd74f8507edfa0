package dev.mentor.train;

/** Observes a training run: progress display, metric files. Default methods do nothing. */
public interface TrainingListener {
    /** Called once before the first step, with the epochs already done (empty unless resumed). */
    default void onStart(java.util.List<EpochMetrics> done, int epochs, long stepsPerEpoch) {}

    /** Called after every step. */
    default void onStep(int epoch, long stepInEpoch, long stepsPerEpoch, StepResult result, int images) {}

    /** Called after each epoch's validation and checkpoint. */
    default void onEpoch(EpochMetrics metrics) {}
}
