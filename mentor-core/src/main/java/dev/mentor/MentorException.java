package dev.mentor;

/**
 * A problem the user can fix: bad input, a missing file, an option out of range. The message names the
 * file or the option and the bad value.
 *
 * <p>An error about one option carries that option as its {@link #component()}: the config component's
 * name in snake_case, as the run records spell it ({@code "labels_per_class"}), never a command-line
 * flag, since a library user never typed one. {@link #getMessage()} then reads
 * {@code "labels_per_class: 4 needs ..."}; the CLI prints the component as its flag instead
 * ({@code "--labels-per-class: 4 needs ..."}). An error about a file has no component; its message
 * starts with the file.
 */
public class MentorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String detail;

    public MentorException(String message) {
        this(null, message, null);
    }

    public MentorException(String message, Throwable cause) {
        this(null, message, cause);
    }

    private MentorException(String component, String detail, Throwable cause) {
        super(component == null ? detail : component + ": " + detail, cause);
        this.component = component;
        this.detail = detail;
    }

    /** An error about the option {@code component} (snake_case); {@code detail} says what is wrong with its value. */
    public static MentorException of(String component, String detail) {
        return new MentorException(component, detail, null);
    }

    /** As {@link #of(String, String)}, with the exception that caused it. */
    public static MentorException of(String component, String detail, Throwable cause) {
        return new MentorException(component, detail, cause);
    }

    /** The option this error is about, in snake_case, or null when it is not about one option. */
    public String component() {
        return component;
    }

    /** The message without its component: what is wrong, with the bad value. */
    public String detail() {
        return detail;
    }

    /**
     * The same error attributed to the option {@code other}: for a caller that validated its own option
     * through a shared check (a reduced teacher's layers checked as a teacher's), so that the error names
     * the option the user set. The error is kept as the cause.
     */
    public MentorException about(String other) {
        return new MentorException(other, detail, this);
    }
}
