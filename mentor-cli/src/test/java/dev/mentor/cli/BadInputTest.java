package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is one line on standard error naming the option or file and the value, exit code 2. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertUserError(CliFixture.Result r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), "one line expected:\n" + r.err());
        assertTrue(r.err().startsWith("mentor: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "'" + m + "' missing from: " + r.err());
        }
    }

    @Test
    void unknownOption() {
        assertUserError(CliFixture.run("train", "supervised", "--epoch", "3"), "--epoch");
    }

    @Test
    void missingDataFolder() {
        assertUserError(CliFixture.run("train", "supervised", "--data", "idx:" + dir.resolve("nowhere"), "--out", dir.resolve("r").toString()), "nowhere");
    }

    @Test
    void unknownDataScheme() {
        assertUserError(CliFixture.run("train", "supervised", "--data", "imagenet:x", "--out", dir.resolve("r").toString()), "imagenet");
    }

    @Test
    void idxFileWithAWrongMagicNumber() throws Exception {
        Path data = CliFixture.idx(dir.resolve("idx"), 20, 8, 2);
        Path images = data.resolve("train-images-idx3-ubyte.gz");
        Files.delete(images);
        Files.write(data.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1});
        assertUserError(CliFixture.run("train", "supervised", "--data", "idx:" + data, "--out", dir.resolve("r").toString()),
                "train-images-idx3-ubyte");
    }

    @Test
    void labelBudgetSmallerThanTheClassCountOrLargerThanTheSet() throws Exception {
        Path data = CliFixture.idx(dir.resolve("idx"), 40, 8, 4);
        assertUserError(CliFixture.run("train", "supervised", "--data", "idx:" + data, "--labels", "3",
                "--validation-per-class", "1", "--out", dir.resolve("a").toString()), "--labels", "3");
        assertUserError(CliFixture.run("train", "supervised", "--data", "idx:" + data, "--labels", "500",
                "--validation-per-class", "1", "--out", dir.resolve("b").toString()), "--labels", "500");
    }

    @Test
    void unknownModelAndOutOfRangeOptions() {
        assertUserError(CliFixture.run("train", "supervised", "--model", "vgg-16"), "--model", "vgg-16");
        assertUserError(CliFixture.run("train", "supervised", "--lr", "-1", "--out", dir.resolve("c").toString()), "--lr", "-1");
        assertUserError(CliFixture.run("train", "supervised", "--epochs", "0", "--out", dir.resolve("d").toString()), "--epochs", "0");
    }

    @Test
    void anUnknownPrecision() {
        assertUserError(CliFixture.run("train", "supervised", "--precision", "fp16", "--out", dir.resolve("p").toString()),
                "--precision", "fp16");
        assertUserError(CliFixture.run("fit", "--data", "fashion-mnist", "--precision", "half", "--out", dir.resolve("f").toString()),
                "--precision", "half");
    }

    @Test
    void anUnknownLearningRateSchedule() {
        assertUserError(CliFixture.run("train", "fixmatch", "--lr-schedule", "step", "--out", dir.resolve("s").toString()),
                "--lr-schedule", "step");
        assertTrue(!Files.exists(dir.resolve("s")), "nothing written");
    }

    @Test
    void anUnknownDistillationKindListsTheKinds() {
        CliFixture.Result r = CliFixture.run("train", "distill", "--teacher", dir.resolve("no-teacher").toString(), "--distill", "logits,Hints",
                "--out", dir.resolve("k").toString());
        assertUserError(r, "--distill", "Hints");
        assertTrue(r.err().startsWith("mentor: --distill: expected logits, features or attention, got 'Hints'"), r.err());
    }

    @Test
    void checkpointThatIsNotARun() throws Exception {
        Path fake = dir.resolve("fake");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("model.ckpt"), "not a checkpoint at all, just some text");
        assertUserError(CliFixture.run("evaluate", "--checkpoint", fake.toString(), "--data", "fashion-mnist"), "model.ckpt");
        assertUserError(CliFixture.run("evaluate", "--checkpoint", dir.resolve("none").toString()), "none");
    }

    @Test
    void configFileDefaultsAreOverriddenByFlagsAndUnknownKeysRejected() throws Exception {
        Path data = CliFixture.idx(dir.resolve("idx"), 40, 8, 4);
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, "epochs: 1\nbatch-size: 8\nvalidation-per-class: 1\ndata: idx:" + data + "\n");
        Path out = dir.resolve("cfg");
        CliFixture.Result r = CliFixture.run("train", "supervised", "--config", yaml.toString(), "--batch-size", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"epochs\" : 1") && config.contains("\"batch_size\" : 4"), config);
        Files.writeString(yaml, "epochz: 1\n");
        assertUserError(CliFixture.run("train", "supervised", "--config", yaml.toString(), "--out", dir.resolve("x").toString()), "epochz");
    }
}
