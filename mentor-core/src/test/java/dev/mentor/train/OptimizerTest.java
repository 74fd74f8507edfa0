package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Updates checked against values computed by hand with torch.optim.SGD / AdamW semantics. Gradients are
 * set directly so the expected numbers are simple.
 */
class OptimizerTest {
    private static final float EPS = 1e-6f;

    private static NamedParameter parameter(NDManager manager, String name, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optArray(manager.create(values, new Shape(values.length))).build();
        p.getArray().setRequiresGradient(true);
        return new NamedParameter(name, p);
    }

    /** Sets the gradient of the parameter's array to {@code grad} (through a backward of sum(w·grad)). */
    private static void setGradient(NDManager manager, NamedParameter p, float... grad) {
        NDArray w = p.parameter().getArray();
        try (var collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            collector.backward(w.mul(manager.create(grad, w.getShape())).sum());
        }
    }

    @Test
    void nesterovSgdMatchesPyTorchOverStepsWithChangingRates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedParameter w = parameter(manager, "layer_weight", 1f, -2f);
            OptimizerConfig config = new OptimizerConfig("sgd", 0.9, true, 0.1, false, 0.9, 0.999, 1e-8);
            try (Optimizer sgd = config.build()) {
                // step 1, lr 0.5, grad (1, 1): g = (1,1) + 0.1*(1,-2) = (1.1, 0.8); b = g; d = g + 0.9 b = (2.09, 1.52)
                setGradient(manager, w, 1f, 1f);
                sgd.step(List.of(w), 0.5f);
                float[] after1 = {1f - 0.5f * 2.09f, -2f - 0.5f * 1.52f}; // (-0.045, -2.76)
                assertArrayEquals(after1, w.parameter().getArray().toFloatArray(), EPS);
                // step 2, lr 0.1, grad (0, 2): g = (0,2) + 0.1*w = (-0.0045, 1.724)
                setGradient(manager, w, 0f, 2f);
                sgd.step(List.of(w), 0.1f);
                float g0 = 0f + 0.1f * after1[0];
                float g1 = 2f + 0.1f * after1[1];
                float b0 = 0.9f * 1.1f + g0;
                float b1 = 0.9f * 0.8f + g1;
                float[] after2 = {after1[0] - 0.1f * (g0 + 0.9f * b0), after1[1] - 0.1f * (g1 + 0.9f * b1)};
                assertArrayEquals(after2, w.parameter().getArray().toFloatArray(), EPS);
            }
        }
    }

    @Test
    void plainMomentumSgdKeepsTheRateOutsideTheBuffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedParameter w = parameter(manager, "w_weight", 0f);
            OptimizerConfig config = new OptimizerConfig("sgd", 0.5, false, 0, false, 0.9, 0.999, 1e-8);
            try (Optimizer sgd = config.build()) {
                setGradient(manager, w, 1f);
                sgd.step(List.of(w), 1f); // b = 1, w = -1
                setGradient(manager, w, 1f);
                sgd.step(List.of(w), 0.1f); // b = 0.5 + 1 = 1.5, w = -1 - 0.15
                assertEquals(-1.15f, w.parameter().getArray().getFloat(0), EPS);
            }
        }
    }

    @Test
    void weightDecaySkipsBiasesAndNormParametersUnlessAsked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedParameter bias = parameter(manager, "head_bias", 1f);
            NamedParameter gamma = parameter(manager, "bn_gamma", 1f);
            OptimizerConfig excluded = new OptimizerConfig("sgd", 0, false, 0.5, false, 0.9, 0.999, 1e-8);
            try (Optimizer sgd = excluded.build()) {
                setGradient(manager, bias, 0f);
                setGradient(manager, gamma, 0f);
                sgd.step(List.of(bias, gamma), 1f);
                assertEquals(1f, bias.parameter().getArray().getFloat(0), EPS);
                assertEquals(1f, gamma.parameter().getArray().getFloat(0), EPS);
            }
            OptimizerConfig included = new OptimizerConfig("sgd", 0, false, 0.5, true, 0.9, 0.999, 1e-8);
            try (Optimizer sgd = included.build()) {
                setGradient(manager, bias, 0f);
                sgd.step(List.of(bias), 1f);
                assertEquals(0.5f, bias.parameter().getArray().getFloat(0), EPS);
            }
        }
    }

    @Test
    void stepZeroesTheGradientSoTheNextBackwardStartsFresh() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedParameter w = parameter(manager, "w_weight", 0f);
            try (Optimizer sgd = new OptimizerConfig("sgd", 0, false, 0, false, 0.9, 0.999, 1e-8).build()) {
                setGradient(manager, w, 3f);
                sgd.step(List.of(w), 1f);
                assertEquals(0f, w.parameter().getArray().getGradient().getFloat(0), 0f);
                setGradient(manager, w, 1f);
                sgd.step(List.of(w), 1f); // -3 - 1, not -3 - 4
                assertEquals(-4f, w.parameter().getArray().getFloat(0), EPS);
            }
        }
    }

    @Test
    void adamWMatchesPyTorchForTwoSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedParameter w = parameter(manager, "w_weight", 1f);
            OptimizerConfig config = new OptimizerConfig("adamw", 0, false, 0.01, false, 0.9, 0.999, 1e-8);
            double lr = 0.1;
            double m = 0;
            double v = 0;
            double expected = 1;
            try (Optimizer adam = config.build()) {
                float[] grads = {0.5f, -0.2f};
                for (int t = 1; t <= 2; t++) {
                    setGradient(manager, w, grads[t - 1]);
                    adam.step(List.of(w), (float) lr);
                    expected *= 1 - lr * 0.01;
                    m = 0.9 * m + 0.1 * grads[t - 1];
                    v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
                    double mHat = m / (1 - Math.pow(0.9, t));
                    double vHat = v / (1 - Math.pow(0.999, t));
                    expected -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                    assertEquals(expected, w.parameter().getArray().getFloat(0), 1e-5);
                }
            }
        }
    }

    @Test
    void stateRoundTripContinuesTheSameTrajectory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            OptimizerConfig config = OptimizerConfig.sgd(0.01);
            NamedParameter a = parameter(manager, "w_weight", 1f, 2f);
            NamedParameter b = parameter(manager, "w_weight", 1f, 2f);
            try (Optimizer first = config.build(); Optimizer second = config.build()) {
                setGradient(manager, a, 1f, -1f);
                first.step(List.of(a), 0.1f);
                setGradient(manager, b, 1f, -1f);
                second.step(List.of(b), 0.1f);
                Map<String, float[]> saved = second.state();
                try (Optimizer restored = config.build()) {
                    restored.loadState(saved, List.of(b));
                    setGradient(manager, a, 0.5f, 0.5f);
                    first.step(List.of(a), 0.1f);
                    setGradient(manager, b, 0.5f, 0.5f);
                    restored.step(List.of(b), 0.1f);
                }
                assertArrayEquals(a.parameter().getArray().toFloatArray(), b.parameter().getArray().toFloatArray(), 0f);
            }
        }
    }
}
