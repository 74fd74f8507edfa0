package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.method.Distillation;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.PretrainedFixtures;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TorchScript and ONNX classifiers as teachers: same logits as PyTorch, no gradients, never changed. */
class FileTeacherTest {
    static final ModelSpec STUDENT = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    static final Normalization FIXTURE = PretrainedFixtures.NORMALIZATION;
    private static final ArrayImageSet TRAIN = PretrainedFixtures.images(64, 1);
    private static final String[] FILES = {"classifier.pt", "classifier.onnx"};

    private static float[] logits(Teacher teacher, NDManager manager) {
        return teacher.predict(PretrainedFixtures.input(manager)).get(0).toFloatArray();
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }

    @Test
    void theirLogitsAreThoseOfPyTorch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : FILES) {
                try (Teacher teacher = Teachers.load(PretrainedFixtures.file(name), STUDENT, FIXTURE, null, manager)) {
                    assertEquals(4, teacher.classes());
                    assertFalse(teacher.exposesFeatureMap());
                    assertClose(PretrainedFixtures.expected("logits"), logits(teacher, manager), name);
                }
            }
        }
    }

    @Test
    void inputsNormalisedTheStudentsWayAreMappedToTheFilesNormalisation() {
        Normalization student = new Normalization(new float[] {0.5f}, new float[] {0.2f});
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray fixtureInput = PretrainedFixtures.input(manager);
            NDArray studentInput = fixtureInput.mul(FIXTURE.std()[0]).add(FIXTURE.mean()[0] - student.mean()[0]).div(student.std()[0]);
            for (String name : FILES) {
                try (Teacher teacher = Teachers.load(PretrainedFixtures.file(name), STUDENT, student, FIXTURE, manager)) {
                    assertClose(PretrainedFixtures.expected("logits"), teacher.predict(studentInput).get(0).toFloatArray(), name);
                }
            }
        }
    }

    @Test
    void theirOutputsCarryNoGradientAndBelongToTheInputsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : FILES) {
                try (Teacher teacher = Teachers.load(PretrainedFixtures.file(name), STUDENT, FIXTURE, null, manager);
                        NDManager step = manager.newSubManager()) {
                    NDArray x = PretrainedFixtures.input(step);
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray out = teacher.predict(x).get(0);
                        assertFalse(out.hasGradient(), name + ": teacher output must not require a gradient");
                        assertSame(step, out.getManager(), name);
                    }
                }
            }
        }
    }

    @Test
    void theTeacherIsUnchangedByDistillation() {
        for (String name : FILES) {
            try (NDManager manager = NDManager.newBaseManager();
                    Learner student = Learner.create(STUDENT, OptimizerConfig.sgd(5e-4), 0, manager, 2);
                    Teacher teacher = Teachers.load(PretrainedFixtures.file(name), STUDENT, FIXTURE, null, manager)) {
                float[] before = logits(teacher, manager);
                Distillation method = new Distillation(student, teacher,
                        new Distillation.Options(4, 0.9, 0, EnumSet.of(Distillation.Kind.LOGITS), 0, 0), Augmentation.NONE);
                BatchStream labeled = new BatchStream(TRAIN, 16, 3, List.of(Augmentation.NONE), FIXTURE, TargetSource.oneHot(TRAIN));
                List<EpochMetrics> history = new TrainingLoop(new LoopConfig(2, 0, 3, 1), method, labeled, null,
                        Schedule.constant(0.05), null, FIXTURE, List.of(), null).run(null);
                assertArrayEquals(before, logits(teacher, manager), 0f, name + " must give bit-identical logits after distillation");
                assertTrue(history.get(1).trainLoss() < history.get(0).trainLoss(), name + ": " + history);
            }
        }
    }

    @Test
    void aPathIsLoadedAccordingToWhatItIs(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(ModelFormat.TORCHSCRIPT, ((FileTeacher) Teachers.load(PretrainedFixtures.file("classifier.pt"), STUDENT, FIXTURE, null, manager)).format());
            assertEquals(ModelFormat.ONNX, ((FileTeacher) Teachers.load(PretrainedFixtures.file("classifier.onnx"), STUDENT, FIXTURE, null, manager)).format());
            Path run = Files.createDirectories(dir.resolve("run"));
            try (Learner learner = Learner.create(STUDENT, OptimizerConfig.sgd(0), 0, manager, 1)) {
                new SavedModel(STUDENT, FIXTURE, TRAIN.classNames(), learner.weights()).write(run.resolve("model.ckpt"));
            }
            assertInstanceOf(RunTeacher.class, Teachers.load(run, STUDENT, FIXTURE, null, manager));
            assertInstanceOf(RunTeacher.class, Teachers.load(run.resolve("model.ckpt"), STUDENT, FIXTURE, null, manager));
            MentorException e = assertThrows(MentorException.class, () -> Teachers.load(run, STUDENT, FIXTURE, FIXTURE, manager));
            assertTrue(e.getMessage().startsWith("teacher_mean/teacher_std: "), e.getMessage());
            Path other = Files.writeString(dir.resolve("weights.pth"), "x");
            e = assertThrows(MentorException.class, () -> Teachers.load(other, STUDENT, FIXTURE, null, manager));
            assertTrue(e.getMessage().contains("weights.pth") && e.getMessage().contains(".onnx"), e.getMessage());
            e = assertThrows(MentorException.class, () -> Teachers.load(dir.resolve("missing.pt"), STUDENT, FIXTURE, null, manager));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
    }
}
