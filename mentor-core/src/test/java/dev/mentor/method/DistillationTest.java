package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.data.ImageSets;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.model.ModelSpec;
import dev.mentor.teacher.RunTeacher;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillationTest {
    private static final ArrayImageSet TRAIN = SyntheticData.squares(64, 4, 1, 16, 1);
    private static final ArrayImageSet POOL = SyntheticData.squares(64, 4, 1, 16, 9);
    private static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});
    @TempDir
    static Path dir;
    static Path teacherFile;

    /** A teacher: resnet-20 trained briefly on the synthetic task, saved as a run's model. */
    @BeforeAll
    static void trainTeacher() {
        teacherFile = dir.resolve("teacher.ckpt");
        ModelSpec spec = new ModelSpec("resnet-20", 1, 16, 16, 4, -1, 0);
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(spec, OptimizerConfig.sgd(5e-4), 0, manager, 11)) {
            BatchStream stream = new BatchStream(TRAIN, 16, 1, List.of(Augmentation.NONE), NORM, TargetSource.oneHot(TRAIN));
            new TrainingLoop(new LoopConfig(3, 0, 1, 1), new Supervised(learner), stream, null, Schedule.constant(0.05),
                    null, NORM, List.of(), null).run(null);
            new SavedModel(spec, NORM, TRAIN.classNames(), learner.weights()).write(teacherFile);
        }
    }

    private static List<EpochMetrics> distill(Distillation.Options options, Map<String, float[]> teacherBefore, Map<String, float[]> teacherAfter) {
        ModelSpec spec = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
        try (NDManager manager = NDManager.newBaseManager();
                Learner student = Learner.create(spec, OptimizerConfig.sgd(5e-4), 0, manager, 2);
                RunTeacher teacher = new RunTeacher(teacherFile, NORM, manager)) {
            if (teacherBefore != null) {
                teacherBefore.putAll(teacher.learner().weights());
            }
            Distillation method = new Distillation(student, teacher, options, Augmentation.NONE);
            BatchStream labeled = new BatchStream(TRAIN, 16, 3, List.of(Augmentation.NONE), NORM, TargetSource.oneHot(TRAIN));
            BatchStream unlabeled = new BatchStream(ImageSets.withoutLabels(POOL), 16, 4, List.of(Augmentation.NONE), NORM, null);
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(3, 0, 3, 1), method, labeled, unlabeled,
                    Schedule.constant(0.01), null, NORM, List.of(), null).run(null);
            if (teacherAfter != null) {
                teacherAfter.putAll(teacher.learner().weights());
            }
            return history;
        }
    }

    @Test
    void theTeachersWeightsAreBitIdenticalAfterDistillation() {
        Map<String, float[]> before = new java.util.HashMap<>();
        Map<String, float[]> after = new java.util.HashMap<>();
        distill(new Distillation.Options(4, 0.9, 1, EnumSet.allOf(Distillation.Kind.class), 1, 500), before, after);
        assertFalse(before.isEmpty());
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), 0f, name));
    }

    @Test
    void theLossWeighsDistillationByAlphaAndUnlabeledImagesByTheirWeight() {
        List<EpochMetrics> h = distill(new Distillation.Options(4, 0.7, 0.5, EnumSet.of(Distillation.Kind.LOGITS), 0, 0), null, null);
        for (EpochMetrics m : h) {
            Map<String, Double> c = m.components();
            double expected = 0.7 * c.get("kd") + 0.3 * c.get("ce") + 0.5 * c.get("kd_unlabeled");
            assertEquals(expected, m.trainLoss(), 1e-4 * Math.max(1, expected));
        }
        assertTrue(h.get(2).trainLoss() < h.get(0).trainLoss(), "loss should fall: " + h);
    }

    @Test
    void withoutUnlabeledWeightOnlyLabeledImagesAreDistilled() {
        List<EpochMetrics> h = distill(new Distillation.Options(2, 1, 0, EnumSet.of(Distillation.Kind.LOGITS), 0, 0), null, null);
        assertFalse(h.get(0).components().containsKey("kd_unlabeled"));
        assertEquals(h.get(0).components().get("kd"), h.get(0).trainLoss(), 1e-4);
    }

    @Test
    void hintAndAttentionTermsAreReportedAndLearned() {
        List<EpochMetrics> h = distill(new Distillation.Options(4, 0.9, 0, EnumSet.of(Distillation.Kind.FEATURES, Distillation.Kind.ATTENTION), 1, 500), null, null);
        assertTrue(h.get(2).components().get("hint") < h.get(0).components().get("hint"), h.toString());
        assertTrue(h.get(0).components().containsKey("attention"));
        for (EpochMetrics m : h) {
            Map<String, Double> c = m.components();
            double expected = c.get("ce") + c.get("hint") + 500 * c.get("attention");
            assertEquals(expected, m.trainLoss(), 1e-4 * Math.max(1, expected), "without the logit term CE keeps weight 1, not 1 - alpha");
        }
    }

    @Test
    void withTheLogitTermHintsAddToTheAlphaMix() {
        List<EpochMetrics> h = distill(new Distillation.Options(4, 0.9, 0, EnumSet.of(Distillation.Kind.LOGITS, Distillation.Kind.FEATURES), 2, 0), null, null);
        for (EpochMetrics m : h) {
            Map<String, Double> c = m.components();
            double expected = 0.9 * c.get("kd") + 0.1 * c.get("ce") + 2 * c.get("hint");
            assertEquals(expected, m.trainLoss(), 1e-4 * Math.max(1, expected));
        }
    }

    @Test
    void aTeacherOfAnotherClassCountIsRefused() {
        ModelSpec spec = new ModelSpec("cnn-small", 1, 16, 16, 3, -1, 0);
        try (NDManager manager = NDManager.newBaseManager();
                Learner student = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 2);
                RunTeacher teacher = new RunTeacher(teacherFile, NORM, manager)) {
            MentorException e = assertThrows(MentorException.class, () -> new Distillation(student, teacher,
                    new Distillation.Options(4, 0.9, 0, EnumSet.of(Distillation.Kind.LOGITS), 0, 0), Augmentation.NONE));
            assertTrue(e.getMessage().contains("4 classes"), e.getMessage());
        }
    }

    /** The normalisation divides by how much stronger than one cross-entropy the logit terms can pull: (1 − α) + α·T + w_u·T. */
    @Test
    void theGradientScaleOfTheDefaultsIs7Point7AndHintsAloneAreNotScaled() {
        assertEquals(7.7, new Distillation.Options(4, 0.9, 1, EnumSet.of(Distillation.Kind.LOGITS), 1, 500, true).gradientScale(), 1e-12);
        assertEquals(1.0, new Distillation.Options(1, 0.5, 0, EnumSet.of(Distillation.Kind.LOGITS), 1, 500, true).gradientScale(), 1e-12);
        assertEquals(1.0, new Distillation.Options(4, 0.9, 1, EnumSet.of(Distillation.Kind.FEATURES), 1, 500, true).gradientScale(), 1e-12);
        assertEquals(Boolean.FALSE, new Distillation.Options(4, 0.9, 1, EnumSet.of(Distillation.Kind.LOGITS), 1, 500).normalized());
    }
}
