package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mentor.io.FileReads;
import dev.mentor.train.SavedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that learns from a teacher run reads the teacher's {@code model.ckpt} once, whatever it takes from it: whether
 * it fits the pool, its weights as a teacher, its fingerprint for an artifact or a cache, and its weights again as the
 * student's starting point. Counted with {@link FileReads}, which every reader of a model file reports to.
 */
class TeacherReadsTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path teacher;

    static String[] common(String... more) {
        return SelfTrainingCommandTest.command(new String[] {"--data", "idx:" + data, "--labels", "40", "--validation-per-class", "5",
            "--epochs", "1", "--batch-size", "8", "--lr", "0.05"}, more);
    }

    @BeforeAll
    static void trainTeacher() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 120, 20, 4);
        teacher = dir.resolve("teacher");
        CliFixture.Result r = CliFixture.run(SelfTrainingCommandTest.command(new String[] {"train", "supervised"}, common("--out",
                teacher.toString())));
        assertEquals(0, r.code(), r.err());
    }

    /** How many times running {@code args} read the teacher's model file. */
    private static long teacherReads(String... args) {
        Path model = teacher.resolve(SavedModel.FILE);
        long before = FileReads.of(model);
        CliFixture.Result r = CliFixture.run(args);
        assertEquals(0, r.code(), r.err());
        return FileReads.of(model) - before;
    }

    @Test
    void pseudoLabelReadsItsTeacherOnce() {
        Path out = dir.resolve("labels");
        assertEquals(1, teacherReads("pseudo-label", "--teacher", teacher.toString(), "--out", out.toString()),
                "its check, its weights and its fingerprint for the artifact's header");
    }

    @Test
    void distillationReadsItsTeacherOnce() {
        assertEquals(1, teacherReads(SelfTrainingCommandTest.command(new String[] {"train", "distill"}, common("--teacher",
                teacher.toString(), "--out", dir.resolve("distill").toString()))), "live teacher, student started from it");
        assertEquals(1, teacherReads(SelfTrainingCommandTest.command(new String[] {"train", "distill"}, common("--teacher",
                teacher.toString(), "--cache-teacher", "--teacher-cache-dir", dir.resolve("cache").toString(), "--out",
                dir.resolve("distill-cached").toString()))), "cached teacher, keyed by its fingerprint");
    }

    @Test
    void noisyStudentReadsItsTeacherOnce() {
        assertEquals(1, teacherReads(SelfTrainingCommandTest.command(new String[] {"train", "noisy-student"}, common("--teacher",
                teacher.toString(), "--rounds", "1", "--student-epochs", "1", "--out", dir.resolve("ns").toString()))),
                "its check, its labels, its fingerprint, the student's start");
        assertEquals(1, teacherReads(SelfTrainingCommandTest.command(new String[] {"train", "noisy-student"}, common("--teacher",
                teacher.toString(), "--rounds", "1", "--student-epochs", "1", "--min-confidence", "auto", "--out",
                dir.resolve("ns-auto").toString()))), "the threshold chosen on the validation split's labels");
    }
}
