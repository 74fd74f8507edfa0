package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.FlexMatch;
import dev.mentor.method.FreeMatch;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplSign;
import dev.mentor.teacher.PseudoLabelReport;
import dev.mentor.train.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of runs made before run records had versions (copied from such runs under {@code
 * src/test/resources/dev/mentor/run/legacy}: camelCase records, snake_case maps, no format or version)
 * read through the record classes as they did, and read the same once written again in the current layout.
 */
class LegacyRunRecordsTest {
    @TempDir
    Path dir;

    static Path legacy(String name) throws Exception {
        return Path.of(LegacyRunRecordsTest.class.getResource("legacy/" + name).toURI());
    }

    @Test
    void configsOfEveryEarlierLayoutRead() throws Exception {
        ExperimentConfig config = RunDirectory.readConfig(legacy("mutual"), "--resume");
        assertEquals(4, config.labelsPerClass());
        assertEquals(100, config.validationPerClass());
        assertEquals(500L, config.steps());
        assertEquals(50L, config.warmupSteps());
        assertEquals(5e-4, config.optimizer().weightDecay());
        assertNull(config.init());
        ExperimentConfig beforeSteps = ExperimentConfig.read(legacy("before-steps/config.json"));
        assertNull(beforeSteps.steps());
        assertEquals(128, beforeSteps.batchSize());
        assertEquals(config, SelfTrainingDirectory.experimentOf(legacy("mutual")));

        SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(legacy("noisy-student"));
        assertEquals(2, saved.selfTraining().rounds());
        assertEquals(500L, saved.selfTraining().studentSteps());
        assertEquals("/work/exp/matrix/runs/fm4/supervised-s0", saved.experiment().init());
        assertEquals(saved.experiment(), SelfTrainingDirectory.experimentOf(legacy("noisy-student")));

        Path again = Files.createDirectories(dir.resolve("again"));
        config.write(again.resolve(RunDirectory.CONFIG));
        String text = Files.readString(again.resolve(RunDirectory.CONFIG));
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-config\",\n  \"version\" : 1,") && text.contains("\"labels_per_class\" : 4")
                && text.contains("\"weight_decay\" : 5.0E-4") && !text.contains("labelsPerClass"), text);
        assertEquals(config, RunDirectory.readConfig(again, "--resume"));
        assertEquals(config, SelfTrainingDirectory.experimentOf(again));
        saved.write(again.resolve(RunDirectory.CONFIG));
        assertTrue(Files.readString(again.resolve(RunDirectory.CONFIG)).contains("\"self_training\" : {"));
        assertEquals(saved, SelfTrainingDirectory.readConfig(again));
        assertEquals(saved.experiment(), SelfTrainingDirectory.experimentOf(again));
        MentorException e = assertThrows(MentorException.class, () -> RunDirectory.readConfig(again, "--resume"));
        assertEquals("--resume: " + again.resolve(RunDirectory.CONFIG) + ": holds a mentor-self-training-config record, not a mentor-config one",
                e.getMessage());
    }

    @Test
    void manifestsReadAndKeepTheirKeys() throws Exception {
        Manifest manifest = Manifest.read(legacy("mutual/manifest.json"));
        assertEquals("14410854cf7a2894", manifest.dataFingerprint());
        assertEquals("14410854cf7a2894", Manifest.dataFingerprint(legacy("mutual")));
        assertEquals(40, manifest.labeled());
        assertEquals(2, manifest.intraOpThreads());
        assertNull(manifest.allocator(), "recorded since session 16");
        assertNull(Manifest.dataFingerprint(legacy("mpl")), "no manifest");
        Path again = dir.resolve("manifest.json");
        manifest.write(again);
        String text = Files.readString(again);
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-manifest\",\n  \"version\" : 1,\n  \"mentor_version\" : \"0.1.0\",")
                && text.contains("\"data_fingerprint\" : \"14410854cf7a2894\""), text);
        assertEquals(manifest, Manifest.read(again));
    }

    @Test
    void epochLogsReadLineByLine() throws Exception {
        List<EpochMetrics> epochs = EpochMetrics.readLog(legacy("mutual/metrics.jsonl"));
        assertEquals(2, epochs.size());
        EpochMetrics first = epochs.get(0);
        assertEquals(1, first.epoch());
        assertEquals(10, first.step());
        assertEquals(Set.of("loss_first", "loss_second", "mimicry_weight"), first.components().keySet());
        assertEquals(0.297, first.validationAccuracy());
        assertTrue(first.trainLoss() > 0 && first.learningRate() > 0 && first.imagesPerSecond() > 0 && first.validationNll() > 0);
        assertEquals(1, EpochMetrics.readLog(legacy("mpl/metrics-finetune.jsonl")).size());

        Path again = dir.resolve("metrics.jsonl");
        Files.writeString(again, first.toLine() + "\n" + epochs.get(1).toLine() + "\n");
        String text = Files.readString(again);
        assertTrue(text.startsWith("{\"format\":\"mentor-epoch\",\"version\":1,\"epoch\":1,\"step\":10,\"train_loss\":")
                && text.contains("\"validation_accuracy\":") && !text.contains("trainLoss"), text);
        assertEquals(epochs, EpochMetrics.readLog(again));
        Files.writeString(again, "{\"epoch\":1,\"step\":2,\"trainLoss\":0.5,\"validationAccuracy\":null}\n\n"
                + "{\"format\":\"mentor-epoch\",\"version\":1,\"epoch\":2,\"train_loss\":0.4}\n");
        List<EpochMetrics> noValidation = EpochMetrics.readLog(again);
        assertTrue(Double.isNaN(noValidation.get(0).validationAccuracy()) && Double.isNaN(noValidation.get(1).validationNll()));
        Files.writeString(again, first.toLine() + "\n{\"format\":\"mentor-epoch\",\"version\":1,\"epoch\":2,\"trainLoss\":0.4}\n");
        MentorException e = assertThrows(MentorException.class, () -> EpochMetrics.readLog(again));
        assertEquals(again + ": line 2: not an epoch record (no epoch or train_loss)", e.getMessage());
    }

    @Test
    void finalMetricsGatherTheReportedModelsAccuracies() throws Exception {
        FinalMetrics mutual = FinalMetrics.read(legacy("mutual/metrics.json"));
        assertEquals("mutual", mutual.method());
        assertEquals(50, mutual.epochs());
        assertEquals(0.6349, mutual.testAccuracy());
        assertEquals(0.629, mutual.validationAccuracy());
        assertEquals(500L, mutual.steps());
        assertEquals(10, mutual.testConfusion().length);
        assertEquals(Map.of("first", 0.6124, "second", 0.6349), mutual.testAccuracyByRole());
        assertEquals("second", mutual.kept());
        assertNull(mutual.phases());
        FinalMetrics mpl = FinalMetrics.read(legacy("mpl/metrics.json"));
        assertEquals(Map.of("teacher", 0.6367), mpl.testAccuracyByRole());
        assertEquals(List.of(new FinalMetrics.Phase("mpl", 50, 0.626, 0.622), new FinalMetrics.Phase("finetune", 20, 0.642, null)),
                mpl.phases());

        Path again = dir.resolve("metrics.json");
        mpl.write(again);
        String text = Files.readString(again);
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-metrics\",\n  \"version\" : 1,\n  \"method\" : \"mpl\",")
                && text.contains("\"test_accuracy_by_role\" : {\n    \"teacher\" : 0.6367\n  }") && !text.contains("teacher_test_accuracy"), text);
        FinalMetrics back = FinalMetrics.read(again);
        assertEquals(mpl.testAccuracyByRole(), back.testAccuracyByRole());
        assertEquals(mpl.phases(), back.phases());
        assertEquals(mpl.wallSeconds(), back.wallSeconds());
        Files.writeString(again, "{\"format\": \"mentor-metrics\", \"version\": 1, \"model\": \"cnn-small\"}");
        MentorException e = assertThrows(MentorException.class, () -> FinalMetrics.read(again));
        assertEquals(again + ": not the final metrics of a run (no method or epochs)", e.getMessage());
    }

    @Test
    void roundsAndSelectionsOfSelfTrainingRead() throws Exception {
        Rounds rounds = Rounds.read(legacy("noisy-student/rounds.json"));
        assertEquals("noisy-student", rounds.method());
        assertTrue(rounds.complete());
        assertEquals(3, rounds.rounds().size());
        assertEquals(2, rounds.finalRound().round(), "a run of a build that always returned its last round");
        RoundRecord student = rounds.rounds().get(1);
        assertEquals(student, SelfTrainingDirectory.readRound(legacy("noisy-student/round-1")));
        assertEquals("student", student.role());
        assertTrue(student.forwardFlops() > 0 && student.testAccuracy() > 0 && student.validationAccuracy() > 0);
        assertTrue(student.pseudoLabels().selectedAccuracy() > 0 && student.pseudoLabels().labelingSeconds() > 0);
        assertTrue(student.memory().residentMegabytes() > 0);
        SelectionRecord selection = SelectionRecord.read(legacy("noisy-student/round-1/pseudo-labels/selection.json"));
        assertEquals("soft", selection.pseudoLabels());
        assertEquals(0.3, selection.minConfidence());
        assertNull(selection.minConfidenceChosenOnValidation());
        assertEquals(student.pseudoLabels(), selection.summary(), "selection.json's camelCase summary is the round's");

        Path again = Files.createDirectories(dir.resolve("round-1"));
        new Rounds(rounds.method(), rounds.complete(), rounds.rounds()).write(dir.resolve("rounds.json"));
        String text = Files.readString(dir.resolve("rounds.json"));
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-rounds\",\n  \"version\" : 2,") && text.contains("\"complete\" : true")
                && text.contains("\"forward_flops\"") && text.contains("\"selected_accuracy\"") && text.contains("\"arrays_after\"")
                && !text.contains("testAccuracy"), text);
        assertEquals(rounds, Rounds.read(dir.resolve("rounds.json")));
        SelfTrainingDirectory.writeRound(again, student);
        assertEquals(student, SelfTrainingDirectory.readRound(again));
        selection.write(again.resolve("selection.json"));
        assertTrue(Files.readString(again.resolve("selection.json")).contains("\"labeling_seconds\""));
        assertEquals(selection.summary(), SelectionRecord.read(again.resolve("selection.json")).summary());
        Files.writeString(again.resolve("round.json"), "{\"format\": \"mentor-round\", \"version\": 2}");
        MentorException e = assertThrows(MentorException.class, () -> SelfTrainingDirectory.readRound(again));
        assertEquals(again.resolve("round.json") + ": mentor-round version 2 is newer than this build reads (up to 1); read it with a "
                + "newer Mentor; delete it to train the round again", e.getMessage());
    }

    @Test
    void pseudoLabelReportsReadAsTheyWereWritten() throws Exception {
        for (String name : List.of("report", "report-unknown-truth")) {
            PseudoLabelReport report = PseudoLabelReport.read(legacy("pseudo-label/" + name + ".json"));
            assertEquals(10, report.images());
            assertEquals(12, report.confidenceHistogram().size());
            assertEquals("a", report.classHistogram().get(0).className(), "an earlier build's class key");
            assertEquals(Files.readString(legacy("pseudo-label/" + name + ".txt")), report.toText(), "report.txt as that build printed it");
            Path again = dir.resolve(name + ".json");
            report.write(again);
            assertTrue(Files.readString(again).startsWith("{\n  \"format\" : \"mentor-pseudo-label-report\",\n  \"version\" : 1,"));
            assertEquals(report, PseudoLabelReport.read(again));
        }
        PseudoLabelReport known = PseudoLabelReport.read(legacy("pseudo-label/report.json"));
        assertEquals(0.6, known.accuracy());
        assertEquals(1.25, known.labelingSeconds());
        assertEquals(8, known.thresholds().size());
        PseudoLabelReport unknown = PseudoLabelReport.read(legacy("pseudo-label/report-unknown-truth.json"));
        assertNull(unknown.ece(), "left out by that build");
        assertNull(unknown.thresholds());
        assertNull(unknown.classHistogram().get(0).trueImages());
    }

    @Test
    void memoryLogsReadAndAResumeKeepsAnEarlierBuildsLines() throws Exception {
        List<MemoryLog.Epoch> epochs = MemoryLog.read(legacy("mpl/memory.jsonl"));
        assertEquals(List.of(new MemoryLog.Epoch("mpl", 1, 6, 412, 61, 905L), new MemoryLog.Epoch("mpl", 2, 12, 398, 64, 911L),
                new MemoryLog.Epoch("finetune", 1, 3, 205, 58, 913L)), epochs);
        Path file = dir.resolve(MemoryLog.FILE);
        Files.copy(legacy("mpl/memory.jsonl"), file);
        new MemoryLog(file, "mpl", null).onStart(java.util.Collections.nCopies(1, (EpochMetrics) null), 6, 6);
        assertEquals(List.of(epochs.get(0), epochs.get(2)), MemoryLog.read(file), "the lines past the checkpoint dropped, the rest kept");
        Files.writeString(file, MemoryLog.LINE.line(epochs.get(1)) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(Files.readString(file).endsWith("{\"format\":\"mentor-memory\",\"version\":1,\"phase\":\"mpl\",\"epoch\":2,\"step\":12,"
                + "\"native_arrays\":398,\"heap_mb\":64,\"resident_mb\":911}\n"), Files.readString(file));
        assertEquals(List.of(epochs.get(0), epochs.get(2), epochs.get(1)), MemoryLog.read(file), "the two layouts in one file");
        Files.writeString(file, "{\"format\":\"mentor-epoch\",\"version\":1,\"epoch\":1}\n");
        MentorException e = assertThrows(MentorException.class, () -> MemoryLog.read(file));
        assertEquals(file + ": line 1: holds a mentor-epoch record, not a mentor-memory one", e.getMessage());
    }

    @Test
    void methodOptionsReadAsTheirOwnRecords() throws Exception {
        MplConfig mpl = MethodOptions.read(legacy("mpl/method.json"), MplConfig.class);
        assertEquals(MplSign.THEORY, mpl.sign());
        assertEquals(0.8, mpl.teacher().confidenceThreshold());
        assertEquals(0.15, mpl.labelSmoothing());
        assertNull(mpl.finetuneSteps());
        assertNull(MethodOptions.teacher(legacy("mpl/method.json")), "MPL's teacher is its options, not a run");

        Path again = dir.resolve("method.json");
        MethodOptions.write(again, mpl);
        String text = Files.readString(again);
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-method\",\n  \"version\" : 1,\n  \"teacher\" : {")
                && text.contains("\"confidence_threshold\" : 0.8") && text.contains("\"label_smoothing\"") && !text.contains("labelSmoothing"), text);
        assertEquals(mpl, MethodOptions.read(again, MplConfig.class));
        MentorException e = assertThrows(MentorException.class, () -> MethodOptions.read(again, ConsistencyConfig.class));
        assertTrue(e.getMessage().startsWith(again + ": not a valid mentor-method record ("), e.getMessage());
        Files.writeString(again, "{\"teacher\": \"/runs/teacher\", \"cacheTeacher\": false}");
        assertEquals("/runs/teacher", MethodOptions.teacher(again));
        Files.writeString(again, "{\"format\": \"mentor-method\", \"version\": 1, \"teacher\": \"/runs/t\", \"cache_teacher\": false}");
        assertEquals("/runs/t", MethodOptions.teacher(again));
    }

    /** FreeMatch's and FlexMatch's options from session 21's 20,000-step curves (build 5845d7c), before the start pass. */
    @Test
    void thresholdMethodsFromBeforeTheStartPassResumeWithoutIt() throws Exception {
        FreeMatch.Options free = MethodOptions.read(legacy("freematch/method.json"), FreeMatch.Options.class);
        assertEquals(0.01, free.fairnessWeight());
        assertFalse(free.calibrate(), "a run begun without the start pass continues without it");
        FlexMatch.Options flex = MethodOptions.read(legacy("flexmatch/method.json"), FlexMatch.Options.class);
        assertTrue(flex.warmup());
        assertFalse(flex.calibrate());
        assertEquals("strong", free.consistency().strongAugment(), "a run begun before --strong-augment keeps its strong view");
        assertEquals("strong", flex.consistency().strongAugment());
        assertEquals("strong", MethodOptions.strongAugment(legacy("freematch/method.json")));
    }

    /** A --no-flip run from before --strong-augment: its strong view never flipped, and does not start to on resuming. */
    @Test
    void aNoFlipRunFromBeforeTheStrongViewOptionKeepsItsViewUnflipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("method.json");
        Files.writeString(file, Files.readString(legacy("freematch/method.json")).replace("\"horizontal_flip\" : true",
                "\"horizontal_flip\" : false"));
        FreeMatch.Options free = MethodOptions.read(file, FreeMatch.Options.class);
        assertFalse(free.consistency().horizontalFlip());
        assertEquals("strong:flip=false", free.consistency().strongAugment());
        assertEquals("strong:flip=false", MethodOptions.strongAugment(file));
    }
}
