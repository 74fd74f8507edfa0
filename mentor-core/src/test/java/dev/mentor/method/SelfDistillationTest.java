package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.augment.Policies;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.loss.Losses;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.HostBatch;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfDistillationTest {
    private static final ArrayImageSet TRAIN = SyntheticData.squares(64, 4, 1, 16, 1);
    private static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    private static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});

    @Test
    void theTwoViewsAreDifferentDrawsOfThePolicy() {
        Learner unused = null;
        SelfDistillation method = new SelfDistillation(unused, new SelfDistillation.Options(1, 1, 1));
        BatchStream stream = new BatchStream(TRAIN, 8, 1, method.labeledViews(Policies.parse("randaugment:n=2,m=9", 16)),
                NORM, TargetSource.oneHot(TRAIN));
        HostBatch batch = stream.batch(0);
        assertEquals(2, batch.views().length);
        assertFalse(Arrays.equals(batch.views()[0], batch.views()[1]));
    }

    @Test
    void gradientsReachTheFeaturesThroughTheMmdTermAlone() {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(0), 0, manager, 1)) {
            NDArray a = manager.randomNormal(new Shape(4, 1, 16, 16));
            NDArray b = manager.randomNormal(new Shape(4, 1, 16, 16));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = learner.forward(a.concat(b, 0), true);
                NDArray features = out.get(1);
                collector.backward(Losses.meanDiscrepancy(features.get("0:4"), features.get("4:")));
            }
            float backboneGradient = 0;
            float headGradient = 0;
            for (var p : learner.parameters()) {
                if (!p.trainable()) {
                    continue;
                }
                float g = p.parameter().getArray().getGradient().abs().sum().getFloat();
                if (!p.name().contains("head_")) {
                    backboneGradient += g;
                } else {
                    headGradient += g;
                }
            }
            assertTrue(backboneGradient > 0, "the MMD term must reach the backbone");
            assertEquals(0f, headGradient, 0f, "the head does not produce the features");
        }
    }

    @Test
    void trainingLowersTheLossAndReportsItsComponents() {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            SelfDistillation method = new SelfDistillation(learner, new SelfDistillation.Options(1, 1, 2));
            BatchStream stream = new BatchStream(TRAIN, 16, 2, method.labeledViews(Policies.parse("weak", 16)), NORM,
                    TargetSource.oneHot(TRAIN));
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(4, 0, 2, 1), method, stream, null,
                    Schedule.constant(0.05), null, NORM, List.of(), null).run(null);
            assertTrue(history.get(3).trainLoss() < history.get(0).trainLoss(), history.toString());
            assertTrue(history.get(0).components().keySet().containsAll(List.of("ce", "kl", "mmd")));
        }
    }

    @Test
    void theLossIsHalfThePapersSumOverTheTwoViews() {
        double lambda = 2;
        double mu = 3;
        float t = 2;
        ModelSpec noDropout = new ModelSpec("cnn-small", 1, 16, 16, 4, 0, 0); // the twin's forward must match
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(noDropout, OptimizerConfig.sgd(0), 0, manager, 1);
                Learner twin = Learner.create(noDropout, OptimizerConfig.sgd(0), 0, manager, 1);
                Learner third = Learner.create(noDropout, OptimizerConfig.sgd(0), 0, manager, 1)) {
            SelfDistillation method = new SelfDistillation(learner, new SelfDistillation.Options(lambda, mu, t));
            SelfDistillation normalized = new SelfDistillation(third, new SelfDistillation.Options(lambda, mu, t, true));
            BatchStream stream = new BatchStream(TRAIN, 8, 1, method.labeledViews(Policies.parse("weak", 16)), NORM,
                    TargetSource.oneHot(TRAIN));
            HostBatch batch = stream.batch(0);
            try (NDManager scope = manager.newSubManager()) {
                StepContext context = new StepContext(scope, batch, null, new Shape(1, 16, 16), 0f, 0, 0);
                // The paper's loss by hand, on the same views, from an identical network (same seed).
                NDArray a = context.labeledImages(0);
                NDArray b = context.labeledImages(1);
                NDList out = twin.forward(a.concat(b, 0), true);
                NDArray za = out.get(0).get("0:8");
                NDArray zb = out.get(0).get("8:");
                NDArray y = context.labeledTargets();
                double ce = Losses.softCrossEntropy(za, y).getFloat() + Losses.softCrossEntropy(zb, y).getFloat();
                double kl = Losses.klDivergence(za, zb, t).getFloat() + Losses.klDivergence(zb, za, t).getFloat();
                double mmd = Losses.meanDiscrepancy(out.get(1).get("0:8"), out.get(1).get("8:")).getFloat();
                double paper = ce + lambda * kl + mu * mmd;

                StepResult result = method.trainStep(context);
                assertEquals(paper / 2, result.loss(), 1e-4 * paper);
                assertEquals(ce / 2, result.components().get("ce"), 1e-4 * ce);
                assertEquals(result.loss(), result.components().get("ce") + lambda * result.components().get("kl")
                        + mu * result.components().get("mmd"), 1e-4 * paper);
                // normalized (the command's default), the same loss divided by 1 + λ
                assertEquals(paper / 2 / (1 + lambda), normalized.trainStep(context).loss(), 1e-4 * paper);
            }
        }
    }

    @Test
    void negativeWeightsAreUserErrors() {
        assertThrows(MentorException.class, () -> new SelfDistillation.Options(-1, 1, 1));
        assertThrows(MentorException.class, () -> new SelfDistillation.Options(1, 1, 0));
    }
}
