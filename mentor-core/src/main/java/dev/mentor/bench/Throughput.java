package dev.mentor.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mentor.loss.Losses;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;

/**
 * Training steps per second on one fixed random batch, the recipe of the PyTorch peer: Nesterov SGD
 * (lr 0.03, momentum 0.9, weight decay 5e-4 on every parameter), cross-entropy, 3 warm-up steps.
 */
public final class Throughput {
    private Throughput() {}

    /** Result of a measurement. */
    public record Result(String model, int batchSize, int steps, long parameters, double imagesPerSecond, double seconds) {}

    public static Result measure(String model, int channels, int size, int batchSize, int steps) {
        ModelSpec spec = new ModelSpec(model, channels, size, size, 10, -1, 0);
        OptimizerConfig sgd = new OptimizerConfig("sgd", 0.9, true, 5e-4, true, 0.9, 0.999, 1e-8);
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(spec, sgd, 0, manager, 0)) {
            NDArray x = manager.randomNormal(new Shape(batchSize, channels, size, size));
            NDArray labels = manager.randomInteger(0, 10, new Shape(batchSize), ai.djl.ndarray.types.DataType.INT32);
            NDArray targets = labels.oneHot(10);
            for (int i = 0; i < 3; i++) {
                step(learner, x, targets);
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step(learner, x, targets);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(model, batchSize, steps, learner.parameterCount(), steps * (double) batchSize / seconds, seconds);
        }
    }

    /** One step; the input is copied into the step's scope so every activation is freed with it. */
    private static void step(Learner learner, NDArray x, NDArray targets) {
        try (NDManager scope = learner.manager().newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(scope);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = learner.forward(input, true).get(0);
                collector.backward(Losses.softCrossEntropy(logits, targets));
            }
            learner.step(0.03f);
        }
    }
}
