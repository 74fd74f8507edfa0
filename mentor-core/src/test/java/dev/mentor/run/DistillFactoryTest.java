package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.method.Distillation;
import dev.mentor.method.Supervised;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distillation built from the library alone, as a Java user would: a teacher run, then a student through {@link DistillFactory}. */
class DistillFactoryTest {
    @TempDir
    Path dir;

    @Test
    void aStudentLearnsFromAFinishedRunWithoutTheCommandLine() throws Exception {
        ExperimentConfig config = TinyRuns.config(dir, 3, 0);
        Path teacher = dir.resolve("teacher");
        new Experiment(config, context -> new Supervised(context.newLearner(0)), line -> {})
                .run(RunDirectory.create(teacher, false), false, List.of());
        List<String> log = new ArrayList<>();
        Distillation.Options options = new Distillation.Options(4, 0.9, 1, EnumSet.of(Distillation.Kind.LOGITS), 1, 500, true);
        Path student = dir.resolve("student");
        new Experiment(config, new DistillFactory(teacher, null, options, null, log::add), line -> {})
                .run(RunDirectory.create(student, false), false, List.of());
        assertTrue(Files.isRegularFile(student.resolve(RunDirectory.MODEL)) && Files.isRegularFile(student.resolve(RunDirectory.FINAL)));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("teacher: ")), log.toString());
        // the teacher is the student's own split and architecture: the run says a student of it ends near it
        assertTrue(log.stream().anyMatch(l -> l.startsWith("note: the teacher is a ") && l.contains("own labeled split")), log.toString());
        assertTrue(DistillFactory.ownSplitAndArchitecture(teacher.resolve(RunDirectory.MODEL), config));
        assertFalse(DistillFactory.ownSplitAndArchitecture(teacher, TinyRuns.config(dir, 3, 0, 4)), "another seed draws another split");
        assertFalse(DistillFactory.ownSplitAndArchitecture(dir.resolve("teacher.pt"), config), "not a Mentor run");
        Path copy = Files.copy(teacher.resolve(RunDirectory.MODEL), teacher.resolve("copy.pt"));
        assertFalse(DistillFactory.ownSplitAndArchitecture(copy, config), "a file that is not the run's model does not name the run");
        assertFalse(DistillFactory.ownSplitAndArchitecture(student, config), "a distilled run learned more than the labels");
        assertTrue(Files.readString(student.resolve(RunDirectory.FINAL)).contains("\"method\" : \"distill\""));
    }
}
