package dev.mentor;

import java.util.Locale;

/** An option that is on or off ({@code --balance on}, {@code --input-noise off}). */
public enum Switch {
    ON, OFF;

    /** {@code on} or {@code off}, any case; anything else is a {@link MentorException} about {@code component} (snake_case). */
    public static Switch parse(String component, String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "on" -> ON;
            case "off" -> OFF;
            default -> throw MentorException.of(component, "expected on or off, got '" + text + "'");
        };
    }

    public boolean on() {
        return this == ON;
    }
}
