package dev.mentor;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A problem the user can fix: bad input, a missing file, an option out of range. The message names the
 * file or the option and the bad value.
 *
 * <p>An error about one option carries that option as its {@link #component()}: the config component's
 * name in snake_case, as the run records spell it ({@code "labels_per_class"}), never a command-line
 * flag, since a library user never typed one. {@link #getMessage()} then reads
 * {@code "labels_per_class: 4 needs ..."}; a command line prints the component as its flag instead
 * ({@link #message(UnaryOperator)}: {@code "--labels-per-class: 4 needs ..."}). An error about several
 * options ({@link #naming}) names each of them where its text says. An error about a file has no
 * component; its message starts with the file.
 */
public class MentorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The message is {@code texts[0] names[0] texts[1] names[1] ... texts[n]}: literal text around the options it names. */
    private final String[] texts;
    private final String[] names;

    public MentorException(String message) {
        this(new String[] {message}, new String[0], null);
    }

    public MentorException(String message, Throwable cause) {
        this(new String[] {message}, new String[0], cause);
    }

    private MentorException(String[] texts, String[] names, Throwable cause) {
        super(render(texts, names, UnaryOperator.identity()), cause);
        this.texts = texts;
        this.names = names;
    }

    /** An error about the option {@code component} (snake_case); {@code detail} says what is wrong with its value. */
    public static MentorException of(String component, String detail) {
        return of(component, detail, null);
    }

    /** As {@link #of(String, String)}, with the exception that caused it. */
    public static MentorException of(String component, String detail, Throwable cause) {
        return new MentorException(new String[] {"", ": " + detail}, new String[] {component}, cause);
    }

    /**
     * An error about the option {@code component} whose {@code detail} names other options too (as advice:
     * {@code "out: RUN already holds a run; use force to overwrite it"}).
     */
    public static MentorException of(String component, OptionText detail) {
        List<String> detailTexts = detail.texts();
        String[] texts = new String[detailTexts.size() + 1];
        texts[0] = "";
        texts[1] = ": " + detailTexts.get(0);
        for (int i = 1; i < detailTexts.size(); i++) {
            texts[i + 1] = detailTexts.get(i);
        }
        String[] names = new String[detail.components().size() + 1];
        names[0] = component;
        for (int i = 0; i < detail.components().size(); i++) {
            names[i + 1] = detail.components().get(i);
        }
        return new MentorException(texts, names, null);
    }

    /** An error whose {@code message} names the options it is about where its text says (as {@link #naming}). */
    public static MentorException of(OptionText message) {
        return new MentorException(message.texts().toArray(String[]::new), message.components().toArray(String[]::new), null);
    }

    /**
     * An error about several options, or one named inside its text: each {@code {}} of {@code template} is
     * the next of {@code components} (snake_case), as in {@code naming("{} and {}: give one, not both",
     * "labels", "labels_per_class")}. The text after the last component's {@code {}} is taken as it is, so
     * a value that might hold braces (a path) goes there.
     */
    public static MentorException naming(String template, String... components) {
        String[] texts = new String[components.length + 1];
        int from = 0;
        for (int i = 0; i < components.length; i++) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("'" + template + "' has fewer {} than the " + components.length + " components");
            }
            texts[i] = template.substring(from, at);
            from = at + 2;
        }
        texts[components.length] = template.substring(from);
        return new MentorException(texts, components.clone(), null);
    }

    /**
     * This error as part of one about the option {@code component}: {@code "component: "} and then this
     * message, with the options it names kept as options (a teacher's config whose own value is wrong).
     * The error is kept as the cause.
     */
    public MentorException within(String component) {
        String[] outerTexts = new String[texts.length + 1];
        outerTexts[0] = "";
        outerTexts[1] = ": " + texts[0];
        System.arraycopy(texts, 1, outerTexts, 2, texts.length - 1);
        String[] outerNames = new String[names.length + 1];
        outerNames[0] = component;
        System.arraycopy(names, 0, outerNames, 1, names.length);
        return new MentorException(outerTexts, outerNames, this);
    }

    /**
     * This error with literal text before and after its message, the options it names kept as options (a run's own
     * start that failed, said as the run's). The error is kept as the cause.
     */
    public MentorException framed(String before, String after) {
        String[] framed = texts.clone();
        framed[0] = before + framed[0];
        framed[framed.length - 1] = framed[framed.length - 1] + after;
        return new MentorException(framed, names.clone(), this);
    }

    /**
     * The option this error is about, in snake_case, when its message is {@code "component: detail"};
     * null for an error about a file, or one that names its options inside its text.
     */
    public String component() {
        return names.length > 0 && texts[0].isEmpty() && texts[1].startsWith(": ") ? names[0] : null;
    }

    /** The options this error names, in the order its message names them (snake_case). */
    public List<String> components() {
        return List.of(names);
    }

    /** The message without its {@link #component()}: what is wrong, with the bad value (all of it when there is no component). */
    public String detail() {
        if (component() == null) {
            return getMessage();
        }
        String[] rest = Arrays.copyOfRange(texts, 1, texts.length);
        rest[0] = rest[0].substring(2);
        return render(rest, Arrays.copyOfRange(names, 1, names.length), UnaryOperator.identity());
    }

    /**
     * The message with each option it names spelled by {@code flagOf} (given the snake_case component):
     * how a command line prints the error, as the flags its user typed.
     */
    public String message(UnaryOperator<String> flagOf) {
        return render(texts, names, flagOf);
    }

    /**
     * The same error attributed to the option {@code other}: for a caller that validated its own option
     * through a shared check (a reduced teacher's layers checked as a teacher's), so that the error names
     * the option the user set. The error is kept as the cause. An error without a {@link #component()} is
     * returned as it is.
     */
    public MentorException about(String other) {
        if (component() == null) {
            return this;
        }
        String[] renamed = names.clone();
        renamed[0] = other;
        return new MentorException(texts, renamed, this);
    }

    private static String render(String[] texts, String[] names, UnaryOperator<String> flagOf) {
        StringBuilder message = new StringBuilder(texts[0]);
        for (int i = 0; i < names.length; i++) {
            message.append(flagOf.apply(names[i])).append(texts[i + 1]);
        }
        return message.toString();
    }
}
