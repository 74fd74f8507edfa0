package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.train.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Budgets in steps from the command line: a run with 4 labels per class gets the default floor of steps
 * and warm-up (not 10 passes of one step each), {@code --steps} trains exactly that many steps, and a
 * run stopped in the middle resumes to the weights of an uninterrupted one.
 */
class BudgetCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(160, 40, 4);

    private static String[] train(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "supervised", "--data", IDX.spec(), "--validation-per-class", "5",
                "--batch-size", "16", "--seed", "4", "--out", out.toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void fourLabelsPerClassGetTheFloorOfStepsAndWarmUp() throws Exception {
        Path out = IDX.dir().resolve("four");
        CliFixture.Result r = CliFixture.run(train(out, "--labels-per-class", "4"));
        assertEquals(0, r.code(), r.err());
        JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        // 16 labeled images are one step a pass: 10 passes would be 10 steps with no warm-up to speak of
        assertEquals(TrainOptions.DEFAULT_MIN_STEPS, config.get("steps").asLong());
        assertEquals(50, ExperimentConfig.read(out.resolve("config.json")).warmupSteps());
        assertEquals(TrainOptions.DEFAULT_MIN_STEPS, metrics.get("steps").asLong());
        assertEquals(50, metrics.get("warmup_steps").asLong());
        assertEquals(TrainOptions.DEFAULT_MIN_STEPS * 16, metrics.get("images_labeled").asLong());
        assertEquals(0, metrics.get("images_unlabeled").asLong());
    }

    @Test
    void stepsAreExactAndAStoppedRunResumesToTheSameWeights() throws Exception {
        Path straight = IDX.dir().resolve("straight");
        CliFixture.Result r = CliFixture.run(train(straight, "--labels", "40", "--steps", "37"));
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = JSON.readTree(straight.resolve("metrics.json").toFile());
        assertEquals(37, metrics.get("steps").asLong());
        List<String> lines = Files.readAllLines(straight.resolve("metrics.jsonl"));
        assertEquals(37, JSON.readTree(lines.get(lines.size() - 1)).get("step").asLong(), "the last chunk ends at step 37");

        // the same run, asked to stop once its first checkpoint exists (as Ctrl-C would), then resumed
        Path stopped = IDX.dir().resolve("stopped");
        CliFixture.Result first = CliFixture.runStoppedAtFirstCheckpoint(stopped, train(stopped, "--labels", "40", "--steps", "37"));
        assertEquals(130, first.code(), first.err());
        assertTrue(first.err().contains("interrupted at epoch "), first.err());
        CliFixture.Result resumed = CliFixture.run("train", "supervised", "--resume", stopped.toString());
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, float[]> expected = SavedModel.read(straight).weights();
        Map<String, float[]> actual = SavedModel.read(stopped).weights();
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), actual.get(e.getKey())), e.getKey() + " differs after the stop and resume");
        }
    }

    @Test
    void selfTrainingStudentsTrainTheRunsStepsNotEpochsOfTheLabels() throws Exception {
        Path out = IDX.dir().resolve("noisy");
        CliFixture.Result r = CliFixture.run("train", "noisy-student", "--data", IDX.spec(), "--validation-per-class", "5",
                "--labels-per-class", "4", "--batch-size", "16", "--steps", "40", "--rounds", "1", "--seed", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String round : List.of("round-0", "round-1")) {
            JsonNode metrics = JSON.readTree(out.resolve(round).resolve("metrics.json").toFile());
            // 16 labeled images: the old default, epochs of the labeled set, gave the student 10 steps
            assertEquals(40, metrics.get("steps").asLong(), round);
        }
    }

    @Test
    void epochsAndStepsTogetherAreOneLine() {
        CliFixture.Result r = CliFixture.run(train(IDX.dir().resolve("both"), "--epochs", "3", "--steps", "30"));
        assertEquals(2, r.code());
        assertEquals("mentor: --epochs and --steps: give one, not both", r.err().strip());
    }
}
