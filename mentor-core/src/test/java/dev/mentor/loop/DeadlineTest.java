package dev.mentor.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.Deadline;
import dev.mentor.Interrupted;
import dev.mentor.augment.WeakAugment;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.method.Supervised;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link Deadline} that passes during training ends the run before its next step with the weights of its last
 * evaluation. The deadline here is a count of the loop's questions (one before every step), not a clock.
 */
class DeadlineTest {
    private static final ArrayImageSet TRAIN = SyntheticData.squares(96, 4, 1, 16, 1);
    private static final ArrayImageSet VALIDATION = SyntheticData.squares(32, 4, 1, 16, 2);
    private static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    private static final Normalization NORMALIZATION = new Normalization(new float[] {0.3f}, new float[] {0.3f});

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        Deadline.clear();
    }

    /** What a run of 4 epochs of 6 steps left. */
    private record Run(Map<String, float[]> weights, List<EpochMetrics> history, String stoppedEarly) {}

    /** Trains 4 epochs of 6 steps (96 images, batch 16), the deadline passing at the step numbered {@code passesAt}, if any. */
    private static Run train(int epochs, Path checkpoint, Integer passesAt) {
        AtomicInteger asked = new AtomicInteger();
        if (passesAt != null) {
            Deadline.set("the test's deadline", () -> asked.getAndIncrement() >= passesAt);
        }
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0.9, manager, 3)) {
            BatchStream stream = new BatchStream(TRAIN, 16, 5, List.of(WeakAugment.standard(16, true)), NORMALIZATION,
                    TargetSource.oneHot(TRAIN));
            LoopConfig config = new LoopConfig(epochs, 0, 5, 2);
            TrainingLoop loop = new TrainingLoop(config, new Supervised(learner), stream, null,
                    Schedule.cosine(0.05, 3, 4L * TrainingLoop.stepsPerEpoch(config, stream), 0), VALIDATION, NORMALIZATION, List.of(),
                    checkpoint);
            List<EpochMetrics> history = new ArrayList<>(loop.run(null));
            return new Run(learner.state(), history, loop.stoppedEarly());
        } finally {
            Deadline.clear();
        }
    }

    private static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), 0f, name));
    }

    @Test
    void aDeadlineInsideAnEpochKeepsTheWeightsOfTheLastEvaluation() throws Exception {
        Run oneEpoch = train(1, dir.resolve("one.ckpt"), null);
        Path checkpoint = dir.resolve("stopped.ckpt");
        Run stopped = train(4, checkpoint, 9);
        assertEquals(1, stopped.history().size(), "one evaluation before the deadline");
        assertSameWeights(oneEpoch.weights(), stopped.weights());
        assertEquals("the test's deadline: stopped before step 9 of 24, with the model of step 6 (epoch 1, its last evaluation)",
                stopped.stoppedEarly());
        assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(Checkpoint.read(checkpoint).header()).get("epoch")
                .asInt(), "the checkpoint is kept as the last evaluation's");
        assertNull(oneEpoch.stoppedEarly());
    }

    @Test
    void aDeadlineBeforeTheFirstEvaluationStopsTheRunAsAnInterruption() {
        Path checkpoint = dir.resolve("early.ckpt");
        Interrupted stop = assertThrows(Interrupted.class, () -> train(4, checkpoint, 3));
        assertEquals(Deadline.EXIT_CODE, stop.exitCode());
        assertEquals(3, stop.step());
        assertTrue(stop.request().cause().startsWith("the test's deadline"), stop.request().cause());
        assertFalse(Checkpoint.exists(checkpoint));
    }

    @Test
    void aLoopWithoutCheckpointsFinishesItsEpochFirst() {
        Run twoEpochs = train(2, null, null);
        Run stopped = train(4, null, 9);
        assertEquals(2, stopped.history().size());
        assertSameWeights(twoEpochs.weights(), stopped.weights());
        assertTrue(stopped.stoppedEarly().contains("before step 12 of 24"), stopped.stoppedEarly());
    }
}
