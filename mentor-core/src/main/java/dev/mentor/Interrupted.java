package dev.mentor;

/**
 * Work stopped cleanly on an {@link Interruption}. It is not a {@link MentorException}: nothing the user
 * gave was wrong, and nothing that catches those may swallow it. Whoever knows how the work continues
 * (a command knows its run folder) adds it with {@link #continuedBy}.
 */
public final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Interruption.Request request;
    private final int epoch;
    private final long step;
    private final String continuation;

    /**
     * @param epoch the epoch in progress, from 1, or 0 outside training
     * @param step the step that was about to run, or -1 outside training
     */
    public Interrupted(Interruption.Request request, int epoch, long step) {
        this(request, epoch, step, null);
    }

    private Interrupted(Interruption.Request request, int epoch, long step, String continuation) {
        super(message(request, epoch, step, continuation), null, false, false);
        this.request = request;
        this.epoch = epoch;
        this.step = step;
        this.continuation = continuation;
    }

    /** This stop with the command that continues the work ({@code ./mentor train METHOD --resume DIR}). */
    public Interrupted continuedBy(String command) {
        return new Interrupted(request, epoch, step, command);
    }

    public Interruption.Request request() {
        return request;
    }

    /** The epoch in progress, from 1, or 0 when the stop came outside training. */
    public int epoch() {
        return epoch;
    }

    /** The step that was about to run, or -1 when the stop came outside training. */
    public long step() {
        return step;
    }

    /** The command that continues the work, or null when none was named. */
    public String continuation() {
        return continuation;
    }

    public int exitCode() {
        return request.exitCode();
    }

    private static String message(Interruption.Request request, int epoch, long step, String continuation) {
        String where = step >= 0 ? "interrupted at epoch " + epoch + ", step " + step : "interrupted";
        return where + (continuation == null ? "" : "; continue with: " + continuation);
    }
}
