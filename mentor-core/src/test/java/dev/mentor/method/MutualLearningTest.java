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
}
