package dev.mentor;

/**
 * A problem the user can fix: bad input, a missing file, an option out of range. The CLI prints its
 * message as one line and exits with code 2; the message names the file or option and the bad value.
 */
public class MentorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MentorException(String message) {
        super(message);
    }

    public MentorException(String message, Throwable cause) {
        super(message, cause);
    }
}
