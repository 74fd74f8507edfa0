package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.eval.Predictor;
import dev.mentor.model.Models;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.TrainingLoop;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reduced MPL: an MLP over a frozen teacher's outputs, trained as the MPL teacher. */
class ReducedTeacherTest {
    static final MplConfig CONFIG = MetaPseudoLabelsTest.config(MplSign.THEORY, 1);

    /** A large teacher trained for two epochs on the labeled squares, frozen. */
    static Learner largeTeacher(NDManager manager) {
        Learner large = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 21);
        new TrainingLoop(new LoopConfig(2, 0, 1, 1), new Supervised(large), MetaPseudoLabelsTest.labeledStream(), null,
                Schedule.constant(0.05), null, MetaPseudoLabelsTest.NORM, List.of(), null).run(null);
        return large;
    }

    static MetaPseudoLabels reducedMpl(NDManager manager, Learner large) {
        FrozenOutputs labeled = FrozenOutputs.of(large, MetaPseudoLabelsTest.NORM, MetaPseudoLabelsTest.LABELED);
        FrozenOutputs unlabeled = FrozenOutputs.of(large, MetaPseudoLabelsTest.NORM, MetaPseudoLabelsTest.UNLABELED);
        Learner mlp = Learner.custom(() -> Models.mlp(2, 16, 4), new Shape(1, 4), OptimizerConfig.sgd(5e-4), manager, 22);
        Learner student = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 12);
        return new MetaPseudoLabels(new ReducedTeacher(mlp, labeled, unlabeled, CONFIG.teacher(), 0.1), student, CONFIG,
                Schedule.constant(0.05), () -> null);
    }

    @Test
    void frozenOutputsAreTheLargeTeachersLogProbabilities() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Learner large = largeTeacher(manager);
            FrozenOutputs outputs = FrozenOutputs.of(large, MetaPseudoLabelsTest.NORM, MetaPseudoLabelsTest.UNLABELED);
            float[] p = new Predictor(large, MetaPseudoLabelsTest.NORM, 64).probabilities(MetaPseudoLabelsTest.UNLABELED);
            float[] rows = outputs.rows(new int[] {0, 5}, manager).toFloatArray();
            for (int c = 0; c < 4; c++) {
                assertEquals(Math.log(p[c]), rows[c], 1e-4);
                assertEquals(Math.log(p[5 * 4 + c]), rows[4 + c], 1e-4);
            }
            assertEquals(128, outputs.size());
        }
    }

    @Test
    void theReducedTeacherStartsAsTheLargeTeacherExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Learner large = largeTeacher(manager);
            MetaPseudoLabels mpl = reducedMpl(manager, large);
            assertEquals(1, mpl.unlabeledViews().size(), "the MLP needs no weak view");
            try (NDManager scope = manager.newSubManager()) {
                StepContext context = MetaPseudoLabelsTest.context(scope, mpl, 0);
                MplTeacher.Pass pass = mpl.teacherForward(context).pass();
                float[] frozen = FrozenOutputs.of(large, MetaPseudoLabelsTest.NORM, MetaPseudoLabelsTest.UNLABELED)
                        .rows(context.unlabeledBatch().indices(), scope).toFloatArray();
                assertArrayEquals(frozen, pass.studentViewLogits().toFloatArray(), 1e-6f);
                assertEquals(0f, pass.components().get("changed_ratio"));
            }
        }
    }

    @Test
    void reducedMplTrainsTheMlpAndTheStudent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = reducedMpl(manager, largeTeacher(manager));
            Learner mlp = mpl.learners().get("teacher");
            Map<String, float[]> before = MetaPseudoLabelsTest.weights(mlp);
            BatchStream unlabeled = new BatchStream(MetaPseudoLabelsTest.UNLABELED, mpl.unlabeledBatchSize(8), 3,
                    mpl.unlabeledViews(), MetaPseudoLabelsTest.NORM, null);
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(6, 0, 2, 1), mpl, MetaPseudoLabelsTest.labeledStream(),
                    unlabeled, Schedule.cosine(0.05, 0, 24, 0), null, MetaPseudoLabelsTest.NORM, List.of(), null).run(null);
            Map<String, Double> first = history.get(0).components();
            Map<String, Double> last = history.get(5).components();
            assertTrue(last.get("teacher_ce") < first.get("teacher_ce"), history.toString());
            assertTrue(last.get("student_labeled") < first.get("student_labeled"), history.toString());
            String head = before.keySet().stream().filter(n -> n.contains("head_") && n.endsWith("weight")).findFirst().orElseThrow();
            assertArrayEquals(new float[before.get(head).length], before.get(head), "the MLP's head starts at zero");
            assertTrue(!java.util.Arrays.equals(before.get(head), MetaPseudoLabelsTest.weights(mlp).get(head)), "and learns");
            assertTrue(mpl.reported().isEmpty(), "an MLP is not an image classifier to test");
        }
    }
}
