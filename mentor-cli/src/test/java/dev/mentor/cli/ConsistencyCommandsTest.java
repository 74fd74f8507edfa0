package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End to end: {@code train fixmatch}, {@code train uda} and {@code train mpl} (full and reduced) on a small IDX set. */
class ConsistencyCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(160, 40, 4);

    /** The shared options of a small run: 40 labels, 5 steps of 8 per epoch, μ = 2. */
    static CliFixture.Result train(String method, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", method, "--data", IDX.spec(), "--labels", "40",
                "--validation-per-class", "5", "--epochs", "3", "--batch-size", "8", "--lr", "0.05",
                "--unlabeled-ratio", "2", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliFixture.run(args.toArray(String[]::new));
    }

    static JsonNode json(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    static JsonNode lastEpoch(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void fixMatchTrainsAndRecordsItsOptions() throws Exception {
        Path run = IDX.dir().resolve("fixmatch");
        CliFixture.Result r = train("fixmatch", run, "--threshold", "0.9");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test accuracy"), r.out());
        assertEquals(0.9, json(run.resolve("method.json")).get("confidence_threshold").asDouble());
        assertEquals(0.0, json(run.resolve("method.json")).get("temperature").asDouble());
        JsonNode epoch = lastEpoch(run.resolve("metrics.jsonl"));
        assertTrue(epoch.at("/components/mask_ratio").isNumber() && epoch.at("/components/ms_forward").isNumber(), epoch.toString());
        assertEquals("fixmatch", json(run.resolve("metrics.json")).get("method").asText());
    }

    @Test
    void udaTrainsWithItsTemperatureAndRamp() throws Exception {
        Path run = IDX.dir().resolve("uda");
        CliFixture.Result r = train("uda", run, "--temperature", "0.5", "--uda-steps", "10");
        assertEquals(0, r.code(), r.err());
        JsonNode options = json(run.resolve("method.json"));
        assertEquals(0.5, options.get("temperature").asDouble());
        assertEquals(10, options.get("ramp_up_steps").asLong());
        assertEquals(0.8, options.get("confidence_threshold").asDouble(), "uda's own default threshold");
        assertEquals(1.0, lastEpoch(run.resolve("metrics.jsonl")).at("/components/unlabeled_weight").asDouble(), 1e-9);
        double accuracy = json(run.resolve("metrics.json")).get("test_accuracy").asDouble();
        assertTrue(accuracy > 0 && accuracy <= 1, "test accuracy " + accuracy);
    }

    @Test
    void mplTrainsTeacherAndStudentThenFineTunesAndResumesWithItsOwnOptions() throws Exception {
        Path run = IDX.dir().resolve("mpl");
        CliFixture.Result r = train("mpl", run, "--mpl-sign", "author", "--student-wait-steps", "2",
                "--finetune-epochs", "2", "--finetune-lr", "0.01", "--uda-steps", "5", "--ema", "0.9");
        assertEquals(0, r.code(), r.err());
        JsonNode options = json(run.resolve("method.json"));
        assertEquals("AUTHOR", options.get("sign").asText());
        assertEquals(0.05, options.get("student_learning_rate").asDouble());
        assertEquals(0.8, options.at("/teacher/confidence_threshold").asDouble(), "the UDA teacher's default threshold");
        assertEquals(5, options.at("/teacher/ramp_up_steps").asLong());
        JsonNode epoch = lastEpoch(run.resolve("metrics.jsonl"));
        for (String c : List.of("mpl_factor", "teacher_ce", "student", "student_labeled", "ms_teacher_forward",
                "ms_student_forward_backward", "ms_student_measure", "ms_teacher_backward")) {
            assertTrue(epoch.at("/components/" + c).isNumber(), c + " in " + epoch);
        }
        assertEquals(2, Files.readAllLines(run.resolve("metrics-finetune.jsonl")).size());
        JsonNode metrics = json(run.resolve("metrics.json"));
        assertEquals("finetune", metrics.at("/phases/1/name").asText());
        assertTrue(metrics.at("/test_accuracy_by_role/teacher").isNumber(), metrics.toString());
        double before = metrics.get("test_accuracy").asDouble();

        CliFixture.Result resumed = CliFixture.run("train", "mpl", "--resume", run.toString(), "--mpl-sign", "theory");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals("AUTHOR", json(run.resolve("method.json")).get("sign").asText(), "method.json is read, not rewritten");
        assertEquals(before, json(run.resolve("metrics.json")).get("test_accuracy").asDouble(), 0.0);
    }

    /**
     * A student that hardly learns (it waits 14 of 15 steps, learns at a negligible rate, then fine-tunes one step at one) stays near chance
     * while its teacher trains: the run keeps the teacher, better on validation, and says so.
     */
    @Test
    void mplKeepsItsTeacherWhenTheStudentEndsBelowItOnValidation() throws Exception {
        Path run = IDX.dir().resolve("mpl-teacher");
        CliFixture.Result r = train("mpl", run, "--student-wait-steps", "14", "--student-lr", "1e-9", "--finetune-steps", "1",
                "--finetune-lr", "1e-9", "--init", "none");
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = json(run.resolve("metrics.json"));
        assertEquals("teacher", metrics.path("kept").asText(), metrics.toString());
        double student = metrics.at("/phases/1/validation_accuracy").asDouble();
        assertTrue(metrics.get("validation_accuracy").asDouble() > student, metrics.toString());
        assertEquals(metrics.at("/test_accuracy_by_role/teacher").asDouble(), metrics.get("test_accuracy").asDouble(), 0.0,
                "the saved and tested model is the teacher");
        assertTrue(r.err().contains("kept the teacher: "), r.err());
    }

    /**
     * A FixMatch run started from a trained run whose weights it then shrinks to nothing (weight decay 5 at rate 0.05, with
     * no momentum to overshoot, takes a quarter of them every step, and the biases, not decayed, take over its logits)
     * returns the model it started from, strictly better on validation, says so, and reports both. A start trained on
     * another split is not compared, and a run with --init none has no start to keep.
     */
    @Test
    void aRunStartedFromAnotherKeepsThatModelWhenItEndsBelowItOnValidation() throws Exception {
        Path start = IDX.dir().resolve("start");
        CliFixture.Result trained = CliFixture.run("train", "supervised", "--data", IDX.spec(), "--labels", "40",
                "--validation-per-class", "5", "--epochs", "6", "--batch-size", "8", "--lr", "0.05", "--out", start.toString());
        assertEquals(0, trained.code(), trained.err());
        JsonNode given = json(start.resolve("metrics.json"));

        Path run = IDX.dir().resolve("fixmatch-from-start");
        CliFixture.Result r = train("fixmatch", run, "--init", start.toString(), "--weight-decay", "5", "--momentum", "0");
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = json(run.resolve("metrics.json"));
        assertEquals("start", metrics.path("kept").asText(), metrics.toString());
        assertEquals(given.get("validation_accuracy").asDouble(), metrics.get("validation_accuracy").asDouble(), 1e-9);
        assertEquals(given.get("test_accuracy").asDouble(), metrics.get("test_accuracy").asDouble(), 1e-9,
                "the saved and tested model is the start's");
        assertEquals(given.get("test_accuracy").asDouble(), metrics.at("/test_accuracy_by_role/start").asDouble(), 1e-9);
        assertTrue(r.err().contains("kept the model it started from (" + start + "): "), r.err());
        double trainedAccuracy = metrics.at("/test_accuracy_by_role/trained").asDouble();
        assertTrue(trainedAccuracy < given.get("test_accuracy").asDouble(), "what the run trained stays on record: " + metrics);
        JsonNode epoch = lastEpoch(run.resolve("metrics.jsonl"));
        assertTrue(epoch.get("validation_accuracy").asDouble() < given.get("validation_accuracy").asDouble(), epoch.toString());

        // a start drawn from another split (another seed) may have trained on this run's validation images: not compared
        Path other = IDX.dir().resolve("start-other-split");
        assertEquals(0, CliFixture.run("train", "supervised", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--epochs", "6", "--batch-size", "8", "--lr", "0.05", "--seed", "1", "--out", other.toString()).code());
        Path fromOther = IDX.dir().resolve("fixmatch-from-other-split");
        CliFixture.Result o = train("fixmatch", fromOther, "--init", other.toString(), "--weight-decay", "5", "--momentum", "0");
        assertEquals(0, o.code(), o.err());
        JsonNode otherMetrics = json(fromOther.resolve("metrics.json"));
        assertTrue(otherMetrics.path("kept").isMissingNode() || otherMetrics.path("kept").isNull(), otherMetrics.toString());
        assertTrue(o.err().contains("was trained on another split"), o.err());

        Path fresh = IDX.dir().resolve("fixmatch-fresh");
        assertEquals(0, train("fixmatch", fresh, "--weight-decay", "5", "--momentum", "0", "--init", "none").code());
        assertFalse(Files.exists(fresh.resolve(Training.START)), "a fresh start trains no start of its own");
        JsonNode freshMetrics = json(fresh.resolve("metrics.json"));
        assertTrue(freshMetrics.path("kept").isMissingNode() || freshMetrics.path("kept").isNull(), freshMetrics.toString());
        assertTrue(freshMetrics.at("/test_accuracy_by_role/start").isMissingNode(), freshMetrics.toString());
    }

    /**
     * Without --init, a consistency method first trains its own start, supervised with the run's options, into RUN/start:
     * the same model {@code train supervised} gives with those options. The run is compared with it (it never ends below it
     * on validation), and a run stopped before its start finished continues the start and then itself, to the same end.
     */
    @Test
    void withoutInitAConsistencyMethodTrainsItsOwnSupervisedStartFirst() throws Exception {
        Path supervised = IDX.dir().resolve("own-start-supervised");
        assertEquals(0, CliFixture.run("train", "supervised", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--epochs", "3", "--batch-size", "8", "--lr", "0.05", "--out", supervised.toString()).code());
        JsonNode alone = json(supervised.resolve("metrics.json"));

        Path run = IDX.dir().resolve("fixmatch-own-start");
        CliFixture.Result r = train("fixmatch", run);
        assertEquals(0, r.code(), r.err());
        Path start = run.resolve(Training.START);
        assertTrue(r.err().contains("training its start, supervised on the labeled images, into " + Training.startFolder(run)), r.err());
        assertEquals(Training.startFolder(run).toString(), json(run.resolve("config.json")).get("init").asText());
        JsonNode startMetrics = json(start.resolve("metrics.json"));
        assertEquals("supervised", startMetrics.get("method").asText());
        for (String field : List.of("test_accuracy", "validation_accuracy", "steps", "test_nll")) {
            assertEquals(alone.get(field).asDouble(), startMetrics.get(field).asDouble(), 0.0, field + ": the start is train supervised's model");
        }
        assertArrayEquals(Files.readAllBytes(supervised.resolve(RunDirectory.MODEL)), Files.readAllBytes(start.resolve(RunDirectory.MODEL)));
        JsonNode metrics = json(run.resolve("metrics.json"));
        assertEquals(alone.get("test_accuracy").asDouble(), metrics.at("/test_accuracy_by_role/start").asDouble(), 0.0, metrics.toString());
        assertTrue(metrics.get("validation_accuracy").asDouble() >= alone.get("validation_accuracy").asDouble(),
                "never below its start on validation: " + metrics);

        // stopped before its start finished: --resume continues the start, then trains the method from it, to the same end
        Files.delete(start.resolve("metrics.json"));
        Files.delete(start.resolve(RunDirectory.MODEL));
        for (String file : List.of("metrics.json", "metrics.jsonl", "checkpoint.ckpt", "checkpoint.prev.ckpt", RunDirectory.MODEL)) {
            Files.deleteIfExists(run.resolve(file));
        }
        CliFixture.Result resumed = CliFixture.run("train", "fixmatch", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming its start"), resumed.err());
        assertEquals(alone.get("test_accuracy").asDouble(), json(start.resolve("metrics.json")).get("test_accuracy").asDouble(), 0.0);
        JsonNode again = json(run.resolve("metrics.json"));
        for (String field : List.of("test_accuracy", "validation_accuracy", "test_nll")) {
            assertEquals(metrics.get(field).asDouble(), again.get(field).asDouble(), 0.0, field + ": the same run from the same start");
        }

        // the folder moved: a resumed run finds its start where the folder is now
        Path moved = IDX.dir().resolve("fixmatch-own-start-moved");
        Files.move(run, moved);
        Files.delete(moved.resolve("metrics.json"));
        CliFixture.Result afterMove = CliFixture.run("train", "fixmatch", "--resume", moved.toString());
        assertEquals(0, afterMove.code(), afterMove.err());
        assertEquals(metrics.get("test_accuracy").asDouble(), json(moved.resolve("metrics.json")).get("test_accuracy").asDouble(), 0.0);

        // a forced run that trains no start of its own leaves none of the earlier run's behind
        assertEquals(0, train("fixmatch", moved, "--init", "none", "--force").code());
        assertFalse(Files.exists(moved.resolve(Training.START)), "the earlier run's start is gone");
    }

    @Test
    void aRunsOwnStartIsRecognisedWhereverItsFolderIs() throws Exception {
        Path root = Files.createDirectories(IDX.dir().resolve("own/run"));
        Files.createDirectories(root.resolve(Training.START));
        assertTrue(Training.isOwnStart(Training.startFolder(root).toString(), root));
        Path link = Files.createSymbolicLink(IDX.dir().resolve("own/link"), root);
        assertTrue(Training.isOwnStart(link.resolve(Training.START).toString(), root), "recorded through a link");
        assertTrue(Training.isOwnStart(IDX.dir().resolve("own/gone/start").toString(), root), "recorded before the folder moved");
        Path other = Files.createDirectories(IDX.dir().resolve("own/other/start"));
        assertFalse(Training.isOwnStart(other.toString(), root), "another run's start, given with --init");
        assertFalse(Training.isOwnStart(root.resolve("elsewhere").toString(), root));
        assertFalse(Training.isOwnStart(null, root));
    }

    @Test
    void mplFineTunesForAShareOfItsStepsNotEpochsOfTheLabels() throws Exception {
        // 40 labels at batch 8 are 5 steps a pass: the old default, 20 passes, was 100 steps of fine-tuning after
        // a 10-step run; the default is now 20% of the run's steps
        Path run = IDX.dir().resolve("mpl-steps");
        CliFixture.Result r = CliFixture.run("train", "mpl", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--steps", "10", "--batch-size", "8", "--unlabeled-ratio", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, lastEpoch(run.resolve("metrics-finetune.jsonl")).get("step").asLong());
        assertEquals(10, json(run.resolve("metrics.json")).get("steps").asLong());

        CliFixture.Result both = train("mpl", IDX.dir().resolve("both"), "--finetune-epochs", "1", "--finetune-steps", "3");
        assertEquals(2, both.code(), both.err());
        assertEquals("mentor: --finetune-epochs: give it or --finetune-steps, not both", both.err().strip());
    }

    @Test
    void reducedMplUsesAFinishedRunAsItsFrozenTeacher() throws Exception {
        Path large = IDX.dir().resolve("large");
        assertEquals(0, CliFixture.run("train", "supervised", "--data", IDX.spec(), "--labels", "40",
                "--validation-per-class", "5", "--epochs", "3", "--batch-size", "8", "--out", large.toString()).code());
        Path run = IDX.dir().resolve("reduced");
        CliFixture.Result r = train("mpl", run, "--reduced-teacher", large.toString(), "--reduced-width", "16",
                "--teacher-cache-dir", IDX.dir().resolve("cache").toString(), "--finetune-epochs", "1", "--init", "none");
        assertEquals(0, r.code(), r.err());
        JsonNode epoch = lastEpoch(run.resolve("metrics.jsonl"));
        assertTrue(epoch.at("/components/changed_ratio").isNumber(), epoch.toString());
        assertFalse(epoch.has("/components/consistency"));
        JsonNode metrics = json(run.resolve("metrics.json"));
        assertTrue(metrics.get("test_accuracy_by_role").isEmpty(), "the MLP teacher reads outputs, not images: " + metrics);
        assertEquals(16, json(run.resolve("method.json")).at("/reduced_teacher/width").asInt());
        assertTrue(r.err().contains("teacher cache: wrote"), r.err());
    }

    @Test
    void badOptionsAreOneLineAndLeaveNoRunBehind() {
        Path out = IDX.dir().resolve("bad");
        for (String[] bad : List.of(new String[] {"fixmatch", "--threshold", "1.5"}, new String[] {"uda", "--temperature", "-1"},
                new String[] {"mpl", "--mpl-sign", "sideways"}, new String[] {"mpl", "--lambda-u", "-2.0"},
                new String[] {"mpl", "--reduced-teacher", IDX.dir().resolve("nowhere").toString()})) {
            CliFixture.Result r = train(bad[0], out, bad[1], bad[2]);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(bad[1]) && r.err().contains(bad[2].substring(bad[2].lastIndexOf('/') + 1)), r.err());
            assertFalse(Files.exists(out), "nothing is created for " + String.join(" ", bad));
        }
    }
}
