package dev.mentor.report;

import java.util.Base64;

/**
 * A picture for the report: PNG bytes and the text a browser shows without it.
 *
 * @param alt what the picture shows, for the {@code alt} attribute
 */
public record Figure(String alt, byte[] png, int width, int height) {
    /** The picture as a {@code data:} URI, so the report needs no other file. */
    public String dataUri() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
