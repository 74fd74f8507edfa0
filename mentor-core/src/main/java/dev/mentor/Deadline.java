package dev.mentor;

import java.util.function.BooleanSupplier;

/**
 * A time by which training should end, set by whoever runs it ({@code mentor fit --time-budget}). Unlike an
 * {@link Interruption}, which abandons a run to be resumed, a run past its deadline ends early and still
 * finishes: the training loop stops before its next step, goes back to its last checkpoint (the weights of
 * its last evaluation, whose validation accuracy is known) and the run keeps that model, saying in its
 * {@code metrics.json} that it stopped. A run that has not finished an evaluation by then has no model to
 * keep: it stops as an interruption does ({@link #EXIT_CODE}), resumable from wherever it was.
 *
 * <p>Process-wide, as an interruption is: a fit runs each stage as the {@code mentor train} command a person
 * would type, in this JVM. Whether the deadline has passed is asked of a supplier, so a caller (a test) may
 * give a clock of its own.
 */
public final class Deadline {
    /** The command line's exit code for a run stopped by its deadline before any evaluation: {@code timeout}'s. */
    public static final int EXIT_CODE = 124;
    private static volatile Current current;

    private Deadline() {}

    private record Current(String cause, BooleanSupplier passed) {}

    /**
     * Sets the deadline of the work that follows, replacing any other.
     *
     * @param cause what set it, as the user knows it ({@code the time budget of 30m})
     * @param passed whether it has passed; asked before every training step, on the training thread
     */
    public static void set(String cause, BooleanSupplier passed) {
        current = new Current(cause, passed);
    }

    /** Removes the deadline. */
    public static void clear() {
        current = null;
    }

    /** The deadline's cause once it has passed; null while it has not, or when none is set. */
    public static String passed() {
        Current d = current;
        return d != null && d.passed().getAsBoolean() ? d.cause() : null;
    }

    /** The stop of a run that reached its deadline before any evaluation: an interruption with {@link #EXIT_CODE}. */
    public static Interrupted beforeEvaluation(String cause, int epoch, long step) {
        return new Interrupted(new Interruption.Request(cause + ", before the run's first evaluation", EXIT_CODE), epoch, step);
    }
}
