package dev.mentor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An option's value read as one of an enum's constants, each by the text the option spells it with
 * ({@code --precision bf16}, {@code --balance off}): one reading and one error for the options that go through it, so
 * that none of them accepts {@code BF16} while another refuses it, and every refusal lists the choices the same way.
 */
public final class Choices {
    private Choices() {}

    /**
     * The constant of {@code values} that {@code spelling} spells as {@code text}, ignoring case and blanks around it;
     * anything else (null too) is a {@link MentorException} about {@code component} (snake_case; the CLI prints it as its
     * flag) that lists the choices: {@code precision: expected fp32 or bf16, got 'half'}.
     */
    public static <E extends Enum<E>> E parse(String component, String text, E[] values, Function<E, String> spelling) {
        String wanted = text == null ? null : text.strip();
        for (E value : values) {
            if (spelling.apply(value).equalsIgnoreCase(wanted)) {
                return value;
            }
        }
        throw MentorException.of(component, "expected " + list(values, spelling) + ", got '" + text + "'");
    }

    /** {@link #parse(String, String, Enum[], Function)} with each constant spelled as its name in lower case. */
    public static <E extends Enum<E>> E parse(String component, String text, E[] values) {
        return parse(component, text, values, value -> value.name().toLowerCase(Locale.ROOT));
    }

    /** The spellings as a sentence lists them: {@code a}, {@code a or b}, {@code a, b or c}. */
    static <E extends Enum<E>> String list(E[] values, Function<E, String> spelling) {
        List<String> texts = Arrays.stream(values).map(spelling).toList();
        int last = texts.size() - 1;
        return last <= 0 ? String.join("", texts) : String.join(", ", texts.subList(0, last)) + " or " + texts.get(last);
    }
}
