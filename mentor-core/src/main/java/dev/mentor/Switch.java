package dev.mentor;

import java.util.Locale;

/** An option that is on or off ({@code --balance on}, {@code --input-noise off}). */
public enum Switch {
    ON, OFF;

    /** {@code on} or {@code off}, any case; anything else is a {@link MentorException} naming {@code option}. */
    public static Switch parse(String option, String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "on" -> ON;
            case "off" -> OFF;
            default -> throw new MentorException(option + ": expected on or off, got '" + text + "'");
        };
    }

    public boolean on() {
        return this == ON;
    }
}
