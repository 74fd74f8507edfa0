package dev.mentor.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

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

    /**
     * Each non-blank line of a JSON-lines {@code file}, parsed as JSON and handed to {@code parse} with where it stands
     * ({@code "FILE: line N"}); a file that cannot be read or a line that is not JSON is a one-line error naming both.
     */
    public static <T> List<T> readLines(Path file, BiFunction<String, JsonNode, T> parse) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<T> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ": line " + (i + 1);
            JsonNode line;
            try {
                line = MAPPER.readTree(lines.get(i));
            } catch (IOException e) {
                throw new MentorException(where + " is not JSON (" + firstLine(e.getMessage()) + ")");
            }
            records.add(parse.apply(where, line));
        }
        return records;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
