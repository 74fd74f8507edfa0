package dev.mentor.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * How one family of run records is written and read ({@code config.json}, {@code metrics.json}, a line of
 * {@code metrics.jsonl}, ...): a JSON object whose first keys are {@code "format": "mentor-KIND"} and
 * {@code "version": N}, then the record's components in snake_case (the record's own component names,
 * so each key is spelled once, in Java). The class that owns a family holds its format and both writes
 * and reads through it.
 *
 * <p>Files written before records had versions carry neither key: they are read as version 0, in the
 * naming their build wrote them with ({@link Legacy}), after the family's own {@link #upgradingLegacy
 * upgrade} of anything else that moved. A record of another family, a version newer than this build's, or
 * a record that does not fit its class is a {@link MentorException} of one line naming the file. A
 * family is {@link #strict} when a key it does not know must be refused (a config that a resumed run
 * continues from: an option dropped silently would change the run) and {@link #lenient} otherwise
 * (results, read by reports: a key added later is skipped).
 */
public final class RecordFormat {
    public static final String FORMAT = "format";
    public static final String VERSION = "version";
    private static final ObjectMapper SNAKE = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final ObjectMapper CAMEL = new ObjectMapper();

    /** The key naming of a family's version-0 files. */
    public enum Legacy {
        /** A record serialised as it was ({@code labelsPerClass}). */
        CAMEL_CASE,
        /** A map with its keys spelled out ({@code test_accuracy}). */
        SNAKE_CASE
    }

    private final String name;
    private final int version;
    private final Legacy legacy;
    private final boolean strict;
    private final UnaryOperator<ObjectNode> upgrade;

    private RecordFormat(String name, int version, Legacy legacy, boolean strict, UnaryOperator<ObjectNode> upgrade) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        this.name = name;
        this.version = version;
        this.legacy = legacy;
        this.strict = strict;
        this.upgrade = upgrade;
    }

    /** A family whose records must hold only keys this build knows. */
    public static RecordFormat strict(String kind, int version, Legacy legacy) {
        return new RecordFormat("mentor-" + kind, version, legacy, true, UnaryOperator.identity());
    }

    /** A family whose readers skip keys they do not know. */
    public static RecordFormat lenient(String kind, int version, Legacy legacy) {
        return new RecordFormat("mentor-" + kind, version, legacy, false, UnaryOperator.identity());
    }

    /** This format with {@code upgrade} turning a version-0 object (still in its legacy naming) into what its class reads. */
    public RecordFormat upgradingLegacy(UnaryOperator<ObjectNode> legacyUpgrade) {
        return new RecordFormat(name, version, legacy, strict, legacyUpgrade);
    }

    /** {@code mentor-KIND}, the value of the {@code format} key. */
    public String name() {
        return name;
    }

    /** The version this build writes, and the newest it reads. */
    public int version() {
        return version;
    }

    /** The record as its document: {@code format} and {@code version} first, then its components in snake_case. */
    public ObjectNode tree(Object record) {
        JsonNode body = SNAKE.valueToTree(record);
        if (!(body instanceof ObjectNode fields) || fields.has(FORMAT) || fields.has(VERSION)) {
            throw new IllegalArgumentException(name + ": " + record.getClass().getName()
                    + " must be a record whose components are not named format or version");
        }
        ObjectNode document = SNAKE.createObjectNode();
        document.put(FORMAT, name);
        document.put(VERSION, version);
        document.setAll(fields);
        return document;
    }

    /** Writes the record's document as pretty JSON, atomically. */
    public void write(Path file, Object record) {
        Json.write(file, tree(record));
    }

    /** The record's document on one line, for a {@code .jsonl} file. */
    public String line(Object record) {
        return Json.line(tree(record));
    }

    /** Reads the record {@code file} holds, of either layout. */
    public <T> T read(Path file, Class<T> type) {
        return parse(file.toString(), Json.read(file), type);
    }

    /**
     * The record in {@code document}, of either layout.
     *
     * @param where the file (and line) it came from, which every error message starts with
     */
    public <T> T parse(String where, JsonNode document, Class<T> type) {
        int found = versionOf(where, document);
        ObjectNode fields = ((ObjectNode) document).deepCopy();
        fields.remove(FORMAT);
        fields.remove(VERSION);
        ObjectMapper mapper = SNAKE;
        if (found == 0) {
            fields = upgrade.apply(fields);
            mapper = legacy == Legacy.CAMEL_CASE ? CAMEL : SNAKE;
        }
        ObjectReader reader = mapper.readerFor(type);
        reader = strict ? reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return reader.readValue(fields);
        } catch (IOException | IllegalArgumentException e) {
            throw new MentorException(where + ": not a valid " + name + " record (" + firstLine(e.getMessage()) + ")");
        }
    }

    /**
     * The version of {@code document}: 0 when it has neither {@code format} nor {@code version} (written
     * before records had versions), else its version, checked to be this family's and not newer than this build's.
     */
    public int versionOf(String where, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new MentorException(where + ": not a " + name + " record (not a JSON object)");
        }
        JsonNode format = document.get(FORMAT);
        JsonNode found = document.get(VERSION);
        if (format == null && found == null) {
            return 0;
        }
        if (format == null || !format.isTextual() || found == null) {
            throw new MentorException(where + ": not a " + name + " record (its format and version must both be given, "
                    + "format a string)");
        }
        if (!format.asText().equals(name)) {
            throw new MentorException(where + ": holds a " + abbreviate(format.asText()) + " record, not a " + name + " one");
        }
        if (!found.canConvertToInt() || !found.isIntegralNumber() || found.intValue() < 1) {
            throw new MentorException(where + ": not a " + name + " record (version must be a whole number from 1, got "
                    + abbreviate(found.toString()) + ")");
        }
        if (found.intValue() > version) {
            throw new MentorException(where + ": " + name + " version " + found.intValue() + " is newer than this build reads (up to "
                    + version + "); read it with a newer Mentor");
        }
        return found.intValue();
    }

    /**
     * {@code object}'s own keys (not its values') renamed from camelCase to snake_case, as this format names
     * them: for a legacy upgrade where an earlier build nested a camelCase record inside a snake_case map.
     */
    public static ObjectNode snakeCaseKeys(ObjectNode object) {
        PropertyNamingStrategies.NamingBase snake = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        ObjectNode renamed = object.objectNode();
        object.fields().forEachRemaining(field -> renamed.set(snake.translate(field.getKey()), field.getValue()));
        return renamed;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
