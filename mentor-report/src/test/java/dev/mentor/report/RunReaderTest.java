package dev.mentor.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.run.Rounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RunFolders.Layout.class)
    void aSingleRunGivesItsMetricsCurvesAndConfusion(RunFolders.Layout layout) throws Exception {
        Path run = RunFolders.run(layout, dir.resolve("sup"), "supervised", 40, 2, 0.85);
        Files.writeString(run.resolve("metrics-finetune.jsonl"), layout == RunFolders.Layout.PREVIOUS
                ? "{\"epoch\":1,\"step\":2,\"trainLoss\":0.5,\"validationAccuracy\":null}\n"
                : "{\"format\":\"mentor-epoch\",\"version\":1,\"epoch\":1,\"step\":2,\"train_loss\":0.5,\"validation_accuracy\":\"NaN\"}\n");
        RunSummary s = RunReader.read(run);
        assertEquals("sup", s.name());
        assertEquals("supervised", s.method());
        assertEquals(40, s.labels());
        assertEquals(2, s.seed());
        assertEquals(0.85, s.testAccuracy());
        assertEquals(12.5, s.wallSeconds());
        assertEquals(250.0, s.imagesPerSecond());
        assertEquals(2, s.curves().size());
        assertEquals("finetune", s.curves().get(1).phase());
        assertTrue(Double.isNaN(s.curves().get(1).points().get(0).validationAccuracy()));
        assertEquals(0.6, s.curves().get(0).points().get(1).validationAccuracy(), 1e-12);
        assertArrayEquals(new long[] {5, 45}, s.confusion()[1]);
        assertEquals(java.util.List.of("0", "1"), s.classNames());
        assertTrue(RunReader.isFinished(run));
    }

    @ParameterizedTest
    @EnumSource(RunFolders.Layout.class)
    void aSelfTrainingRunIsItsLastRoundWithThePseudoLabelsAndOnlyItsOwnRoundsTime(RunFolders.Layout layout) throws Exception {
        Path teacher = RunFolders.run(layout, dir.resolve("teacher"), "supervised", 40, 0, 0.7);
        RunSummary s = RunReader.read(RunFolders.selfTraining(layout, dir.resolve("ns"), teacher));
        assertEquals("noisy-student", s.method());
        assertEquals(0.8, s.testAccuracy());
        assertEquals(30.0, s.wallSeconds(), "the external teacher's 100 s are its own run's, not this one's");
        assertEquals(teacher.toString(), s.teacher());
        assertEquals(1, s.pseudoLabels().size());
        PseudoLabelStats labels = s.pseudoLabels().get(0);
        assertEquals(1, labels.round());
        assertEquals(100, labels.images());
        assertEquals(0.75, labels.accuracy());
        assertNull(labels.bins().get(0).accuracy());
        assertEquals(0.975, labels.bins().get(2).accuracy());
    }

    @Test
    void aModelKeptOnValidationInsteadOfTheLastIsSaid() throws Exception {
        Path last = RunFolders.run(dir.resolve("last"), "supervised", 40, 0, 0.8);
        assertNull(RunReader.read(last).kept(), "a run that returned its last model");
        Path start = RunFolders.withKept(RunFolders.run(dir.resolve("fixmatch"), "fixmatch", 40, 0, 0.8), "start");
        assertEquals("start", RunReader.read(start).kept());
        Path mutual = RunFolders.withKept(RunFolders.run(dir.resolve("mutual"), "mutual", 40, 0, 0.8), "second");
        assertEquals("second student", RunReader.read(mutual).kept(), "not to be read as an epoch");

        Path teacher = RunFolders.run(dir.resolve("teacher"), "supervised", 40, 0, 0.7);
        Path ns = RunFolders.selfTraining(dir.resolve("ns"), teacher);
        assertNull(RunReader.read(ns).kept(), "the last round kept");
        Rounds rounds = Rounds.read(ns.resolve("rounds.json"));
        new Rounds(rounds.method(), true, rounds.rounds(), new Rounds.Final("best", 0, "teacher", 0.8, "validation", List.of()))
                .write(ns.resolve("rounds.json"));
        RunSummary kept = RunReader.read(ns);
        assertEquals("round 0", kept.kept());
        assertEquals(0.7, kept.testAccuracy(), "the teacher's accuracy is the run's");
    }

    @Test
    void badFoldersAreOneLineErrorsNamingThePath() throws Exception {
        Path missing = dir.resolve("missing");
        assertMessage(missing + ": not a run directory (no such folder)", missing);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMessage(empty + ": not a finished run (no metrics.json or rounds.json)", empty);
        assertFalse(RunReader.isFinished(empty));
        Path broken = RunFolders.run(dir.resolve("broken"), "supervised", 40, 0, 0.5);
        Files.writeString(broken.resolve("metrics.jsonl"), "{\"epoch\":1,\"trainLoss\":1.0}\nnot json\n");
        assertMessage(broken.resolve("metrics.jsonl") + ": line 2 is not JSON", broken);
        Path garbage = RunFolders.run(dir.resolve("garbage"), "supervised", 40, 0, 0.5);
        Files.writeString(garbage.resolve("metrics.json"), "{ oops");
        assertMessage(garbage.resolve("metrics.json") + ": not a valid JSON object", garbage);
        Path unfinished = RunFolders.selfTraining(dir.resolve("unfinished"), dir);
        Files.writeString(unfinished.resolve("rounds.json"), "{\"method\": \"noisy-student\", \"complete\": false, \"rounds\": []}");
        assertMessage(unfinished + ": the self-training run is not finished", unfinished);
        assertFalse(RunReader.isFinished(unfinished));
    }

    private static void assertMessage(String start, Path folder) {
        MentorException e = assertThrows(MentorException.class, () -> RunReader.read(folder));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
