package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the {@code ./mentor} launcher puts mentor-spark and Spark on the classpath: for a command that reads Spark's output,
 * a resumed one included (a self-training run fed a Spark artifact failed on {@code --resume}: the module was missing), and
 * never otherwise. Read through {@code MENTOR_LAUNCHER_CHECK}, which prints the decision before anything is built.
 */
class LauncherSparkTest {
    @TempDir
    static Path dir;

    @Test
    void aResumedRunThatReadsSparksOutputGetsTheSparkModuleAndNoOtherDoes() throws Exception {
        Path artifact = Files.createDirectories(dir.resolve("artifact"));
        Files.writeString(artifact.resolve("pseudo-labels.spark.json"), "{}");
        Path fed = Files.createDirectories(dir.resolve("fed"));
        Files.writeString(fed.resolve("config.json"), "{\n  \"self_training\" : {\n    \"rounds\" : 1,\n    \"pseudo_labels_from\" : \""
                + artifact + "\"\n  }\n}\n");
        Path distill = Files.createDirectories(dir.resolve("distill"));
        Files.writeString(distill.resolve("method.json"), "{\"spark_labels\": {\"master\": \"local[2]\"}}");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("config.json"), "{\"self_training\": {\"rounds\": 1, \"pseudo_labels_from\": null}}");

        assertEquals("spark: 1", launch("train", "noisy-student", "--resume", fed.toString()));
        assertEquals("spark: 1", launch("train", "noisy-student", "--resume=" + fed));
        assertEquals("spark: 1", launch("train", "distill", "--resume", distill.toString()));
        assertEquals("spark: 1", launch("train", "noisy-student", "--pseudo-labels-from", artifact.toString()));
        assertEquals("spark: 1", launch("pseudo-label", "--spark"));
        assertEquals("spark: 0", launch("train", "noisy-student", "--resume", plain.toString()));
        assertEquals("spark: 0", launch("train", "supervised", "--resume", dir.resolve("missing").toString()));
        Files.delete(artifact.resolve("pseudo-labels.spark.json")); // a single-process artifact in the same folder
        assertEquals("spark: 0", launch("train", "noisy-student", "--resume", fed.toString()));
    }

    private static String launch(String... args) throws Exception {
        Path launcher = Path.of("..", "mentor").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(launcher), "run from mentor-cli: " + launcher);
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MENTOR_LAUNCHER_CHECK", "1");
        Process p = builder.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not stop");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        return output.strip();
    }
}
