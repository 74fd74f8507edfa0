package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.augment.WeakAugment;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.loss.Losses;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.GarbageStorm;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meta Pseudo Labels: two models, one step after the other, linked only by a Java float. */
class MetaPseudoLabelsTest {
    static final ArrayImageSet LABELED = SyntheticData.squares(32, 4, 1, 16, 1);
    static final ArrayImageSet UNLABELED = SyntheticData.squares(128, 4, 1, 16, 7);
    static final ArrayImageSet VALIDATION = SyntheticData.squares(64, 4, 1, 16, 9);
    static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});
    static final ConsistencyConfig UDA = new ConsistencyConfig(2, 1, 0.6, 0.4, 0, true);
    /** Plain SGD: an update is −lr·gradient, so weight changes show the gradient. */
    static final OptimizerConfig PLAIN_SGD = new OptimizerConfig("sgd", 0, false, 0, false, 0.9, 0.999, 1e-8);

    static MplConfig config(MplSign sign, double mplWeight) {
        return new MplConfig(UDA, 0.1, sign, mplWeight, 0.05, 0, 0, 0L, 1e-3, null);
    }

    /** A teacher (seed 11) and a student (seed 12) of the same architecture. */
    static MetaPseudoLabels mpl(NDManager manager, MplConfig config, OptimizerConfig teacherOptimizer, double studentRate) {
        Learner teacher = Learner.create(SPEC, teacherOptimizer, 0, manager, 11);
        Learner student = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 12);
        return new MetaPseudoLabels(new UdaTeacher(teacher, config.teacher(), config.labelSmoothing()), student, config,
                Schedule.constant(studentRate), () -> Learner.create(SPEC, OptimizerConfig.sgd(0), 0, manager, 13), 0);
    }

    static BatchStream labeledStream() {
        return new BatchStream(LABELED, 8, 2, List.of(WeakAugment.standard(16, true)), NORM, TargetSource.oneHot(LABELED));
    }

    static StepContext context(NDManager scope, Method method, long step) {
        BatchStream unlabeled = new BatchStream(UNLABELED, method.unlabeledBatchSize(8), 3, method.unlabeledViews(), NORM, null);
        return new StepContext(scope, labeledStream().batch(step), unlabeled.batch(step), new Shape(1, 16, 16), 0.05f, step, 0);
    }

    static Map<String, float[]> weights(Learner learner) {
        Map<String, float[]> w = new LinkedHashMap<>();
        learner.parameters().forEach(p -> w.put(p.name(), p.parameter().getArray().toFloatArray()));
        return w;
    }

    static Map<String, float[]> gradients(Learner learner) {
        Map<String, float[]> g = new LinkedHashMap<>();
        for (NamedParameter p : learner.parameters()) {
            if (p.trainable()) {
                try (NDArray gradient = p.parameter().getArray().getGradient()) {
                    g.put(p.name(), gradient.toFloatArray());
                }
            }
        }
        return g;
    }

    static double norm(Map<String, float[]> arrays) {
        double sum = 0;
        for (float[] a : arrays.values()) {
            for (float v : a) {
                sum += (double) v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /** One full step, so both models have gradient buffers (zeroed by their optimizers) before a test looks at them. */
    static void warmUp(MetaPseudoLabels mpl, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            mpl.trainStep(context(scope, mpl, 0));
        }
    }

    @Test
    void oneStepChangesBothModels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = mpl(manager, config(MplSign.THEORY, 1), OptimizerConfig.sgd(5e-4), 0.05);
            Learner teacher = mpl.learners().get("teacher");
            Learner student = mpl.learners().get("student");
            Map<String, float[]> teacherBefore = weights(teacher);
            Map<String, float[]> studentBefore = weights(student);
            StepResult result;
            try (NDManager scope = manager.newSubManager()) {
                result = mpl.trainStep(context(scope, mpl, 0));
            }
            assertTrue(changed(teacherBefore, weights(teacher)), "the teacher must learn");
            assertTrue(changed(studentBefore, weights(student)), "the student must learn");
            assertTrue(result.components().keySet().containsAll(List.of("teacher_ce", "consistency", "mask_ratio", "student",
                    "student_labeled", "mpl_factor", "mpl", "ms_teacher_forward", "ms_student_forward_backward",
                    "ms_student_measure", "ms_student_update", "ms_teacher_backward", "ms_teacher_update")), result.toString());
            assertTrue(result.components().get("mpl_factor") != 0, result.toString());
        }
    }

    private static boolean changed(Map<String, float[]> before, Map<String, float[]> after) {
        for (String name : before.keySet()) {
            float[] a = before.get(name);
            float[] b = after.get(name);
            for (int i = 0; i < a.length; i++) {
                if (a[i] != b[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The teacher's update after one step from the same start (plain SGD: −lr·gradient). */
    private static Map<String, float[]> teacherUpdate(MplConfig config, float[] factor) {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = mpl(manager, config, PLAIN_SGD, 0.5);
            Learner teacher = mpl.learners().get("teacher");
            Map<String, float[]> before = weights(teacher);
            try (NDManager scope = manager.newSubManager()) {
                Engine.getInstance().setRandomSeed(5);
                factor[0] = mpl.trainStep(context(scope, mpl, 0)).components().get("mpl_factor");
            }
            Map<String, float[]> delta = new LinkedHashMap<>();
            weights(teacher).forEach((name, after) -> {
                float[] d = new float[after.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = after[i] - before.get(name)[i];
                }
                delta.put(name, d);
            });
            return delta;
        }
    }

    @Test
    void theTeacherLearnsFromTheMplTermAndTheSignFlipsItsDirection() {
        float[] theoryFactor = new float[1];
        float[] authorFactor = new float[1];
        float[] offFactor = new float[1];
        Map<String, float[]> off = teacherUpdate(config(MplSign.THEORY, 0), offFactor);
        Map<String, float[]> theory = teacherUpdate(config(MplSign.THEORY, 20), theoryFactor);
        Map<String, float[]> author = teacherUpdate(config(MplSign.AUTHOR, 20), authorFactor);
        assertEquals(theoryFactor[0], -authorFactor[0], 0f, "the same student change, opposite signs");
        assertTrue(theoryFactor[0] != 0);
        assertEquals(theoryFactor[0], offFactor[0], 0f, "the factor is logged even when its weight is 0");
        Map<String, float[]> fromTheory = new LinkedHashMap<>();
        Map<String, float[]> sum = new LinkedHashMap<>();
        for (String name : off.keySet()) {
            float[] t = new float[off.get(name).length];
            float[] s = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = theory.get(name)[i] - off.get(name)[i];
                s[i] = t[i] + (author.get(name)[i] - off.get(name)[i]);
            }
            fromTheory.put(name, t);
            sum.put(name, s);
        }
        double mplPart = norm(fromTheory);
        assertTrue(mplPart > 1e-4 * norm(off), "the MPL term moves the teacher: " + mplPart + " vs " + norm(off));
        assertTrue(norm(sum) < 1e-3 * mplPart, "author's update from the MPL term is the opposite of theory's: " + norm(sum));
    }

    @Test
    void aStudentBackwardLeavesTheTeachersGradientsAtZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = mpl(manager, config(MplSign.THEORY, 1), OptimizerConfig.sgd(5e-4), 0.05);
            warmUp(mpl, manager);
            Learner teacher = mpl.learners().get("teacher");
            Learner student = mpl.learners().get("student");
            try (NDManager scope = manager.newSubManager()) {
                StepContext context = context(scope, mpl, 1);
                MetaPseudoLabels.TeacherForward forward = mpl.teacherForward(context);
                assertEquals(0, norm(gradients(teacher)), 0, "a forward alone writes no gradient");
                mpl.studentBackward(context, Losses.smoothed(forward.pseudoLabels(), 0.1f));
                assertEquals(0, norm(gradients(teacher)), 0, "the student's backward must not reach the teacher");
                Map<String, float[]> studentGradients = gradients(student);
                assertTrue(norm(studentGradients) > 0);
                mpl.teacherBackward(forward, 3f);
                assertTrue(norm(gradients(teacher)) > 0);
                Map<String, float[]> after = gradients(student);
                studentGradients.forEach((name, g) -> assertFalse(changed(Map.of(name, g), Map.of(name, after.get(name))),
                        "the teacher's backward must not write into the student's gradient " + name));
            }
        }
    }

    @Test
    void aTeacherBackwardLeavesTheStudentsGradientsAtZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = mpl(manager, config(MplSign.AUTHOR, 1), OptimizerConfig.sgd(5e-4), 0.05);
            warmUp(mpl, manager);
            try (NDManager scope = manager.newSubManager()) {
                StepContext context = context(scope, mpl, 1);
                mpl.teacherBackward(mpl.teacherForward(context), -2f);
            }
            assertTrue(norm(gradients(mpl.learners().get("teacher"))) > 0);
            assertEquals(0, norm(gradients(mpl.learners().get("student"))), 0);
        }
    }

    @Test
    void theStudentWaitsWithoutLearningWhileTheTeacherDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MplConfig waiting = new MplConfig(UDA, 0.1, MplSign.THEORY, 1, 0.05, 5, 0, 0L, 1e-3, null);
            MetaPseudoLabels mpl = mpl(manager, waiting, OptimizerConfig.sgd(5e-4), 0.05);
            Map<String, float[]> student = weights(mpl.learners().get("student"));
            StepResult result;
            try (NDManager scope = manager.newSubManager()) {
                result = mpl.trainStep(context(scope, mpl, 4));
            }
            assertFalse(changed(student, weights(mpl.learners().get("student"))));
            assertEquals(0f, result.components().get("mpl_factor"));
            assertFalse(result.components().containsKey("student"));
        }
    }

    @Test
    void trainingLowersTheTeachersAndTheStudentsLabeledLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = mpl(manager, config(MplSign.THEORY, 1), OptimizerConfig.sgd(5e-4), 0.05);
            BatchStream unlabeled = new BatchStream(UNLABELED, mpl.unlabeledBatchSize(8), 3, mpl.unlabeledViews(), NORM, null);
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(8, 0, 2, 1), mpl, labeledStream(), unlabeled,
                    Schedule.cosine(0.05, 0, 32, 0), VALIDATION, NORM, List.of(), null).run(null);
            Map<String, Double> first = history.get(0).components();
            Map<String, Double> last = history.get(7).components();
            assertTrue(last.get("teacher_ce") < 0.7 * first.get("teacher_ce"), history.toString());
            assertTrue(last.get("student_labeled") < 0.7 * first.get("student_labeled"), history.toString());
            assertTrue(history.get(7).validationAccuracy() > 0.6, "the student learns from pseudo-labels alone (chance is 0.25): " + history);
        }
    }

    /**
     * Issue 10's nondeterministic NaN: a garbage collection at any moment of a step (here a thread
     * collecting and scribbling over freed direct memory all along) must not change a single weight.
     * With DJL's {@code Number} overloads in the losses the backward pass read freed scalars and the
     * two runs parted within a few steps.
     */
    @Test
    void garbageCollectionsDuringTheStepsChangeNoWeight() {
        Map<String, float[]> quiet = teacherAndStudentAfterSteps(false);
        Map<String, float[]> storm = teacherAndStudentAfterSteps(true);
        assertEquals(quiet.keySet(), storm.keySet());
        quiet.forEach((name, w) -> assertArrayEquals(w, storm.get(name), name));
    }

    private static Map<String, float[]> teacherAndStudentAfterSteps(boolean storm) {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager(); GarbageStorm garbage = storm ? GarbageStorm.start() : null) {
            MetaPseudoLabels mpl = mpl(manager, config(MplSign.THEORY, 1), OptimizerConfig.sgd(5e-4), 0.05);
            for (int step = 0; step < 12; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    mpl.trainStep(context(scope, mpl, step));
                }
            }
            Map<String, float[]> w = new LinkedHashMap<>();
            weights(mpl.learners().get("teacher")).forEach((name, v) -> w.put("teacher." + name, v));
            weights(mpl.learners().get("student")).forEach((name, v) -> w.put("student." + name, v));
            return w;
        }
    }
}
