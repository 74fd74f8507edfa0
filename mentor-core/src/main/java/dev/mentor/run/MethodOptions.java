package dev.mentor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import dev.mentor.method.ConsistencyConfig;
import java.nio.file.Path;

/**
 * A run's {@code method.json}: the method's own options, beyond its {@link ExperimentConfig}, which {@code
 * --resume} reads back so the run continues as it began. Each method has its own options record (FixMatch
 * a {@code ConsistencyConfig}, distillation its command's saved options...); all are written and read here,
 * as one format: the record's components in snake_case under format and version.
 */
public final class MethodOptions {
    /**
     * {@code method.json}: version 1. Strict, as {@link ExperimentConfig#FILE}: a resumed run continues with
     * what is read here. An earlier build's file is the options record in camelCase, without format or version.
     */
    public static final RecordFormat FILE = RecordFormat.strict("method", 1, RecordFormat.Legacy.CAMEL_CASE);

    private MethodOptions() {}

    /** Writes a method's options record; its components must not be named format or version. */
    public static void write(Path file, Object options) {
        FILE.write(file, options);
    }

    /** The options of type {@code type} in {@code file}, of this version or an earlier build's. */
    public static <T> T read(Path file, Class<T> type) {
        return FILE.read(file, type);
    }

    /**
     * The run or file a method's options name as its {@code teacher} (distillation's), without knowing the
     * options' type (a report does not); null when they name none, or their teacher is not a single value.
     */
    public static String teacher(Path file) {
        JsonNode options = Json.read(file);
        FILE.versionOf(file.toString(), options);
        JsonNode teacher = options.path("teacher");
        return teacher.isValueNode() && !teacher.isNull() ? teacher.asText() : null;
    }

    /**
     * The strong view a consistency run used: the {@code strong_augment} its options name (at their top or in a nested
     * options record such as FlexMatch's {@code consistency}), or for an earlier build's file, which has none, the view
     * that build used given its flip setting ({@link ConsistencyConfig#legacyStrongAugment}); null when the options
     * are not a consistency method's.
     */
    public static String strongAugment(Path file) {
        JsonNode options = Json.read(file);
        FILE.versionOf(file.toString(), options);
        JsonNode spelled = options.findValue("strong_augment");
        if (spelled != null && spelled.isTextual()) {
            return spelled.asText();
        }
        JsonNode flip = options.findValue("horizontal_flip");
        flip = flip != null ? flip : options.findValue("horizontalFlip");
        return flip != null && flip.isBoolean() ? ConsistencyConfig.legacyStrongAugment(flip.asBoolean()) : null;
    }
}
