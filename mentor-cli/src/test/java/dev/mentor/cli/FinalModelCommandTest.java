package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.report.RunReader;
import dev.mentor.run.FinalMetrics;
import dev.mentor.run.Rounds;
import dev.mentor.run.SelfTrainingConfig;
import dev.mentor.run.SelfTrainingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train noisy-student --final best|last}: the run returns the model best on validation among its teacher and
 * students (issue 17: never below the teacher), or its last student; every reader of the run's model follows the choice.
 * The teacher is a finished supervised run whose recorded validation accuracy is set to 0 or 1, so which model wins is
 * fixed whatever the tiny student learns.
 */
class FinalModelCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path data;
    static Path teacher;

    private static List<String> split() {
        return List.of("--data", "idx:" + data, "--labels", "40", "--validation-per-class", "5", "--batch-size", "8", "--lr", "0.05");
    }

    @BeforeAll
    static void teacher() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 200, 40, 4);
        teacher = dir.resolve("teacher");
        List<String> args = new ArrayList<>(List.of("train", "supervised"));
        args.addAll(split());
        args.addAll(List.of("--steps", "6", "--out", teacher.toString()));
        CliFixture.Result r = CliFixture.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    /** A copy of the teacher run whose metrics.json says it scored {@code validation} on the validation split. */
    private static Path teacherAt(double validation) throws IOException {
        Path copy = dir.resolve("teacher-" + validation);
        if (!Files.isDirectory(copy)) {
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(teacher)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            ObjectNode metrics = (ObjectNode) JSON.readTree(copy.resolve("metrics.json").toFile());
            metrics.put("validation_accuracy", validation);
            JSON.writeValue(copy.resolve("metrics.json").toFile(), metrics);
        }
        return copy;
    }

    /** One round of a fresh resnet-20 student, two steps long, from {@code from}. */
    private static CliFixture.Result noisyStudent(Path from, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "noisy-student"));
        args.addAll(split());
        args.addAll(List.of("--teacher", from.toString(), "--rounds", "1", "--models", "cnn-small,resnet-20", "--student-steps", "2",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliFixture.run(args.toArray(String[]::new));
    }

    @Test
    void aStudentCountedInStepsWarmsUpForTheShareOfTheRunsWarmUpInEpochs() throws Exception {
        Path out = dir.resolve("warm-up-share");
        List<String> args = new ArrayList<>(List.of("train", "noisy-student"));
        args.addAll(split());
        // 40 labels at batch 8: 5 steps a pass; 2 warm-up epochs of 4 are half the run, so half of 40 student steps (the
        // default would be 10, a quarter of so short a run)
        args.addAll(List.of("--teacher", teacher.toString(), "--rounds", "1", "--epochs", "4", "--warmup-epochs", "2",
                "--student-steps", "40", "--out", out.toString()));
        CliFixture.Result r = CliFixture.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(20, JSON.readTree(out.resolve("round-1").resolve("config.json").toFile()).get("warmup_steps").asLong());
    }

    @Test
    void aStudentBetterOnValidationThanItsTeacherIsTheRunsModel() throws Exception {
        Path out = dir.resolve("student-wins");
        CliFixture.Result r = noisyStudent(teacherAt(0.0), out);
        assertEquals(0, r.code(), r.err());
        Rounds rounds = Rounds.read(out.resolve(SelfTrainingDirectory.ROUNDS));
        assertEquals("best", rounds.finalModel().rule());
        assertEquals(1, rounds.finalRound().round());
        assertEquals(List.of(0.0, rounds.rounds().get(1).validationAccuracy()),
                rounds.finalModel().candidates().stream().map(Rounds.Candidate::validationAccuracy).toList());
        assertTrue(r.err().contains("final model: round 1's student resnet-20, the highest validation accuracy"), r.err());
        assertTrue(r.out().contains("final model: round 1's student, best on validation"), r.out());
        assertEquals(out.resolve("round-1"), SelfTrainingDirectory.modelFolder(out));
    }

    @Test
    void noStudentBetterOnValidationReturnsTheTeacherAndEveryReaderFollows() throws Exception {
        Path from = teacherAt(1.0);
        Path out = dir.resolve("teacher-kept");
        CliFixture.Result r = noisyStudent(from, out);
        assertEquals(0, r.code(), r.err());
        Rounds rounds = Rounds.read(out.resolve(SelfTrainingDirectory.ROUNDS));
        assertEquals(0, rounds.finalRound().round());
        assertEquals("teacher", rounds.finalModel().role());
        assertTrue(rounds.finalModel().reason().startsWith("no student beat the teacher on validation: the teacher is kept"),
                rounds.finalModel().reason());
        assertTrue(r.err().contains("final model: round 0's teacher cnn-small, no student beat the teacher on validation"), r.err());
        // the report, evaluate and export read the teacher's model and numbers
        assertEquals(from, SelfTrainingDirectory.modelFolder(out));
        FinalMetrics teacherMetrics = FinalMetrics.read(from.resolve("metrics.json"));
        assertEquals(teacherMetrics.testAccuracy(), RunReader.read(out).testAccuracy());
        assertEquals(1.0, RunReader.read(out).validationAccuracy());
        CliFixture.Result ofRun = CliFixture.run("evaluate", "--checkpoint", out.toString());
        CliFixture.Result ofTeacher = CliFixture.run("evaluate", "--checkpoint", from.toString());
        assertEquals(0, ofRun.code(), ofRun.err());
        assertEquals(ofTeacher.out(), ofRun.out());
        Path exported = dir.resolve("teacher-kept.safetensors");
        CliFixture.Result export = CliFixture.run("export", "--checkpoint", out.toString(), "--format", "safetensors", "--out",
                exported.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(exported) > 0);
    }

    @Test
    void lastReturnsTheLastStudentAndAResumedRunKeepsTheChoice() throws Exception {
        Path out = dir.resolve("last");
        CliFixture.Result r = noisyStudent(teacherAt(1.0), out, "--final", "last");
        assertEquals(0, r.code(), r.err());
        Rounds rounds = Rounds.read(out.resolve(SelfTrainingDirectory.ROUNDS));
        assertEquals("last", rounds.finalModel().rule());
        assertEquals(1, rounds.finalRound().round());
        assertEquals(SelfTrainingConfig.FinalModel.LAST, SelfTrainingDirectory.readConfig(out).selfTraining().finalModel());
        assertEquals(out.resolve("round-1"), SelfTrainingDirectory.modelFolder(out));

        // --resume reads the run's config.json, where --final was recorded; the command line's default does not apply
        CliFixture.Result resumed = CliFixture.run("train", "noisy-student", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(rounds, Rounds.read(out.resolve(SelfTrainingDirectory.ROUNDS)));
    }

    @Test
    void aBadFinalIsOneLine() throws Exception {
        CliFixture.Result r = noisyStudent(teacherAt(0.0), dir.resolve("bad"), "--final", "first");
        assertEquals(2, r.code());
        assertEquals("mentor: --final: expected best or last, got 'first'", r.err().strip());
    }
}
