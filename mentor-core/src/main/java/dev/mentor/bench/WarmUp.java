package dev.mentor.bench;

import dev.mentor.MentorException;

/**
 * How long to train before timing. First at least {@code minimumSteps} steps and at least
 * {@code minimumSeconds} of wall time; then, until {@code maximumSeconds} have passed in all, windows
 * of at least {@link #WINDOW_SECONDS} and {@link #WINDOW_STEPS} steps (the compiler reacts to call
 * counts, so a window of one slow step says little) until one in which the JIT compiler worked for at most
 * {@link #QUIET_FRACTION} of the window's wall time. The compiler matters on a JVM: it compiles DJL's
 * Java side in background threads that compete with PyTorch's threads for the cores, so a fixed small
 * step count (the PyTorch peer's 3) times the compilation along with the training.
 */
public record WarmUp(int minimumSteps, double minimumSeconds, double maximumSeconds) {
    /** The PyTorch peer's warm-up: 3 steps, no time bound, no waiting for the compiler. */
    public static final WarmUp PEER = new WarmUp(3, 0, 0);
    public static final double WINDOW_SECONDS = 1.0;
    public static final int WINDOW_STEPS = 10;
    public static final double QUIET_FRACTION = 0.02;

    public WarmUp {
        if (minimumSteps < 0) {
            throw MentorException.of("warmup_steps", "must be >= 0, got " + minimumSteps);
        }
        if (!(minimumSeconds >= 0)) {
            throw MentorException.of("warmup_seconds", "must be >= 0, got " + minimumSeconds);
        }
        if (!(maximumSeconds >= 0)) {
            throw MentorException.of("warmup_max_seconds", "must be >= 0, got " + maximumSeconds);
        }
    }

    /** Whether a warm-up that has run {@code steps} steps in {@code seconds} has done its minimum. */
    boolean reachedMinimum(int steps, double seconds) {
        return steps >= minimumSteps && seconds >= minimumSeconds;
    }

    /** Whether a window of {@code steps} in {@code seconds} is long enough to judge the compiler. */
    static boolean fullWindow(int steps, double seconds) {
        return steps >= WINDOW_STEPS && seconds >= WINDOW_SECONDS;
    }

    /** Whether a window of {@code seconds} with {@code compileMillis} of JIT work was quiet. */
    static boolean quiet(long compileMillis, double seconds) {
        return compileMillis <= QUIET_FRACTION * seconds * 1000;
    }
}
