package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.augment.WeakAugment;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** FixMatch and UDA train one model through the shared consistency objective. */
class ConsistencyMethodsTest {
    static final ArrayImageSet LABELED = SyntheticData.squares(32, 4, 1, 16, 1);
    static final ArrayImageSet UNLABELED = SyntheticData.squares(128, 4, 1, 16, 7);
    static final ArrayImageSet VALIDATION = SyntheticData.squares(64, 4, 1, 16, 9);
    static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});

    /** Trains {@code epochs} epochs of 4 steps (8 labeled, 8·μ unlabeled images each) and returns the history. */
    static List<EpochMetrics> train(Function<Learner, Method> build, int epochs) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            Method method = build.apply(learner);
            BatchStream labeled = new BatchStream(LABELED, 8, 2, List.of(WeakAugment.standard(16, true)), NORM,
                    TargetSource.oneHot(LABELED));
            BatchStream unlabeled = new BatchStream(UNLABELED, method.unlabeledBatchSize(8), 3, method.unlabeledViews(), NORM, null);
            return new TrainingLoop(new LoopConfig(epochs, 0, 2, 1), method, labeled, unlabeled, Schedule.cosine(0.05, 0, 4L * epochs, 0),
                    VALIDATION, NORM, List.of(), null).run(null);
        }
    }

    @Test
    void fixMatchLowersItsLossAndReportsItsMaskRatio() {
        List<EpochMetrics> history = train(l -> ConsistencyTraining.fixMatch(l, ConsistencyConfig.fixMatch(2, 1, 0.95, true)), 6);
        assertTrue(history.get(5).trainLoss() < history.get(0).trainLoss(), history.toString());
        assertTrue(history.get(5).validationAccuracy() > 0.9, history.toString());
        var components = history.get(5).components();
        assertTrue(components.keySet().containsAll(List.of("ce", "consistency", "mask_ratio", "ms_forward", "ms_backward", "ms_update")),
                components.toString());
        assertTrue(components.get("mask_ratio") > history.get(0).components().get("mask_ratio"),
                "confidence grows as the model learns: " + history);
    }

    @Test
    void udaLowersItsLabeledLossAndRampsItsWeight() {
        List<EpochMetrics> history = train(l -> ConsistencyTraining.uda(l, new ConsistencyConfig(2, 1, 0.6, 0.4, 8, true)), 6);
        // The total rises with the ramp and the mask ratio; the labeled CE is what must fall.
        assertTrue(history.get(5).components().get("ce") < 0.7 * history.get(0).components().get("ce"), history.toString());
        assertTrue(history.get(5).validationAccuracy() > 0.9, history.toString());
        assertEquals((1 + 2 + 3 + 4) / 8.0 / 4, history.get(0).components().get("unlabeled_weight"), 1e-6);
        assertEquals(1.0, history.get(5).components().get("unlabeled_weight"), 1e-6);
    }

    @Test
    void fixMatchRefusesSoftTargets() {
        assertThrows(IllegalArgumentException.class, () -> ConsistencyTraining.fixMatch(null, new ConsistencyConfig(7, 1, 0.95, 0.4, 0, true)));
    }

    @Test
    void theUnlabeledBatchIsMuTimesTheLabeledOne() {
        assertEquals(56, ConsistencyTraining.uda(null, new ConsistencyConfig(7, 1, 0.8, 0.4, 0, true)).unlabeledBatchSize(8));
    }

    /**
     * A start pass is taken once, before the first step, and seeds the thresholds (a pool that passes a fixed confidence
     * of 0.97, where FreeMatch's τ would otherwise start at 1/4); a method whose thresholds were restored takes none.
     */
    @Test
    void theStartPassSeedsTheThresholdsOnceAndNotAfterARestore() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<float[]> pass = () -> {
            calls.incrementAndGet();
            float[] p = new float[UNLABELED.size() * 4];
            for (int i = 0; i < UNLABELED.size(); i++) {
                System.arraycopy(new float[] {0.97f, 0.01f, 0.01f, 0.01f}, 0, p, i * 4, 4);
            }
            return p;
        };
        FreeMatch.Options options = new FreeMatch.Options(ConsistencyConfig.fixMatch(2, 1, 0.95, true), 0.999, 0.01, true);
        ThresholdMatch[] made = new ThresholdMatch[3];
        train(l -> made[0] = FreeMatch.create(l, options, pass), 2);
        assertEquals(1, calls.get(), "one pass for 8 steps");
        // 8 steps at λ = 0.999 move τ by under 1% of the way from 0.97 toward the batches' confidence
        double seeded = ((AdaptiveThresholds) made[0].thresholds()).globalThreshold();
        assertTrue(seeded > 0.96, "τ starts at the pass's confidence: " + seeded);
        train(l -> made[1] = FreeMatch.create(l, options, null), 2);
        double unseeded = ((AdaptiveThresholds) made[1].thresholds()).globalThreshold();
        assertTrue(unseeded < 0.26, "without a pass τ starts at 1/4: " + unseeded);
        train(l -> {
            made[2] = FreeMatch.create(l, options, pass);
            made[2].loadState(made[1].state());
            return made[2];
        }, 1);
        assertEquals(1, calls.get(), "a restored method takes no pass");
    }
}
