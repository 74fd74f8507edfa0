package dev.mentor.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
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
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import dev.mentor.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    private static final ArrayImageSet TRAIN = SyntheticData.squares(96, 4, 1, 16, 1);
    private static final ArrayImageSet VALIDATION = SyntheticData.squares(32, 4, 1, 16, 2);
    private static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);

    @TempDir
    Path dir;

    /** Trains {@code epochs} epochs, resuming from {@code resume} when given; returns the final weights. */
    private static Map<String, float[]> train(int epochs, Path checkpoint, Checkpoint resume, List<EpochMetrics> history) {
        Normalization normalization = new Normalization(new float[] {0.3f}, new float[] {0.3f});
        Augmentation weak = WeakAugment.standard(16, true);
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0.9, manager, 3)) {
            BatchStream stream = new BatchStream(TRAIN, 16, 5, List.of(weak), normalization, TargetSource.oneHot(TRAIN));
            LoopConfig config = new LoopConfig(epochs, 0, 5, 2);
            Schedule schedule = Schedule.cosine(0.05, 3, 4L * TrainingLoop.stepsPerEpoch(config, stream), 0);
            TrainingLoop loop = new TrainingLoop(config, new Supervised(learner), stream, null, schedule,
                    VALIDATION, normalization, List.of(), checkpoint);
            history.addAll(loop.run(resume));
            return learner.state();
        }
    }

    @Test
    void supervisedTrainingLowersTheLossAndLearnsTheTask() {
        List<EpochMetrics> history = new java.util.ArrayList<>();
        train(4, null, null, history);
        assertEquals(4, history.size());
        assertTrue(history.get(3).trainLoss() < history.get(0).trainLoss() * 0.7,
                "loss " + history.get(0).trainLoss() + " -> " + history.get(3).trainLoss());
        assertTrue(history.get(3).validationAccuracy() > 0.9, "validation " + history.get(3).validationAccuracy());
    }

    @Test
    void aResumedRunEndsWithExactlyTheWeightsOfAnUninterruptedOne() {
        Map<String, float[]> straight = train(4, dir.resolve("straight.ckpt"), null, new java.util.ArrayList<>());
        Path interrupted = dir.resolve("interrupted.ckpt");
        train(2, interrupted, null, new java.util.ArrayList<>());
        List<EpochMetrics> resumedHistory = new java.util.ArrayList<>();
        Map<String, float[]> resumed = train(4, interrupted, Checkpoint.read(interrupted), resumedHistory);
        assertEquals(4, resumedHistory.size());
        assertEquals(straight.keySet(), resumed.keySet());
        straight.forEach((name, values) -> assertArrayEquals(values, resumed.get(name), 0f, name));
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheStep() {
        Normalization normalization = new Normalization(new float[] {0.3f}, new float[] {0.3f});
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(0), 0, manager, 3)) {
            BatchStream stream = new BatchStream(TRAIN, 16, 5, List.of(Augmentation.NONE), normalization, TargetSource.oneHot(TRAIN));
            TrainingLoop loop = new TrainingLoop(new LoopConfig(3, 0, 5, 1), new Supervised(learner), stream, null,
                    Schedule.constant(1e12), null, normalization, List.of(), null);
            MentorException e = assertThrows(MentorException.class, () -> loop.run(null));
            assertTrue(e.getMessage().startsWith("training diverged"), e.getMessage());
        }
    }

    @Test
    void aHugeLearningRateAfterAGoodEpochStopsTheRunAndKeepsThatEpochsCheckpoint() throws Exception {
        Normalization normalization = new Normalization(new float[] {0.3f}, new float[] {0.3f});
        Path file = dir.resolve("diverging.ckpt");
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(0), 0, manager, 3)) {
            BatchStream stream = new BatchStream(TRAIN, 16, 5, List.of(Augmentation.NONE), normalization, TargetSource.oneHot(TRAIN));
            LoopConfig config = new LoopConfig(4, 0, 5, 1);
            long perEpoch = TrainingLoop.stepsPerEpoch(config, stream);
            Schedule calmThenHuge = step -> step < perEpoch ? 0.01f : 1e30f;
            TrainingLoop loop = new TrainingLoop(config, new Supervised(learner), stream, null, calmThenHuge, null,
                    normalization, List.of(), file);
            MentorException e = assertThrows(MentorException.class, () -> loop.run(null));
            assertTrue(e.getMessage().matches("training diverged (at|by) step \\d+ \\(epoch 2\\): .*(loss|weights).*"), e.getMessage());
            long step = Long.parseLong(e.getMessage().replaceAll("^training diverged (at|by) step (\\d+).*$", "$2"));
            assertTrue(step >= perEpoch && step < 2 * perEpoch, "step " + step);
            assertTrue(e.getMessage().contains(file + ", holds epoch 1 and is kept"), e.getMessage());
            assertTrue(e.getMessage().contains("(continue from it with resume " + file.toAbsolutePath().getParent() + ")"), e.getMessage());
            assertTrue(e.message(c -> "--" + c).contains("with --resume " + file.toAbsolutePath().getParent()), e.getMessage());
        }
        Checkpoint kept = Checkpoint.read(file);
        assertTrue(kept.header().contains("\"epoch\":1"), kept.header());
        kept.arrays().forEach((name, values) -> {
            for (float v : values) {
                assertTrue(Float.isFinite(v), name + " holds " + v);
            }
        });
    }

    @Test
    void aNonFiniteComponentIsNamedBeforeTheTotal() {
        assertEquals("consistency", new StepResult(Float.NaN, Map.of("ce", 1f, "consistency", Float.POSITIVE_INFINITY)).firstNonFinite());
        assertEquals("loss", new StepResult(Float.NaN, Map.of("ce", 1f)).firstNonFinite());
        assertEquals(null, new StepResult(2f, Map.of("ce", 1f)).firstNonFinite());
    }

    @Test
    void theNativeArrayCountStaysFlatFromEpochToEpoch() {
        Normalization normalization = new Normalization(new float[] {0.3f}, new float[] {0.3f});
        List<Integer> counts = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0.99, manager, 3)) {
            BatchStream stream = new BatchStream(TRAIN, 16, 5, List.of(WeakAugment.standard(16, true)), normalization,
                    TargetSource.oneHot(TRAIN));
            TrainingListener counter = new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    counts.add(manager.getManagedArrays().size());
                }
            };
            new TrainingLoop(new LoopConfig(4, 0, 5, 1), new Supervised(learner), stream, null, Schedule.constant(0.01),
                    VALIDATION, normalization, List.of(counter), dir.resolve("flat.ckpt")).run(null);
        }
        assertEquals(4, counts.size());
        assertEquals(counts.get(1), counts.get(3), "arrays per epoch: " + counts);
    }
}
