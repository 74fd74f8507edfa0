package dev.mentor.loop;

import dev.mentor.eval.Evaluation;

/**
 * Notices a run that has collapsed to a constant output — the model answers one class for nearly
 * every validation image ({@link #SHARE} of them) — which the loss guards miss because the loss of a
 * constant output is finite and calm. Issue 17's Meta Pseudo Labels run on a small image folder ended at
 * exactly chance (10.0%) with nothing said. The validation split is balanced over classes, so a working
 * model never answers one class for 95% of it. Validations within the warm-up and the {@link #GRACE}
 * steps after it do not count (a fresh network often answers one class at first). After that, a collapse
 * of a run that had learned (validation once at twice chance) stops it at once, before the collapsed
 * weights are checkpointed, so the last checkpoint is good; a run that never learned stops once it has
 * answered one class for {@link #PATIENCE} validations and {@link #PATIENCE_STEPS} steps in a row (a
 * short run of tiny epochs is not judged on three steps). Problems of fewer than three classes are not judged.
 */
final class CollapseGuard {
    static final double SHARE = 0.95;
    static final int PATIENCE = 3;
    static final long PATIENCE_STEPS = 100;
    static final long GRACE = 20;

    private boolean learned;
    private int inARow;
    private long streakStart;

    /**
     * Records one validation; returns why the run must stop, or null.
     *
     * @param stepsDone steps trained when the validation ran
     * @param warmupSteps the schedule's warm-up
     */
    String check(long stepsDone, long warmupSteps, Evaluation validation) {
        if (validation == null || validation.confusion().length < 3 || validation.count() == 0) {
            return null;
        }
        int classes = validation.confusion().length;
        double chance = 1.0 / classes;
        long[] predicted = new long[classes];
        for (long[] row : validation.confusion()) {
            for (int c = 0; c < classes; c++) {
                predicted[c] += row[c];
            }
        }
        int top = 0;
        for (int c = 1; c < classes; c++) {
            if (predicted[c] > predicted[top]) {
                top = c;
            }
        }
        double share = (double) predicted[top] / validation.count();
        if (share < SHARE) {
            inARow = 0;
            streakStart = stepsDone;
            learned |= Evaluation.learned(validation.top1(), classes);
            return null;
        }
        if (stepsDone <= warmupSteps + GRACE) {
            return null;
        }
        inARow++;
        if (!learned && (inARow < PATIENCE || stepsDone - Math.max(streakStart, warmupSteps) < PATIENCE_STEPS)) {
            return null;
        }
        return String.format("the model answers class %d for %.0f%% of the validation images (validation accuracy %.1f%%, chance "
                + "%.1f%%)%s", top, 100 * share, 100 * validation.top1(), 100 * chance,
                learned ? ", after it had learned" : ", " + inARow + " validations in a row after the warm-up");
    }
}
