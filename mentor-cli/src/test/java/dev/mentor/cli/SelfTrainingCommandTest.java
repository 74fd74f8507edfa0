package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.Rounds;
import dev.mentor.run.SelectionRecord;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.teacher.PseudoLabelFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a two-round {@code train noisy-student}, its resumption, {@code pseudo-label} and {@code train pseudo-label}. */
class SelfTrainingCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path data;
    static Path run;
    static CliFixture.Result trained;

    static String[] common(String... more) {
        String[] base = {"--data", "idx:" + data, "--labels", "40", "--validation-per-class", "5", "--epochs", "3",
            "--batch-size", "8", "--lr", "0.05"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static String[] command(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @BeforeAll
    static void train() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 200, 40, 4);
        run = dir.resolve("ns");
        trained = CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--rounds", "2",
                "--models", "cnn-small,resnet-20", "--student-epochs", "2", "--augment", "weak+randaugment:n=2,m=9",
                "--dropout", "0.3", "--stochastic-depth", "0.1", "--min-confidence", "0.3", "--pseudo-ratio", "2",
                "--out", run.toString())));
    }

    @Test
    void twoRoundsOfNoisyStudentLeaveEveryRoundAndASummary() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        JsonNode rounds = JSON.readTree(run.resolve("rounds.json").toFile());
        assertEquals("mentor-rounds", rounds.get("format").asText());
        assertTrue(rounds.get("complete").asBoolean());
        assertEquals(3, rounds.get("rounds").size());
        String[] models = {"cnn-small", "resnet-20", "resnet-20"};
        for (int r = 0; r <= 2; r++) {
            JsonNode round = rounds.get("rounds").get(r);
            assertEquals(models[r], round.get("model").asText());
            assertEquals(r == 0 ? 3 : 2, round.get("epochs").asInt());
            assertEquals(0, round.at("/memory/arrays_after").asInt());
            Path folder = run.resolve("round-" + r);
            JsonNode config = JSON.readTree(folder.resolve("config.json").toFile());
            assertEquals("weak+randaugment:n=2,m=9", config.get("augment").asText());
            assertEquals(0.3, config.get("dropout").asDouble());
            assertTrue(Files.isRegularFile(folder.resolve("model.ckpt")));
        }
        JsonNode labels = rounds.get("rounds").get(1).get("pseudo_labels");
        assertEquals(160 - 20, labels.get("images").asInt());
        assertTrue(labels.get("accuracy").asDouble() > 0.25, labels.toString());
        JsonNode selection = JSON.readTree(run.resolve("round-2/pseudo-labels/selection.json").toFile());
        assertEquals("soft", selection.get("pseudo_labels").asText());
        assertTrue(selection.get("balance").asBoolean());
        assertEquals(Rounds.read(run.resolve("rounds.json")).rounds().get(2).pseudoLabels(),
                SelectionRecord.read(run.resolve("round-2/pseudo-labels/selection.json")).summary());
        assertTrue(trained.out().contains("test accuracy:") && trained.out().contains("student"), trained.out());
        assertEquals(3, SelfTrainingDirectory.Saved.read(run.resolve("config.json")).selfTraining().rounds() + 1);
    }

    @Test
    void resumingAFinishedRunTrainsNothingAgain() throws Exception {
        long before = Files.getLastModifiedTime(run.resolve("round-2/model.ckpt")).toMillis();
        CliFixture.Result again = CliFixture.run("train", "noisy-student", "--resume", run.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("round 2/2: student resnet-20 finished before"), again.err());
        assertEquals(before, Files.getLastModifiedTime(run.resolve("round-2/model.ckpt")).toMillis());
    }

    @Test
    void pseudoLabelWritesTheArtifactOfTheTeachersOwnPool() throws Exception {
        Path out = dir.resolve("labels");
        CliFixture.Result r = CliFixture.run("pseudo-label", "--teacher", run.resolve("round-0").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        PseudoLabelFile.Artifact artifact = PseudoLabelFile.read(out);
        assertEquals(140, artifact.labels().size());
        assertEquals(PseudoLabelFile.IdKind.INDEX, artifact.header().idKind());
        // the teacher's own labels, as round 1 trained on them
        assertEquals(PseudoLabelFile.read(run.resolve("round-1/pseudo-labels")).labels().ids(), artifact.labels().ids());
        assertEquals(java.util.Arrays.toString(PseudoLabelFile.read(run.resolve("round-1/pseudo-labels")).labels().probabilities()),
                java.util.Arrays.toString(artifact.labels().probabilities()));
        assertTrue(r.out().contains("accuracy against the pool's true labels"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.json")));
        CliFixture.Result again = CliFixture.run("pseudo-label", "--teacher", run.resolve("round-0").toString(), "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--force"), again.err());
        // a folder holding an older build's payload (version 1) holds pseudo-labels too; --force replaces them whole
        Path old = Files.createDirectories(dir.resolve("old-labels"));
        Files.write(old.resolve(PseudoLabelFile.LEGACY_PAYLOAD), new byte[] {1, 2, 3});
        CliFixture.Result refused = CliFixture.run("pseudo-label", "--teacher", run.resolve("round-0").toString(), "--out", old.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("already holds pseudo-labels"), refused.err());
        CliFixture.Result forced = CliFixture.run("pseudo-label", "--teacher", run.resolve("round-0").toString(), "--out", old.toString(),
                "--force");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(Files.exists(old.resolve(PseudoLabelFile.LEGACY_PAYLOAD)));
        assertEquals(artifact.labels().ids(), PseudoLabelFile.read(old).labels().ids());
    }

    @Test
    void pseudoLabelTakesASelfTrainingRunAsTheModelItChose() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        Path out = dir.resolve("labels-of-the-run");
        CliFixture.Result r = CliFixture.run("pseudo-label", "--teacher", run.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path chosen = SelfTrainingDirectory.modelFolder(run);
        assertTrue(chosen.getFileName().toString().startsWith("round-"), chosen.toString());
        assertEquals(chosen.toString(), PseudoLabelFile.read(out).header().teacher().run());
    }

    @Test
    void pseudoLabelOfAFolderNamesImagesByTheirPathInside() throws Exception {
        Path folder = dir.resolve("pool");
        Files.createDirectories(folder.resolve("sub"));
        for (String name : new String[] {"a.png", "sub/b.png"}) {
            BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            ImageIO.write(image, "png", folder.resolve(name).toFile());
        }
        Path out = dir.resolve("folder-labels");
        CliFixture.Result r = CliFixture.run("pseudo-label", "--teacher", run.resolve("round-1").toString(),
                "--unlabeled", "folder:" + folder, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        PseudoLabelFile.Artifact artifact = PseudoLabelFile.read(out);
        assertEquals(java.util.List.of("a.png", "sub/b.png"), artifact.labels().ids());
        assertEquals(PseudoLabelFile.IdKind.PATH, artifact.header().idKind());
        assertTrue(r.out().contains("unknown"), r.out());
    }

    @Test
    void trainPseudoLabelIsOneRoundOfTheSameModelOnHardLabels() throws Exception {
        Path out = dir.resolve("pl");
        CliFixture.Result r = CliFixture.run(command(new String[] {"train", "pseudo-label"}, common(
                "--teacher", run.resolve("round-0").toString(), "--model", "cnn-small", "--student-epochs", "2",
                "--out", out.toString())));
        assertEquals(0, r.code(), r.err());
        JsonNode rounds = JSON.readTree(out.resolve("rounds.json").toFile());
        assertEquals(2, rounds.get("rounds").size());
        assertEquals(run.resolve("round-0").toString(), rounds.get("rounds").get(0).get("directory").asText());
        JsonNode selection = JSON.readTree(out.resolve("round-1/pseudo-labels/selection.json").toFile());
        assertEquals("hard", selection.get("pseudo_labels").asText());
        assertFalse(selection.get("balance").asBoolean());
        assertEquals(140, selection.at("/summary/selected").asInt());
        assertFalse(Files.exists(out.resolve("round-0")));
    }

    @Test
    void theThresholdCanBeChosenOnValidation() throws Exception {
        Path out = dir.resolve("auto");
        CliFixture.Result r = CliFixture.run(command(new String[] {"train", "noisy-student"}, common(
                "--teacher", run.resolve("round-0").toString(), "--rounds", "1", "--student-epochs", "1", "--min-confidence", "auto",
                "--out", out.toString())));
        assertEquals(0, r.code(), r.err());
        JsonNode selection = JSON.readTree(out.resolve("round-1/pseudo-labels/selection.json").toFile());
        JsonNode grid = selection.get("min_confidence_chosen_on_validation");
        assertEquals(10, grid.size(), selection.toString());
        double best = -2;
        for (JsonNode p : grid) {
            best = Math.max(best, p.get("score").asDouble());
        }
        double chosen = selection.get("min_confidence").asDouble();
        for (JsonNode p : grid) {
            if (p.get("threshold").asDouble() == chosen) {
                assertEquals(best, p.get("score").asDouble(), 0.0, "the chosen threshold scores best: " + grid);
            }
        }
        assertTrue(java.util.regex.Pattern.compile("round 1: --min-confidence \\d\\.\\d chosen on validation").matcher(r.err()).find(),
                r.err());
        assertTrue(SelfTrainingDirectory.Saved.read(out.resolve("config.json")).selfTraining().minConfidenceOnValidation());
        // a student of the teacher's architecture starts from the teacher's weights by default, recorded as its init
        assertTrue(r.err().contains("the student starts from its teacher's weights"), r.err());
        assertEquals(run.resolve("round-0").toString(), JSON.readTree(out.resolve("round-1/config.json").toFile()).get("init").asText());
    }

    @Test
    void aStudentShorterThanTheDefaultWarmUpStillTrains() throws Exception {
        // --epochs 100 resolves a 5-epoch warm-up; the 1-epoch student warms up for 5% of its own epoch
        Path out = dir.resolve("short-student");
        CliFixture.Result r = CliFixture.run("train", "pseudo-label", "--data", "idx:" + data, "--labels", "40",
                "--validation-per-class", "5", "--epochs", "100", "--batch-size", "8", "--lr", "0.05",
                "--teacher", run.resolve("round-0").toString(), "--model", "cnn-small", "--student-epochs", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ExperimentConfig config = ExperimentConfig.read(out.resolve("round-1/config.json"));
        assertEquals(1, config.epochs());
        assertEquals(0.05, config.warmupEpochs(), 1e-12);
    }

    private static void assertUserError(CliFixture.Result r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), "one line expected:\n" + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "'" + m + "' missing from: " + r.err());
        }
    }

    @Test
    void badSelfTrainingOptionsAreOneLineErrors() {
        Path out = dir.resolve("bad");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--pseudo-labels", "fuzzy",
                "--out", out.toString()))), "--pseudo-labels", "fuzzy");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--balance", "maybe",
                "--out", out.toString()))), "--balance", "maybe");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--models", "cnn-small,vgg-16",
                "--out", out.toString()))), "--models", "vgg-16");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--models", "resnet-20,cnn-small",
                "--rounds", "1", "--out", out.toString()))), "--models", "smaller than its teacher");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--min-confidence", "sometimes",
                "--out", out.toString()))), "--min-confidence", "sometimes");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--min-confidence", "2",
                "--out", out.toString()))), "--min-confidence", "2");
        assertUserError(CliFixture.run(command(new String[] {"train", "noisy-student"}, common("--teacher",
                run.resolve("round-0").toString(), "--seed", "1", "--out", out.toString()))), "--teacher", "--seed 0", "has 1");
        assertUserError(CliFixture.run("train", "noisy-student", "--resume", dir.resolve("nowhere").toString()), "--resume");
        assertFalse(Files.exists(out), "a refused run leaves no folder");
        assertUserError(CliFixture.run("pseudo-label", "--teacher", dir.resolve("nowhere").toString(), "--out",
                out.toString()), "--teacher");
    }
}
