package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.Interruption;
import dev.mentor.run.SavedModel;
import dev.mentor.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train freematch} from the command line: it trains, its thresholds are in the checkpoint, and a
 * run stopped after its first checkpoint resumes to the weights of an uninterrupted one (which needs
 * the thresholds restored: reset, they would mask other images).
 */
class FreeMatchCommandTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 160, 40, 4);
    }

    private static String[] train(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "freematch", "--data", "idx:" + data, "--labels-per-class", "4",
                "--validation-per-class", "5", "--batch-size", "8", "--unlabeled-ratio", "2", "--steps", "24",
                "--ema-momentum", "0.9", "--seed", "6", "--out", out.toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void trainsKeepsItsThresholdsInTheCheckpointAndResumesBitIdentically() throws Exception {
        Path straight = dir.resolve("straight");
        CliFixture.Result r = CliFixture.run(train(straight));
        assertEquals(0, r.code(), r.err());
        Map<String, float[]> arrays = Checkpoint.read(straight.resolve("checkpoint.ckpt")).arrays();
        float threshold = arrays.get("method-state/global_threshold")[0];
        assertTrue(threshold > 0.25f && threshold < 1f, "the global threshold moved from 1/4: " + threshold);
        assertEquals(4, arrays.get("method-state/class_expectation").length);
        JsonNode last = new ObjectMapper().readTree(Files.readAllLines(straight.resolve("metrics.jsonl")).get(
                Files.readAllLines(straight.resolve("metrics.jsonl")).size() - 1));
        assertTrue(last.get("components").has("mask_ratio") && last.get("components").has("fairness"), last.toString());

        Path stopped = dir.resolve("stopped");
        Thread stopper = new Thread(() -> {
            while (!Files.exists(stopped.resolve("checkpoint.ckpt"))) {
                Thread.onSpinWait();
            }
            Interruption.request("test", 130);
        });
        stopper.setDaemon(true);
        stopper.start();
        CliFixture.Result first = CliFixture.run(train(stopped));
        Interruption.clear();
        assertEquals(130, first.code(), first.err());
        CliFixture.Result resumed = CliFixture.run("train", "freematch", "--resume", stopped.toString());
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, float[]> expected = SavedModel.read(straight).weights();
        Map<String, float[]> actual = SavedModel.read(stopped).weights();
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), actual.get(e.getKey())), e.getKey() + " differs after the stop and resume");
        }
    }

    @Test
    void aFixedThresholdIsRefused() {
        CliFixture.Result r = CliFixture.run(train(dir.resolve("fixed"), "--threshold", "0.9"));
        assertEquals(2, r.code());
        assertEquals("mentor: --threshold: FreeMatch adapts its thresholds; see --ema-momentum instead", r.err().strip());
    }
}
