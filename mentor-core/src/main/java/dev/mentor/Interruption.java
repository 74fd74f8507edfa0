package dev.mentor;

/**
 * A request to stop that comes from outside the work — Ctrl-C or SIGTERM caught by the command line, or
 * a library user's own thread — honoured only where the work can stop cleanly: before a training step
 * and between two batches of inference. Signals are process-wide, so the request is too.
 *
 * <p>Stopping there, rather than where the signal lands, is what keeps a run and the JVM whole: the
 * PyTorch engine is never left in the middle of an operation while the JVM exits (SIGTERM's default
 * exit did that and crashed in libtorch), and the run's last checkpoint, written at the end of an
 * epoch, stays the last good one, from which {@code --resume} continues exactly.
 */
public final class Interruption {
    private static volatile Request pending;

    private Interruption() {}

    /**
     * What asked to stop.
     *
     * @param cause what asked, as the user knows it ({@code SIGINT}, {@code SIGTERM}, or a caller's words)
     * @param exitCode the command line's exit code for it (130 for SIGINT, 143 for SIGTERM)
     */
    public record Request(String cause, int exitCode) {}

    /** Asks the running work to stop at its next clean point; the first request is the one kept. */
    public static synchronized void request(String cause, int exitCode) {
        if (pending == null) {
            pending = new Request(cause, exitCode);
        }
    }

    /** The pending request, or null. */
    public static Request pending() {
        return pending;
    }

    /** Forgets a request (before new work in the same JVM, as a test or an embedding application runs). */
    public static synchronized void clear() {
        pending = null;
    }

    /** Throws {@link Interrupted} when a stop was requested; for work with no epochs or steps. */
    public static void check() {
        Request r = pending;
        if (r != null) {
            throw new Interrupted(r, 0, -1);
        }
    }

    /**
     * Throws {@link Interrupted} when a stop was requested, naming the step about to run.
     *
     * @param epoch the epoch the step belongs to, from 1
     * @param step the step about to run, from 0 over the whole run
     */
    public static void checkBeforeStep(int epoch, long step) {
        Request r = pending;
        if (r != null) {
            throw new Interrupted(r, epoch, step);
        }
    }
}
