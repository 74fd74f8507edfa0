package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.augment.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's edge cases, each from the command line: it works, or it stops with one line naming the
 * option and the value and exit code 2. A class with one labeled image; an unlabeled pool smaller than
 * one batch; a teacher much weaker than the student's own labels; a pool of other classes (random
 * images) than the labeled set's.
 */
class EdgeCaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(200, 40, 4);
    static Path rare;
    static Path tinyPool;
    static Path teacher;
    static Path weakTeacher;

    @BeforeAll
    static void rareClassNoisePoolAndTeachers() throws Exception {
        rare = CliFixture.idx(IDX.dir().resolve("rare"), 200, 40, 4, 3, 1);
        tinyPool = Files.createDirectories(IDX.dir().resolve("pool"));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3; i++) {
            byte[] pixels = new byte[16 * 16];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (byte) r.nextInt(256);
            }
            PngFiles.write(Image.wrap(1, 16, 16, pixels), tinyPool.resolve("noise-" + i + ".png"));
        }
        teacher = IDX.dir().resolve("teacher");
        assertEquals(0, CliFixture.run(train("supervised", teacher, "--steps", "60")).code());
        weakTeacher = IDX.dir().resolve("weak");
        assertEquals(0, CliFixture.run(train("supervised", weakTeacher, "--steps", "1", "--lr", "0.0001")).code());
    }

    private static String[] train(String method, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", method, "--data", IDX.spec(), "--labels-per-class", "4",
                "--validation-per-class", "5", "--batch-size", "16", "--seed", "3", "--out", out.toString(), "--force"));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    private static double testAccuracy(Path run) throws Exception {
        Path metrics = run.resolve("metrics.json");
        if (!Files.isRegularFile(metrics)) {
            JsonNode rounds = JSON.readTree(run.resolve("rounds.json").toFile()).get("rounds");
            return rounds.get(rounds.size() - 1).get("test_accuracy").asDouble();
        }
        return JSON.readTree(metrics.toFile()).get("test_accuracy").asDouble();
    }

    @Test
    void aClassWithOneImageIsOneLineNamingTheOptionAndTheClass() {
        CliFixture.Result r = CliFixture.run("train", "supervised", "--data", "idx:" + rare, "--labels-per-class", "4",
                "--validation-per-class", "0", "--steps", "5", "--out", IDX.dir().resolve("rare-run").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("mentor: --labels-per-class: 4 needs 4 labeled images of class '3' but it has only 1 after the validation split",
                r.err().strip());
    }

    @Test
    void aClassWithOneImageTrainsWhenEveryLabelIsUsed() throws Exception {
        Path out = IDX.dir().resolve("rare-all");
        CliFixture.Result r = CliFixture.run("train", "supervised", "--data", "idx:" + rare, "--validation-per-class", "0",
                "--batch-size", "16", "--steps", "20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(testAccuracy(out) > 0.25, "above chance: " + testAccuracy(out));
    }

    @Test
    void aPoolSmallerThanOneBatchWorksForConsistencyAndSelfTraining() throws Exception {
        // FixMatch wants 7 x 16 unlabeled images a step and the pool has 3; self-training's pool is 3 images too
        for (String method : List.of("fixmatch", "uda", "noisy-student", "distill")) {
            Path out = IDX.dir().resolve("tiny-" + method);
            List<String> extra = new ArrayList<>(List.of("--unlabeled", "folder:" + tinyPool, "--steps", "6"));
            if (method.equals("noisy-student") || method.equals("distill")) {
                extra.addAll(List.of("--teacher", teacher.toString()));
            }
            if (method.equals("noisy-student")) {
                extra.addAll(List.of("--rounds", "1"));
            }
            CliFixture.Result r = CliFixture.run(train(method, out, extra.toArray(String[]::new)));
            assertEquals(0, r.code(), method + ": " + r.err());
            assertTrue(testAccuracy(out) >= 0, method);
        }
    }

    @Test
    void aTeacherAtChanceDoesNotBreakDistillationOrSelfTraining() throws Exception {
        assertTrue(testAccuracy(weakTeacher) < testAccuracy(teacher), "the weak teacher is weaker than one trained on the labels");
        for (String method : List.of("distill", "noisy-student")) {
            Path out = IDX.dir().resolve("weak-" + method);
            String[] extra = method.equals("noisy-student")
                    ? new String[] {"--teacher", weakTeacher.toString(), "--steps", "12", "--rounds", "1"}
                    : new String[] {"--teacher", weakTeacher.toString(), "--steps", "12"};
            CliFixture.Result r = CliFixture.run(train(method, out, extra));
            assertEquals(0, r.code(), method + ": " + r.err());
            assertTrue(Double.isFinite(testAccuracy(out)), method);
        }
    }
}
