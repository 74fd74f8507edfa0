package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.data.DataSpec;
import dev.mentor.method.Supervised;
import dev.mentor.model.ModelSpec;
import dev.mentor.ndarray.Bf16;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --precision bf16}: the training forward in bfloat16 from float32 weights. The casts keep autograd, the
 * outputs agree with float32 to bfloat16's rounding, the weights, their gradients and the evaluation stay float32, and a
 * run trains and records its precision.
 */
class Bf16TrainingTest {
    @TempDir
    Path dir;

    @Test
    void theCastsKeepTheGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = NativeArrays.create(manager, new float[] {1.5f, -0.25f, 3f}, new Shape(3));
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray half = Bf16.of(w, manager);
                assertNotEquals(DataType.FLOAT32, half.getDataType(), "DJL names bfloat16 UNKNOWN");
                NDArray back = Bf16.toFloat32(half.mul(half));
                assertEquals(DataType.FLOAT32, back.getDataType());
                collector.backward(back.sum());
            }
            // d(w²)/dw = 2w; 1.5, -0.25 and 3 are exact in bfloat16
            assertArrayEquals(new float[] {3f, -0.5f, 6f}, w.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aBf16ForwardAgreesWithFloat32AndTrainsFloat32Weights() {
        for (String architecture : List.of("cnn-small", "resnet-20")) {
            // resnet-20 with stochastic depth: BatchNorm takes bfloat16 input, the residual sum and the drop-path mask stay bfloat16
            ModelSpec spec = new ModelSpec(architecture, 1, 16, 16, 4, -1, architecture.equals("resnet-20") ? 0.2 : 0);
            try (NDManager manager = NDManager.newBaseManager();
                    Learner fp32 = Learner.create(spec, OptimizerConfig.sgd(5e-4), 0, manager, 5);
                    Learner bf16 = Learner.create(spec, OptimizerConfig.sgd(5e-4), 0, manager, 5)) {
                bf16.precision(Precision.BF16);
                assertEquals(Precision.BF16, bf16.precision());
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomNormal(new Shape(8, 1, 16, 16));
                    NDList exact = fp32.forward(x, false);
                    NDList half = bf16.forward(x, false);
                    assertEquals(DataType.FLOAT32, half.get(0).getDataType());
                    assertEquals(DataType.FLOAT32, half.get(1).getDataType(), "the features come back float32 too");
                    float largest = exact.get(0).abs().max().getFloat();
                    float difference = exact.get(0).sub(half.get(0)).abs().max().getFloat();
                    assertTrue(difference > 0, architecture + ": the bf16 forward must differ from float32 (is it bf16 at all?)");
                    assertTrue(difference <= 0.05f * Math.max(1f, largest), architecture + ": logits differ by " + difference
                            + " (largest " + largest + ")");
                    assertArrayEquals(exact.get(0).toFloatArray(), bf16.infer(x).get(0).toFloatArray(), 0f, "evaluation stays float32");
                }
                NamedParameter first = bf16.parameters().get(0);
                float[] before = first.parameter().getArray().toFloatArray();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomNormal(new Shape(8, 1, 16, 16));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = bf16.forward(x, true).get(0);
                        collector.backward(logits.mul(logits).mean());
                    }
                    bf16.step(0.1f);
                }
                NDArray after = first.parameter().getArray();
                assertEquals(DataType.FLOAT32, after.getDataType(), architecture + ": the master weights stay float32");
                assertTrue(!java.util.Arrays.equals(before, after.toFloatArray()), architecture + ": the step moved " + first.name());
            }
        }
    }

    @Test
    void aBf16RunTrainsAndRecordsItsPrecision() throws Exception {
        Path data = SyntheticData.idx(dir.resolve("idx"), 160, 40, 4);
        ExperimentConfig config = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, 0, 6,
                8, 0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 3, 1).withPrecision(Precision.BF16);
        Path run = dir.resolve("run");
        RunResult result = new Experiment(config, context -> new Supervised(context.newLearner(0)), line -> {})
                .run(RunDirectory.create(run, false), false, List.of());
        List<EpochMetrics> epochs = result.history();
        assertTrue(epochs.get(epochs.size() - 1).trainLoss() < epochs.get(0).trainLoss(), "the loss falls: " + epochs);
        assertTrue(result.testAccuracy() > 0.5, "4 classes: chance is 0.25, got " + result.testAccuracy());
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"precision\" : \"bf16\""), "config.json records it");
        assertEquals(Precision.BF16, ExperimentConfig.read(run.resolve("config.json")).precision());
    }

    @Test
    void aConfigWithoutPrecisionIsFloat32AndABadOneIsRefused() throws Exception {
        ExperimentConfig config = new ExperimentConfig(DataSpec.parse("idx:unused"), null, null, null, null, 40, null, 5, "cnn-small", -1,
                0, 1, 8, 0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 3, 1);
        assertEquals(Precision.FP32, config.precision());
        Path file = dir.resolve("config.json");
        config.write(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"precision\" : \"fp32\""), text);
        Files.writeString(file, text.replaceAll(",\\s*\"precision\" : \"fp32\"", ""));
        assertTrue(!Files.readString(file).contains("precision"), "a config.json of an earlier build");
        assertEquals(Precision.FP32, ExperimentConfig.read(file).precision());
        MentorException bad = assertThrows(MentorException.class, () -> Precision.parse("fp16"));
        assertTrue(bad.getMessage().contains("precision") && bad.getMessage().contains("fp16"), bad.getMessage());
    }
}
