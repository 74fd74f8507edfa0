package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.augment.WeakAugment;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.model.Models;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.teacher.Teacher;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.TargetSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reduced MPL: an MLP over a frozen teacher's cached outputs, trained as the MPL teacher. */
class ReducedTeacherTest {
    static final MplConfig CONFIG = MetaPseudoLabelsTest.config(MplSign.THEORY, 1);

    @TempDir
    Path cache;

    /** A large teacher trained for two epochs on the labeled squares, then frozen behind the {@link Teacher} interface. */
    static Teacher largeTeacher(NDManager manager) {
        Learner large = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 21);
        new TrainingLoop(new LoopConfig(2, 0, 1, 1), new Supervised(large), MetaPseudoLabelsTest.labeledStream(), null,
                Schedule.constant(0.05), null, MetaPseudoLabelsTest.NORM, List.of(), null).run(null);
        return new Teacher() {
            @Override
            public NDList predict(NDArray images) {
                return new NDList(large.infer(images).get(0));
            }

            @Override
            public int classes() {
                return 4;
            }

            @Override
            public boolean exposesFeatureMap() {
                return false;
            }

            @Override
            public String fingerprint() {
                return "reduced-teacher-test-21";
            }

            @Override
            public String describe() {
                return "a cnn-small trained for two epochs";
            }

            @Override
            public void close() {}
        };
    }

    MetaPseudoLabels reducedMpl(NDManager manager) {
        CachedOutputs outputs = new TeacherCache(cache, line -> {}).outputs(largeTeacher(manager), MetaPseudoLabelsTest.LABELED,
                MetaPseudoLabelsTest.UNLABELED, MetaPseudoLabelsTest.NORM, manager);
        Learner mlp = Learner.custom(() -> Models.mlp(2, 16, 4), new Shape(1, 4), OptimizerConfig.sgd(5e-4), manager, 22);
        Learner student = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 12);
        return new MetaPseudoLabels(new ReducedTeacher(mlp, outputs, CONFIG.teacher(), 0.1), student, CONFIG,
                Schedule.constant(0.05), () -> null, 0);
    }

    /** The streams of a run, with the cached logits riding along. */
    static BatchStream[] streams(Method method) {
        BatchStream labeled = new BatchStream(MetaPseudoLabelsTest.LABELED, 8, 2, List.of(WeakAugment.standard(16, true)),
                MetaPseudoLabelsTest.NORM, TargetSource.oneHot(MetaPseudoLabelsTest.LABELED), null, method.labeledAuxiliary());
        BatchStream unlabeled = new BatchStream(MetaPseudoLabelsTest.UNLABELED, method.unlabeledBatchSize(8), 3,
                method.unlabeledViews(), MetaPseudoLabelsTest.NORM, null, null, method.unlabeledAuxiliary());
        return new BatchStream[] {labeled, unlabeled};
    }

    @Test
    void theReducedTeacherStartsAsTheLargeTeacherExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = reducedMpl(manager);
            assertEquals(1, mpl.unlabeledViews().size(), "the MLP needs no weak view");
            BatchStream[] streams = streams(mpl);
            try (NDManager scope = manager.newSubManager()) {
                StepContext context = new StepContext(scope, streams[0].batch(0), streams[1].batch(0), new Shape(1, 16, 16),
                        0.05f, 0, 0);
                MplTeacher.Pass pass = mpl.teacherForward(context).pass();
                float[] large = context.unlabeledAuxiliary().logSoftmax(1).toFloatArray();
                assertArrayEquals(large, pass.studentViewLogits().toFloatArray(), 1e-6f);
                assertEquals(0f, pass.components().get("changed_ratio"));
            }
        }
    }

    @Test
    void reducedMplTrainsTheMlpAndTheStudent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MetaPseudoLabels mpl = reducedMpl(manager);
            Learner mlp = mpl.learners().get("teacher");
            Map<String, float[]> before = MetaPseudoLabelsTest.weights(mlp);
            BatchStream[] streams = streams(mpl);
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(6, 0, 2, 1), mpl, streams[0], streams[1],
                    Schedule.cosine(0.05, 0, 24, 0), null, MetaPseudoLabelsTest.NORM, List.of(), null).run(null);
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
