package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDManager;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import org.junit.jupiter.api.Test;

/** Mutual learning keeps the student better on validation, reports both, and trains both. */
class MutualLearningTest {
    @Test
    void theRunKeepsTheStudentBetterOnValidationAndTheFirstOnATie() {
        try (NDManager manager = NDManager.newBaseManager();
                Learner first = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(0), 0, manager, 1);
                Learner second = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(0), 0, manager, 2)) {
            MutualLearning mutual = new MutualLearning(first, second, 1, true);
            assertSame(second, mutual.chooseFinal(l -> l == second ? 0.9 : 0.5));
            assertSame(first, mutual.chooseFinal(l -> l == first ? 0.9 : 0.5));
            assertSame(first, mutual.chooseFinal(l -> 0.7));
            assertSame(first, mutual.evaluated(), "the first is validated during training");
            assertEquals(mutual.learners(), mutual.reported());
        }
    }

    @Test
    void theMimicryWeightRampsUpLinearlyWhenAsked() {
        try (NDManager manager = NDManager.newBaseManager();
                Learner first = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(0), 0, manager, 1);
                Learner second = Learner.create(MetaPseudoLabelsTest.SPEC, OptimizerConfig.sgd(0), 0, manager, 2)) {
            MutualLearning ramped = new MutualLearning(first, second, 1, true, 100);
            assertEquals(0.01f, ramped.mimicryWeightAt(0), 1e-7);
            assertEquals(0.5f, ramped.mimicryWeightAt(49), 1e-7);
            assertEquals(1f, ramped.mimicryWeightAt(99), 1e-7);
            assertEquals(1f, ramped.mimicryWeightAt(5000), 1e-7);
            assertEquals(1f, new MutualLearning(first, second, 1, true).mimicryWeightAt(0), "no ramp: the full weight at once");
        }
    }
}
