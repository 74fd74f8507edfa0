package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.data.DataSpec;
import dev.mentor.io.Json;
import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplSign;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import dev.mentor.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method with a follow-up phase (MPL, then fine-tuning the student) as one run: its files, its
 * final metrics, and resumption after an interruption in either phase ending with exactly the
 * weights of an uninterrupted run.
 */
class FollowUpExperimentTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path straight;

    static ExperimentConfig config() {
        return new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, 0, 2, 8, 0.05, 0,
                OptimizerConfig.sgd(5e-4), 0.9, "weak", 0, 0, 0.5, 3, 1);
    }

    static MplFactory factory() {
        ConsistencyConfig teacher = new ConsistencyConfig(2, 1, 0.6, 0.4, 3, true);
        return new MplFactory(new MplConfig(teacher, 0.1, MplSign.THEORY, 1, 0.05, 2, 2, null, 0.01, null), line -> {});
    }

    /** Stops the run (after the checkpoint is written) at the {@code n}-th epoch end, counting both phases. */
    record CrashAt(int n, int[] seen) implements TrainingListener {
        @Override
        public void onEpoch(EpochMetrics metrics) {
            if (++seen[0] == n) {
                throw new IllegalStateException("crash after epoch end " + n);
            }
        }
    }

    @BeforeAll
    static void trainStraight() throws Exception {
        data = SyntheticData.idx(dir.resolve("idx"), 160, 40, 4);
        straight = dir.resolve("straight");
        new Experiment(config(), factory(), line -> {}).run(RunDirectory.create(straight, false), false, List.of());
    }

    @Test
    void theRunKeepsEachPhasesLogAndCheckpointAndReportsBoth() throws Exception {
        assertEquals(2, Files.readAllLines(straight.resolve("metrics.jsonl")).size());
        assertEquals(2, Files.readAllLines(straight.resolve("metrics-finetune.jsonl")).size());
        assertTrue(Files.isRegularFile(straight.resolve("checkpoint-finetune.ckpt")));
        JsonNode metrics = Json.read(straight.resolve("metrics.json"));
        assertEquals("mpl", metrics.get("method").asText());
        assertEquals("mpl", metrics.at("/phases/0/name").asText());
        assertEquals("finetune", metrics.at("/phases/1/name").asText());
        assertTrue(metrics.at("/phases/0/test_accuracy").isNumber());
        assertTrue(metrics.at("/test_accuracy_by_role/teacher").isNumber(), metrics.toString());
        assertEquals(metrics.at("/phases/1/validation_accuracy").asDouble(), metrics.get("validation_accuracy").asDouble());
        assertEquals(0, SavedModel.read(straight).spec().dropout(), "the fine-tuned student is saved, without dropout");
    }

    @Test
    void aRunInterruptedInEitherPhaseResumesToTheSameWeights() {
        Map<String, float[]> expected = SavedModel.read(straight).weights();
        for (int crash : new int[] {1, 2, 3}) {
            Path run = dir.resolve("crash-" + crash);
            assertThrows(IllegalStateException.class, () -> new Experiment(config(), factory(), line -> {})
                    .run(RunDirectory.create(run, false), false, List.of(new CrashAt(crash, new int[1]))));
            new Experiment(config(), factory(), line -> {}).run(RunDirectory.resume(run), true, List.of());
            Map<String, float[]> resumed = SavedModel.read(run).weights();
            assertEquals(expected.keySet(), resumed.keySet());
            expected.forEach((name, values) -> assertArrayEquals(values, resumed.get(name), 0f, "crash " + crash + ": " + name));
        }
    }

    @Test
    void forceDeletesTheFilesOfEveryPhase() throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        for (String f : List.of("metrics-finetune.jsonl", "checkpoint-finetune.ckpt", "method.json", "notes.txt")) {
            Files.writeString(copy.resolve(f), "old");
        }
        RunDirectory.create(copy, true);
        assertEquals(List.of("notes.txt"), Files.list(copy).map(p -> p.getFileName().toString()).toList());
    }
}
