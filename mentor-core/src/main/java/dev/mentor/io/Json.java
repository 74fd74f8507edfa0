package dev.mentor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.file.Path;

/** JSON reading and atomic writing for run files. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {}

    /** Writes {@code value} as pretty JSON, atomically ({@link AtomicFiles}). */
    public static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, out -> MAPPER.writeValue(out, value));
        } catch (IOException e) {
            throw new MentorException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** One JSON object on one line, for {@code .jsonl} files and machine-readable output. */
    public static String line(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode read(Path file) {
        try {
            return (ObjectNode) MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new MentorException(file + ": not a valid JSON object (" + firstLine(e.getOriginalMessage()) + where + ")");
        } catch (IOException | ClassCastException e) {
            throw new MentorException(file + ": not a valid JSON object (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
