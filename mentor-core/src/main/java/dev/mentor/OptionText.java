package dev.mentor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Text that names config options: literal text around the options' names (snake_case, as the run records
 * spell them), spelled by whoever prints it. A library user reads the names ({@code "use force to overwrite
 * it"}, {@link #toString()}); a command line reads its flags ({@code "use --force to overwrite it"},
 * {@link #render(UnaryOperator)}). The core builds advice, log lines and error details that name options
 * this way, and never quotes a command-line flag itself.
 */
public final class OptionText {
    /** {@code texts[0] names[0] texts[1] names[1] ... texts[n]}. */
    private final List<String> texts;
    private final List<String> names;

    private OptionText(List<String> texts, List<String> names) {
        this.texts = List.copyOf(texts);
        this.names = List.copyOf(names);
    }

    /** Literal text, naming no option; nothing in it is read as a placeholder. */
    public static OptionText text(String literal) {
        return new OptionText(List.of(literal), List.of());
    }

    /**
     * Text naming options: each {@code {}} of {@code template} is the next of {@code components}, as in
     * {@code naming("give {} > 0", "validation_per_class")}. A value that might hold braces (a path) goes into
     * {@link #then(String)} instead.
     */
    public static OptionText naming(String template, String... components) {
        List<String> texts = new ArrayList<>();
        int from = 0;
        for (String component : components) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                throw new IllegalArgumentException("'" + template + "' has fewer {} than the " + components.length + " components");
            }
            texts.add(template.substring(from, at));
            from = at + 2;
        }
        texts.add(template.substring(from));
        return new OptionText(texts, List.of(components));
    }

    /** This text followed by {@code literal}, taken as it is. */
    public OptionText then(String literal) {
        List<String> more = new ArrayList<>(texts);
        more.set(more.size() - 1, more.get(more.size() - 1) + literal);
        return new OptionText(more, names);
    }

    /** This text followed by the option {@code component} (snake_case). */
    public OptionText thenOption(String component) {
        List<String> more = new ArrayList<>(texts);
        more.add("");
        List<String> moreNames = new ArrayList<>(names);
        moreNames.add(component);
        return new OptionText(more, moreNames);
    }

    /** This text followed by {@code other}, its options kept as options. */
    public OptionText then(OptionText other) {
        OptionText joined = then(other.texts.get(0));
        for (int i = 0; i < other.names.size(); i++) {
            joined = joined.thenOption(other.names.get(i)).then(other.texts.get(i + 1));
        }
        return joined;
    }

    /** The literal parts, one more than {@link #components()}: the text is {@code texts[0] components[0] texts[1] ...}. */
    public List<String> texts() {
        return texts;
    }

    /** The options named, in order (snake_case). */
    public List<String> components() {
        return names;
    }

    /** The text with each option spelled by {@code flagOf} (given the snake_case component). */
    public String render(UnaryOperator<String> flagOf) {
        StringBuilder s = new StringBuilder(texts.get(0));
        for (int i = 0; i < names.size(); i++) {
            s.append(flagOf.apply(names.get(i))).append(texts.get(i + 1));
        }
        return s.toString();
    }

    /** The text as a library user reads it: each option by its snake_case name. */
    @Override
    public String toString() {
        return render(UnaryOperator.identity());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionText other && texts.equals(other.texts) && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return 31 * texts.hashCode() + names.hashCode();
    }
}
