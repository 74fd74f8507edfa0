package dev.mentor;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Where a run reports its progress, one line at a time. A line that names config options is an {@link
 * OptionText}, given to {@link #note(OptionText)}: a library user's log (any {@code Consumer<String>},
 * {@code System.err::println}) reads the options' snake_case names, a command line's ({@link #spelling})
 * the flags its user typed.
 */
@FunctionalInterface
public interface RunLog extends Consumer<String> {
    /** Logs a line that names options, by default as the library spells them. */
    default void note(OptionText line) {
        accept(line.toString());
    }

    /** {@code lines} as a run log: a run log as it is, any other consumer reading options by their snake_case names. */
    static RunLog of(Consumer<String> lines) {
        if (lines instanceof RunLog log) {
            return log;
        }
        return lines::accept;
    }

    /** A log printing every line to {@code lines}, each option a line names spelled by {@code flagOf}. */
    static RunLog spelling(Consumer<String> lines, UnaryOperator<String> flagOf) {
        return new RunLog() {
            @Override
            public void accept(String line) {
                lines.accept(line);
            }

            @Override
            public void note(OptionText line) {
                lines.accept(line.render(flagOf));
            }
        };
    }
}
