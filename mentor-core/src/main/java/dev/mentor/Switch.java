package dev.mentor;


/** An option that is on or off ({@code --balance on}, {@code --input-noise off}). */
public enum Switch {
    ON, OFF;

    /** {@code on} or {@code off}, any case; anything else is a {@link MentorException} about {@code component} (snake_case). */
    public static Switch parse(String component, String text) {
        return Choices.parse(component, text, values());
    }

    public boolean on() {
        return this == ON;
    }
}
