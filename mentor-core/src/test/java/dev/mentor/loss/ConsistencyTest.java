package dev.mentor.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Pseudo-targets, masks and the masked loss against values computed by hand. */
class ConsistencyTest {
    private static double[] softmax(double... z) {
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i]);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Four weak predictions whose confidences are 0.787, 0.987, 0.965 and 0.901. */
    private static NDArray weak(NDManager m) {
        return m.create(new float[] {2, 0, 0, 5, 0, 0, 0, 4, 0, 0, 0, 2.9f}, new Shape(4, 3));
    }

    @Test
    void fixMatchKeepsTheHardLabelsOfPredictionsAtOrAboveTheThreshold() {
        try (NDManager m = NDManager.newBaseManager()) {
            Consistency.PseudoTargets t = Consistency.pseudoTargets(weak(m), 0, 0.95f);
            assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, t.targets().toFloatArray());
            assertArrayEquals(new float[] {0, 1, 1, 0}, t.mask().toFloatArray());
            assertEquals(2, t.confident());
            assertEquals(0.5f, t.maskRatio());
            assertEquals(4, Consistency.pseudoTargets(weak(m), 0, 0.7f).confident());
            assertEquals(1, Consistency.pseudoTargets(weak(m), 0, 0.97f).confident());
            assertEquals(0, Consistency.pseudoTargets(weak(m), 0, 0.99f).confident());
        }
    }

    @Test
    void udaSharpensWithTheTemperatureAndThresholdsTheUnsharpenedConfidence() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 0, -1}, new Shape(1, 3));
            double[] sharpened = softmax(2, 0, -2);
            Consistency.PseudoTargets t = Consistency.pseudoTargets(logits, 0.5f, 0.6f);
            float[] q = t.targets().toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(sharpened[c], q[c], 1e-6);
            }
            assertEquals(0.8668, q[0], 1e-4);
            // The plain confidence is 0.665 (the sharpened one 0.867): 0.7 masks the image.
            assertEquals(0.6652, softmax(1, 0, -1)[0], 1e-4);
            assertEquals(1, t.confident());
            assertEquals(0, Consistency.pseudoTargets(logits, 0.5f, 0.7f).confident());
        }
    }

    @Test
    void theLossAveragesTheMaskedCrossEntropyOverAllImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray strong = m.create(new float[] {0, 1, 0, 1, 1, 0, 0, 0, 2, 3, 0, 0}, new Shape(4, 3));
            Consistency.PseudoTargets t = Consistency.pseudoTargets(weak(m), 0, 0.95f);
            double expected = (-Math.log(softmax(1, 1, 0)[0]) - Math.log(softmax(0, 0, 2)[1])) / 4;
            assertEquals(expected, Consistency.loss(strong, t).getFloat(), 1e-6);
        }
    }

    @Test
    void gradientsReachTheStrongViewOnlyNeverTheTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weak = weak(m);
            NDArray strong = m.create(new float[] {0, 1, 0, 1, 1, 0, 0, 0, 2, 3, 0, 0}, new Shape(4, 3));
            weak.setRequiresGradient(true);
            strong.setRequiresGradient(true);
            try (var collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                Consistency.PseudoTargets t = Consistency.pseudoTargets(weak, 0.5f, 0);
                // weak·0 gives the weak logits a gradient entry, so a leak through the targets would show
                collector.backward(Consistency.loss(strong, t).add(weak.sum().mul(0)));
            }
            assertArrayEquals(new float[12], weak.getGradient().toFloatArray(), 0f);
            assertEquals(true, strong.getGradient().abs().sum().getFloat() > 0);
        }
    }

    @Test
    void labelSmoothingMixesInTheUniformDistribution() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray oneHot = m.create(new float[] {0, 1, 0}, new Shape(1, 3));
            assertArrayEquals(new float[] {0.1f, 0.8f, 0.1f}, Losses.smoothed(oneHot, 0.3f).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0, 1, 0}, Losses.smoothed(oneHot, 0).toFloatArray());
        }
    }

    @Test
    void badSettingsAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> Consistency.pseudoTargets(weak(m), -1, 0.5f));
            assertThrows(IllegalArgumentException.class, () -> Consistency.pseudoTargets(weak(m), 1, 1.5f));
        }
    }
}
