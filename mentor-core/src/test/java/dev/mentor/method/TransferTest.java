package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferTest {
    private static final ArrayImageSet TRAIN = SyntheticData.squares(48, 4, 1, 16, 1);
    private static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});
    private static final ModelSpec SPEC = new ModelSpec("resnet-20", 1, 16, 16, 4, -1, 0);

    /** Trains with the given transfer settings and returns (weights before, weights after). */
    private static List<Map<String, float[]>> train(Transfer.Mode mode, double scale, int unfreezeAfter, int epochs) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            Map<String, float[]> before = learner.weights();
            Transfer method = new Transfer(learner, mode, scale, unfreezeAfter);
            BatchStream stream = new BatchStream(TRAIN, 16, 1, List.of(Augmentation.NONE), NORM, TargetSource.oneHot(TRAIN));
            new TrainingLoop(new LoopConfig(epochs, 0, 1, 1), method, stream, null, Schedule.constant(0.05), null, NORM,
                    List.of(), null).run(null);
            return List.of(before, learner.weights(), Map.of("head", new float[] {learner.headParameters().size()}));
        }
    }

    private static boolean isHead(String name) {
        return name.contains("head_");
    }

    @Test
    void aLinearProbeTrainsOnlyTheHeadAndKeepsBatchNormStatistics() {
        List<Map<String, float[]>> w = train(Transfer.Mode.LINEAR_PROBE, 1, -1, 2);
        w.get(0).forEach((name, before) -> {
            if (isHead(name)) {
                assertFalse(Arrays.equals(before, w.get(1).get(name)), name + " should learn");
            } else {
                assertArrayEquals(before, w.get(1).get(name), 0f, name + " (running statistics included) must not change");
            }
        });
    }

    @Test
    void fineTuningTrainsTheBackboneAndAZeroScaleFreezesItsWeights() {
        List<Map<String, float[]>> tuned = train(Transfer.Mode.FINE_TUNE, 0.1, -1, 1);
        assertTrue(tuned.get(0).entrySet().stream().anyMatch(e -> !isHead(e.getKey()) && e.getKey().endsWith("weight")
                && !Arrays.equals(e.getValue(), tuned.get(1).get(e.getKey()))));
        List<Map<String, float[]>> zero = train(Transfer.Mode.FINE_TUNE, 0, -1, 1);
        zero.get(0).forEach((name, before) -> {
            if (name.endsWith("Conv2d_weight")) {
                assertArrayEquals(before, zero.get(1).get(name), 0f, name);
            }
        });
    }

    @Test
    void gradualUnfreezingStartsTrainingTheBackboneAtTheGivenEpoch() {
        List<Map<String, float[]>> frozenThroughout = train(Transfer.Mode.LINEAR_PROBE, 1, 5, 1);
        List<Map<String, float[]>> unfrozen = train(Transfer.Mode.LINEAR_PROBE, 1, 1, 2);
        String conv = frozenThroughout.get(0).keySet().stream().filter(n -> n.endsWith("Conv2d_weight")).findFirst().orElseThrow();
        assertArrayEquals(frozenThroughout.get(0).get(conv), frozenThroughout.get(1).get(conv), 0f);
        assertFalse(Arrays.equals(unfrozen.get(0).get(conv), unfrozen.get(1).get(conv)));
    }
}
