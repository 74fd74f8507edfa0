package dev.mentor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelope of every run record: format and version first, snake_case keys, version-0 files read in their own naming. */
class RecordFormatTest {
    record Inner(double weightDecay) {}

    record Sample(String data, Integer labelsPerClass, Inner optimizer, Map<String, Double> components, double validationAccuracy) {}

    static final RecordFormat STRICT = RecordFormat.strict("sample", 2, RecordFormat.Legacy.CAMEL_CASE);
    static final Sample SAMPLE = new Sample("idx:/d", 4, new Inner(5e-4), Map.of("loss_first", 1.5), Double.NaN);

    @TempDir
    Path dir;

    @Test
    void writesFormatAndVersionFirstThenSnakeCaseKeysAndLeavesMapKeysAlone() throws Exception {
        Path file = dir.resolve("sample.json");
        STRICT.write(file, SAMPLE);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-sample\",\n  \"version\" : 2,\n  \"data\""), text);
        assertTrue(text.contains("\"labels_per_class\" : 4") && text.contains("\"weight_decay\"") && text.contains("\"loss_first\""), text);
        assertTrue(text.contains("\"validation_accuracy\" : \"NaN\""), "NaN as the builds before wrote it: " + text);
        Sample back = STRICT.read(file, Sample.class);
        assertEquals(SAMPLE.labelsPerClass(), back.labelsPerClass());
        assertEquals(SAMPLE.optimizer(), back.optimizer());
        assertEquals(SAMPLE.components(), back.components());
        assertTrue(Double.isNaN(back.validationAccuracy()));
        assertTrue(STRICT.line(SAMPLE).startsWith("{\"format\":\"mentor-sample\",\"version\":2,\"data\":\"idx:/d\""));
    }

    @Test
    void aFileWithoutFormatAndVersionIsReadInItsLegacyNaming() throws Exception {
        Path camel = Files.writeString(dir.resolve("old.json"),
                "{\"data\": \"x\", \"labelsPerClass\": 3, \"optimizer\": {\"weightDecay\": 0.1}, \"components\": {}, \"validationAccuracy\": 0.5}");
        assertEquals(new Sample("x", 3, new Inner(0.1), Map.of(), 0.5), STRICT.read(camel, Sample.class));
        RecordFormat snake = RecordFormat.lenient("sample", 1, RecordFormat.Legacy.SNAKE_CASE)
                .upgradingLegacy(fields -> (ObjectNode) fields.put("data", fields.path("data").asText() + "+upgraded"));
        Path snakeFile = Files.writeString(dir.resolve("old-snake.json"), "{\"data\": \"y\", \"labels_per_class\": 2, \"gone\": true}");
        assertEquals(new Sample("y+upgraded", 2, null, null, 0), snake.read(snakeFile, Sample.class));
        Path current = Files.writeString(dir.resolve("new.json"), "{\"format\": \"mentor-sample\", \"version\": 1, \"data\": \"z\"}");
        assertEquals("z", snake.read(current, Sample.class).data(), "the upgrade is of version 0 only");
    }

    @Test
    void foreignNewerOrUnfittingRecordsAreOneLineErrorsNamingTheFile() throws Exception {
        for (Object[] c : List.of(
                new Object[] {"{\"format\": \"mentor-rounds\", \"version\": 1}", "holds a mentor-rounds record, not a mentor-sample one"},
                new Object[] {"{\"format\": \"mentor-sample\", \"version\": 3}", "mentor-sample version 3 is newer than this build reads (up to 2)"},
                new Object[] {"{\"format\": \"mentor-sample\", \"version\": 1.5}", "version must be a whole number from 1, got 1.5"},
                new Object[] {"{\"format\": \"mentor-sample\", \"version\": 0}", "version must be a whole number from 1, got 0"},
                new Object[] {"{\"format\": \"mentor-sample\"}", "its format and version must both be given"},
                new Object[] {"{\"version\": 1, \"data\": \"x\"}", "its format and version must both be given"},
                new Object[] {"{\"format\": \"mentor-sample\", \"version\": 2, \"surprise\": 1}", "not a valid mentor-sample record (Unrecognized field"},
                new Object[] {"{\"format\": \"mentor-sample\", \"version\": 2, \"labels_per_class\": \"many\"}", "not a valid mentor-sample record"},
                new Object[] {"[1, 2]", "not a valid JSON object"})) {
            Path file = Files.writeString(dir.resolve("bad.json"), (String) c[0]);
            MentorException e = assertThrows(MentorException.class, () -> STRICT.read(file, Sample.class), (String) c[0]);
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains((String) c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void aRecordWithItsOwnFormatOrVersionComponentCannotBeWritten() {
        record Clash(String format) {}
        assertThrows(IllegalArgumentException.class, () -> STRICT.tree(new Clash("x")));
    }
}
