package dev.mentor.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModelsTest {

    /**
     * Parameter counts printed by the PyTorch reference modules for 10 classes: peer_train.py, and for
     * efficientnet-b0 src/test/python/efficientnet_reference.py (torchvision's efficientnet_b0, whose
     * 1,000-class 3-channel count is the published 5,288,548: 10 classes remove 990·1281, one channel
     * removes 2·32·9 stem weights).
     */
    @ParameterizedTest
    @CsvSource({
        "cnn-small, 1, 28, 421834",
        "resnet-20, 1, 28, 272186",
        "wrn-28-2, 1, 28, 1467322",
        "resnet-20, 3, 32, 272474",
        "wrn-28-2, 3, 32, 1467610",
        "efficientnet-b0, 1, 28, 4019782",
        "efficientnet-b0, 3, 32, 4020358",
    })
    void parameterCountMatchesThePyTorchReference(String name, int channels, int size, long expected) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(new ModelSpec(name, channels, size, size, 10, -1, 0),
                        OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            assertEquals(expected, learner.parameterCount());
        }
    }

    @ParameterizedTest
    @CsvSource({"cnn-small, 128", "resnet-20, 64", "wrn-16-1, 64", "efficientnet-b0, 1280"})
    void forwardReturnsLogitsAndFeatures(String name, long featureSize) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(new ModelSpec(name, 1, 28, 28, 7, -1, 0.2),
                        OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            NDArray x = manager.randomNormal(new Shape(4, 1, 28, 28));
            NDList out = learner.forward(x, true);
            assertEquals(new Shape(4, 7), out.get(0).getShape());
            assertEquals(new Shape(4, featureSize), out.get(1).getShape());
        }
    }

    @ParameterizedTest
    @CsvSource({"cnn-small, 1", "resnet-20, 3", "wrn-16-2, 3"})
    void ownModelsRunChannelsLastWithTheSameResultsAsContiguous(String name, int channels) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(new ModelSpec(name, channels, 28, 28, 10, -1, 0),
                        OptimizerConfig.sgd(5e-4), 0, manager, 3)) {
            assertEquals(MemoryFormat.CHANNELS_LAST, learner.model().inputFormat());
            NDArray x = manager.randomNormal(new Shape(5, channels, 28, 28));
            NDList last = learner.infer(x);
            learner.model().setInputFormat(MemoryFormat.CONTIGUOUS);
            NDList contiguous = learner.infer(x);
            for (int i = 0; i < last.size(); i++) {
                assertEquals(contiguous.get(i).getShape(), last.get(i).getShape());
                assertTrue(contiguous.get(i).allClose(last.get(i), 1e-4, 1e-4, false), "output " + i);
            }
        }
    }

    @Test
    void sameSeedGivesSameInitialWeightsAndOtherSeedsDiffer() {
        ModelSpec spec = new ModelSpec("resnet-20", 1, 28, 28, 10, -1, 0);
        try (NDManager manager = NDManager.newBaseManager();
                Learner a = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 7);
                Learner b = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 7);
                Learner c = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 8)) {
            String first = a.parameters().get(0).name();
            assertArrayEquals(a.weights().get(first), b.weights().get(first));
            assertNotEquals(a.weights().get(first)[0], c.weights().get(first)[0]);
        }
    }

    @Test
    void efficientNetHandBackCalculationOfTheParameterCount() {
        assertEquals(4_019_782L, 5_288_548L - 990L * 1281 - 2L * 32 * 9);
    }

    /** torchvision's rates, printed by efficientnet_reference.py: block i of 16 gets 0.2·i/16. */
    @Test
    void efficientNetScalesDropConnectOverItsBlocksAsThePaper() {
        Classifier model = Models.create(new ModelSpec("efficientnet-b0", 1, 28, 28, 10, -1, -1));
        java.util.List<Float> rates = new java.util.ArrayList<>();
        collectDropPaths(model, rates);
        assertEquals(16, rates.size());
        for (int i = 0; i < 16; i++) {
            // the first block of a stage changes the shape and has no residual branch to drop
            boolean residual = !java.util.Set.of(0, 1, 3, 5, 8, 11, 15).contains(i);
            assertEquals(residual ? 0.2f * i / 16 : 0f, rates.get(i), 1e-7f, "block " + i);
        }
    }

    private static void collectDropPaths(ai.djl.nn.Block block, java.util.List<Float> rates) {
        for (var child : block.getChildren().values()) {
            if (child instanceof MBConv unit) {
                rates.add(unit.dropPath());
            } else {
                collectDropPaths(child, rates);
            }
        }
    }

    @Test
    void efficientNetInferenceIsDeterministicAndTrainingIsNoisy() {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(new ModelSpec("efficientnet-b0", 1, 28, 28, 10, 0.5, 0.5),
                        OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            NDArray x = manager.randomNormal(new Shape(4, 1, 28, 28));
            assertArrayEquals(learner.infer(x).get(0).toFloatArray(), learner.infer(x).get(0).toFloatArray());
            assertNotEquals(java.util.Arrays.toString(learner.forward(x, true).get(0).toFloatArray()),
                    java.util.Arrays.toString(learner.forward(x, true).get(0).toFloatArray()));
        }
    }

    @Test
    void unknownOrMalformedNamesAreUserErrors() {
        MentorException e = assertThrows(MentorException.class, () -> Models.check("vgg-16"));
        assertEquals("model: unknown model 'vgg-16' (expected cnn-small, resnet-20, wrn-DEPTH-K such as wrn-28-2, or efficientnet-b0)", e.getMessage());
        assertThrows(MentorException.class, () -> Models.check("wrn-27-2"));
    }

    @Test
    void batchNormRunningStatisticsFollowPyTorchMomentum() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm2d bn = new BatchNorm2d(0.1f, 1e-5f);
            NDArray x = manager.create(new float[] {1, 3, 5, 7}, new Shape(4, 1, 1, 1));
            bn.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, x.getShape());
            ai.djl.training.ParameterStore store = new ai.djl.training.ParameterStore(manager, false);
            NDArray y = bn.forward(store, new NDList(x), true).singletonOrThrow();
            // batch mean 4, biased variance 5, unbiased 20/3; running = 0.9 * init + 0.1 * batch
            assertEquals(0.4f, bn.getParameters().get("runningMean").getArray().getFloat(0), 1e-6);
            assertEquals(0.9f + 0.1f * 20f / 3f, bn.getParameters().get("runningVar").getArray().getFloat(0), 1e-5);
            assertEquals((1 - 4) / (float) Math.sqrt(5 + 1e-5), y.getFloat(0, 0, 0, 0), 1e-5);
            NDArray inference = bn.forward(store, new NDList(x), false).singletonOrThrow();
            float expected = (1 - 0.4f) / (float) Math.sqrt(0.9f + 0.1f * 20f / 3f + 1e-5f);
            assertEquals(expected, inference.getFloat(0, 0, 0, 0), 1e-5);
        }
    }
}
