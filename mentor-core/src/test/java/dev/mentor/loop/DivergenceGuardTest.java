package dev.mentor.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.method.Method;
import dev.mentor.method.Supervised;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The guard against a loss that explodes without turning NaN: it fires on an explosion, not on ordinary runs. */
class DivergenceGuardTest {
    private static StepResult loss(double value, double consistency) {
        return new StepResult((float) value, Map.of("ce", (float) (value - consistency), "consistency", (float) consistency));
    }

    /** A falling, noisy loss with a consistency term that opens from 0 to 1.5 (FixMatch's mask): never a stop. */
    @Test
    void ordinaryLossesNeverStopTheRun() {
        DivergenceGuard guard = new DivergenceGuard(10);
        SplittableRandom random = new SplittableRandom(1);
        for (int step = 0; step < 5000; step++) {
            double ce = 2.3 * Math.exp(-step / 800.0) + 0.05 + 0.3 * random.nextDouble();
            double consistency = step < 200 ? 0 : Math.min(1.5, (step - 200) / 400.0) * random.nextDouble();
            assertNull(guard.check(step, loss(ce + consistency, consistency)), "step " + step);
        }
    }

    /** A loss near 0 (an easy task learned) is noisy in ratio: a jump from 1e-4 to 1e-2 is not an explosion. */
    @Test
    void aLossNearZeroMayJumpInRatio() {
        DivergenceGuard guard = new DivergenceGuard(10);
        for (int step = 0; step < 30; step++) {
            assertNull(guard.check(step, loss(1e-4, 0)));
        }
        assertNull(guard.check(30, loss(0.5, 0)));
        assertNull(guard.check(31, loss(0.5, 0)));
        assertNull(guard.check(32, loss(3.0, 0)), "above ln 10 for one step: a hard batch");
        assertTrue(guard.check(33, loss(3.0, 0)) != null, "above ln 10 and twenty times the median for two steps in a row");
    }

    /**
     * Session 20's false stop: 40 labeled images memorised (median loss 0.049), one batch at the warm-up's peak at 1.52, then
     * back. Neither the one batch nor a loss below a uniform guess's (ln 10 = 2.30) is an explosion.
     */
    @Test
    void oneHardBatchOfAMemorisedSetIsNoExplosion() {
        DivergenceGuard guard = new DivergenceGuard(10);
        for (int step = 0; step < 60; step++) {
            assertNull(guard.check(step, loss(0.04 + 0.02 * (step % 3), 0)));
        }
        assertNull(guard.check(60, loss(1.52, 0)));
        assertNull(guard.check(61, loss(0.05, 0)));
        assertNull(guard.check(62, loss(1.9, 0)));
        assertNull(guard.check(63, loss(1.9, 0)), "twice in a row but below ln 10: no worse than guessing");
        DivergenceGuard hundred = new DivergenceGuard(100);
        for (int step = 0; step < 60; step++) {
            assertNull(hundred.check(step, loss(0.1, 0)));
        }
        for (int step = 60; step < 70; step++) {
            assertNull(hundred.check(step, loss(4.0, 0)), "forty times the median, below ln 100 = 4.6");
        }
    }

    @Test
    void aJumpOfAThousandTimesThatStaysStopsItNamingTheComponent() {
        DivergenceGuard guard = new DivergenceGuard(10);
        for (int step = 0; step < 30; step++) {
            assertNull(guard.check(step, loss(2.0 - step * 0.01, 0.1)));
        }
        assertNull(guard.check(30, loss(1700, 1500)), "one step: it may be a batch");
        String why = guard.check(31, loss(1700, 1500));
        assertTrue(why.startsWith("the loss jumped to 1700, ") && why.endsWith("for 2 steps in a row (largest component 'consistency': 1500)"),
                why);
    }

    /** In the loop: a method whose loss jumps by 1,000 from step 12 on is stopped at step 13, its second exploded step. */
    @Test
    void theLoopStopsAnExplodingRunAtTheStep() {
        ArrayImageSet train = SyntheticData.squares(96, 4, 1, 16, 1);
        Normalization normalization = new Normalization(new float[] {0.3f}, new float[] {0.3f});
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0), OptimizerConfig.sgd(5e-4), 0, manager, 3)) {
            Method supervised = new Supervised(learner);
            Method exploding = new Method() {
                @Override
                public String name() {
                    return "exploding";
                }

                @Override
                public Map<String, Learner> learners() {
                    return supervised.learners();
                }

                @Override
                public Learner evaluated() {
                    return learner;
                }

                @Override
                public StepResult trainStep(StepContext context) {
                    StepResult r = supervised.trainStep(context);
                    return context.step() < 12 ? r : new StepResult(r.loss() + 1000, Map.of("ce", r.loss() + 1000));
                }
            };
            BatchStream stream = new BatchStream(train, 16, 5, List.of(Augmentation.NONE), normalization, TargetSource.oneHot(train));
            TrainingLoop loop = new TrainingLoop(new LoopConfig(4, 0, 5, 1), exploding, stream, null, Schedule.constant(0.01), null,
                    normalization, List.of(), null);
            MentorException e = assertThrows(MentorException.class, () -> loop.run(null));
            assertTrue(e.getMessage().startsWith("training diverged at step 13 (epoch 3): the loss jumped to "), e.getMessage());
            assertTrue(e.getMessage().contains("try a smaller learning_rate or a longer warmup_steps"), e.getMessage());
            assertEquals(List.of("learning_rate", "warmup_steps"), e.components());
            assertEquals(6, stream.batchesPerPass());
        }
    }
}
