package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with TorchScript and ONNX files (mentor-core's test fixtures, a small CNN trained on
 * this IDX set's task with inputs normalised by mean 0.17, std 0.3; the task is not symmetric, so
 * the tests augment by cropping only): distillation from an ONNX
 * teacher, live and cached; transfer from a TorchScript and an ONNX feature extractor, then
 * evaluation of the run.
 */
class PretrainedCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("..", "mentor-core", "src", "test", "resources", "pretrained");
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws Exception {
        assertTrue(Files.isRegularFile(FIXTURES.resolve("classifier.onnx")), "fixtures expected in " + FIXTURES.toAbsolutePath());
        data = CliFixture.idx(dir.resolve("idx"), 120, 40, 4);
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    private static List<String> common(String out) {
        return new ArrayList<>(List.of("--data", "idx:" + data, "--labels", "40", "--validation-per-class", "5", "--epochs", "3",
                "--batch-size", "16", "--lr", "0.05", "--augment", "crop", "--out", dir.resolve(out).toString()));
    }

    private static CliFixture.Result run(List<String> head, List<String> tail) {
        List<String> args = new ArrayList<>(head);
        args.addAll(tail);
        return CliFixture.run(args.toArray(String[]::new));
    }

    private static double testAccuracy(String out) throws Exception {
        return JSON.readTree(dir.resolve(out).resolve("metrics.json").toFile()).get("test_accuracy").asDouble();
    }

    private static void assertUserError(CliFixture.Result r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), "one line expected:\n" + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "'" + m + "' missing from: " + r.err());
        }
    }

    @Test
    void distillFromAnOnnxTeacher() throws Exception {
        CliFixture.Result r = run(List.of("train", "distill", "--teacher", fixture("classifier.onnx"), "--teacher-mean", "0.17",
                "--teacher-std", "0.3", "--temperature", "1", "--alpha", "0.5"), common("distill-onnx"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("teacher: ONNX model"), r.err());
        assertTrue(testAccuracy("distill-onnx") > 0.5, "test accuracy " + testAccuracy("distill-onnx"));
    }

    @Test
    void distillFromACachedTorchScriptTeacherComputesItsLogitsOnceForBothRuns() throws Exception {
        Path cache = dir.resolve("cache");
        List<String> head = List.of("train", "distill", "--teacher", fixture("classifier.pt"), "--teacher-mean", "0.17",
                "--teacher-std", "0.3", "--cache-teacher", "--teacher-cache-dir", cache.toString());
        CliFixture.Result first = run(head, common("cached-1"));
        assertEquals(0, first.code(), first.err());
        assertEquals(2, first.err().lines().filter(l -> l.contains("teacher cache: computing")).count(), first.err());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(2, files.count(), "labeled set and unlabeled pool");
        }
        CliFixture.Result second = run(head, common("cached-2"));
        assertEquals(0, second.code(), second.err());
        assertFalse(second.err().contains("teacher cache: computing"), second.err());
        assertEquals(2, second.err().lines().filter(l -> l.contains("teacher cache: read")).count(), second.err());
        assertEquals(testAccuracy("cached-1"), testAccuracy("cached-2"), 0.0, "same cache, same seed: same result");
    }

    @Test
    void theCacheRefusesMixedImagesAndFeatureMaps() {
        List<String> head = List.of("train", "distill", "--teacher", fixture("classifier.onnx"), "--cache-teacher");
        List<String> mixed = new ArrayList<>(common("refused"));
        mixed.addAll(List.of("--cutmix", "1"));
        assertUserError(run(head, mixed), "--cache-teacher", "--cutmix");
        List<String> maps = new ArrayList<>(common("refused"));
        maps.addAll(List.of("--distill", "logits,attention"));
        assertUserError(run(head, maps), "--cache-teacher", "attention");
    }

    @Test
    void transferFromATorchScriptFeatureExtractorThenEvaluateAndPredict() throws Exception {
        CliFixture.Result r = run(List.of("train", "transfer", "--pretrained", fixture("features.pt"), "--pretrained-mean", "0.17",
                "--pretrained-std", "0.3", "--mode", "fine-tune"), common("transfer-pt"));
        assertEquals(0, r.code(), r.err());
        Path run = dir.resolve("transfer-pt");
        assertTrue(Files.isRegularFile(run.resolve("backbone.pt")), "the run keeps its fine-tuned backbone");
        JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
        assertTrue(config.get("model").asText().startsWith("torchscript:") && config.get("model").asText().endsWith("features.pt"),
                config.get("model").asText());
        assertTrue(testAccuracy("transfer-pt") > 0.8, "test accuracy " + testAccuracy("transfer-pt"));
        CliFixture.Result evaluated = CliFixture.run("evaluate", "--checkpoint", run.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        assertEquals(testAccuracy("transfer-pt"), JSON.readTree(evaluated.out()).get("top1").asDouble(), 1e-9);
    }

    @Test
    void aLinearProbeOnAnOnnxFeatureExtractorButNoFineTune() throws Exception {
        List<String> head = List.of("train", "transfer", "--pretrained", fixture("features.onnx"), "--pretrained-mean", "0.17",
                "--pretrained-std", "0.3");
        assertUserError(run(head, common("onnx-tune")), "ONNX", "linear-probe");
        List<String> probe = new ArrayList<>(head);
        probe.addAll(List.of("--mode", "linear-probe"));
        CliFixture.Result r = run(probe, common("onnx-probe"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("onnx-probe").resolve("backbone.onnx")));
        assertTrue(testAccuracy("onnx-probe") > 0.8, "test accuracy " + testAccuracy("onnx-probe"));
    }
}
