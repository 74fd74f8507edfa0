package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code train supervised} on a small IDX set, then {@code evaluate} and {@code predict}. */
class SupervisedCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path data;
    static Path run;
    static CliFixture.Result trained;

    @BeforeAll
    static void train() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 160, 40, 4);
        run = dir.resolve("run");
        trained = CliFixture.run("train", "supervised", "--data", "idx:" + data, "--labels", "80",
                "--validation-per-class", "5", "--epochs", "6", "--batch-size", "16", "--lr", "0.05",
                "--out", run.toString());
    }

    @Test
    void trainingLeavesACompleteRunDirectory() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        for (String f : new String[] {"config.json", "manifest.json", "metrics.jsonl", "metrics.json", "model.ckpt", "checkpoint.ckpt"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(6, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        double accuracy = metrics.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.6 && accuracy <= 1.0, "test accuracy " + accuracy);
        JsonNode manifest = JSON.readTree(run.resolve("manifest.json").toFile());
        assertEquals(16, manifest.get("data_fingerprint").asText().length());
        assertEquals(80, manifest.get("labeled").asInt());
        assertTrue(manifest.get("intra_op_threads").asInt() >= 1, manifest.toString());
        // the allocator the test JVM runs with (glibc, or tcmalloc when the build preloads it)
        assertEquals(dev.mentor.ndarray.NativeAllocator.current().label(), manifest.get("allocator").asText(), manifest.toString());
        JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
        assertEquals(80, config.get("labels").asInt());
        assertEquals("cnn-small", config.get("model").asText());
        assertTrue(trained.out().contains("test accuracy"), trained.out());
    }

    @Test
    void everyJsonFileOfTheRunIsAVersionedSnakeCaseRecord() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        List<JsonNode> documents = new ArrayList<>();
        for (String f : new String[] {"config.json", "manifest.json", "metrics.json"}) {
            documents.add(JSON.readTree(run.resolve(f).toFile()));
        }
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            documents.add(JSON.readTree(line));
        }
        List<String> formats = new ArrayList<>();
        for (JsonNode document : documents) {
            List<String> keys = new ArrayList<>();
            document.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("format", "version"), keys.subList(0, 2), document.toString());
            assertEquals(1, document.get("version").asInt());
            formats.add(document.get("format").asText());
            assertTrue(keys.stream().allMatch(k -> k.equals(k.toLowerCase(java.util.Locale.ROOT))), "snake_case keys: " + keys);
        }
        assertEquals(List.of("mentor-config", "mentor-manifest", "mentor-metrics"), formats.subList(0, 3));
        assertTrue(formats.subList(3, formats.size()).stream().allMatch("mentor-epoch"::equals), formats.toString());
        assertTrue(documents.get(0).get("optimizer").has("weight_decay"), documents.get(0).toString());
    }

    @Test
    void anExistingRunIsNotOverwrittenWithoutForce() throws Exception {
        long before = Files.getLastModifiedTime(run.resolve("model.ckpt")).toMillis();
        CliFixture.Result again = CliFixture.run("train", "supervised", "--data", "idx:" + data, "--validation-per-class", "5", "--epochs", "1", "--out", run.toString());
        assertEquals(2, again.code());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().contains("--out") && again.err().contains("--force"), again.err());
        assertEquals(before, Files.getLastModifiedTime(run.resolve("model.ckpt")).toMillis());
    }

    @Test
    void evaluatePrintsTheMetricsOfTheTrainedModel() throws Exception {
        CliFixture.Result r = CliFixture.run("evaluate", "--checkpoint", run.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        double recorded = JSON.readTree(run.resolve("metrics.json").toFile()).get("test_accuracy").asDouble();
        assertEquals(recorded, json.get("top1").asDouble(), 1e-9);
        assertEquals(40, json.get("images").asInt());
        assertTrue(json.has("ece") && json.has("nll") && json.has("confusion"));
    }

    @Test
    void predictNamesAClassWithItsProbability() throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 5; y++) {
            for (int x = 8; x < 13; x++) {
                image.getRaster().setSample(x, y, 0, 230);
            }
        }
        Path png = dir.resolve("zero.png");
        ImageIO.write(image, "png", png.toFile());
        CliFixture.Result r = CliFixture.run("predict", "--checkpoint", run.toString(), png.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = JSON.readTree(r.out()).get(0);
        assertEquals(png.toString(), first.get("file").asText());
        assertEquals("0", first.get("class").asText());
        double p = first.get("probability").asDouble();
        assertTrue(p > 0.25 && p <= 1, "probability " + p);
    }

    @Test
    void evaluatingOnDataWithAnotherClassCountIsRefused() throws Exception {
        Path other = CliFixture.idx(dir.resolve("idx3"), 30, 12, 3);
        CliFixture.Result r = CliFixture.run("evaluate", "--checkpoint", run.toString(), "--data", "idx:" + other);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("3 classes") && r.err().contains("4"), r.err());
    }

    /** {@code --precision bf16} from the command line: the run trains, says so, records it, and resumes in it. */
    @Test
    void aBf16RunTrainsRecordsItsPrecisionAndResumesInIt() throws Exception {
        Path bf16 = dir.resolve("bf16");
        CliFixture.Result r = CliFixture.run("train", "supervised", "--data", "idx:" + data, "--labels", "80",
                "--validation-per-class", "5", "--epochs", "6", "--batch-size", "16", "--lr", "0.05", "--precision", "bf16",
                "--out", bf16.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue((r.out() + r.err()).contains("training forwards in bf16"), r.out() + r.err());
        assertEquals("bf16", JSON.readTree(bf16.resolve("config.json").toFile()).get("precision").asText());
        double accuracy = JSON.readTree(bf16.resolve("metrics.json").toFile()).get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy);
        assertEquals("fp32", JSON.readTree(run.resolve("config.json").toFile()).get("precision").asText());
    }

    /** {@code --lr-schedule fixmatch} from the command line reaches the run: config.json and the rates it trained at. */
    @Test
    void theFixMatchScheduleReachesTheRunAndItsRecords() throws Exception {
        Path fixmatch = dir.resolve("fixmatch-schedule");
        CliFixture.Result r = CliFixture.run("train", "supervised", "--data", "idx:" + data, "--labels", "80",
                "--validation-per-class", "5", "--steps", "30", "--warmup-steps", "0", "--batch-size", "16", "--lr", "0.05",
                "--lr-schedule", "fixmatch", "--out", fixmatch.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("fixmatch", JSON.readTree(fixmatch.resolve("config.json").toFile()).get("lr_schedule").asText());
        assertTrue((r.out() + r.err()).contains("learning rate FixMatch's lr·cos(7πk/16K)"), "the run says so: " + r.out() + r.err());
        String last = Files.readAllLines(fixmatch.resolve("metrics.jsonl")).stream()
                .filter(line -> line.contains("\"learning_rate\"")).reduce((a, b) -> b).orElseThrow();
        double rate = JSON.readTree(last).get("learning_rate").asDouble();
        // the last step, 29 of 30: 0.05·cos(7π/16·29/30) = 0.0107, where the default cosine has 0.00014
        assertEquals(0.05 * Math.cos(7 * Math.PI / 16 * 29 / 30), rate, 1e-6);
        assertEquals("cosine", JSON.readTree(run.resolve("config.json").toFile()).get("lr_schedule").asText());
    }
}
