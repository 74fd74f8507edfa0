package dev.mentor.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Each loss against values computed by hand. */
class LossesTest {
    private static double[] softmax(double... z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void softCrossEntropyAveragesOverTheBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 0, 0, 0, 3}, new Shape(2, 3));
            NDArray targets = m.create(new float[] {0, 1, 0, 0.5f, 0, 0.5f}, new Shape(2, 3));
            double[] p0 = softmax(1, 2, 0);
            double[] p1 = softmax(0, 0, 3);
            double expected = (-Math.log(p0[1]) + -(0.5 * Math.log(p1[0]) + 0.5 * Math.log(p1[2]))) / 2;
            assertEquals(expected, Losses.softCrossEntropy(logits, targets).getFloat(), 1e-6);
        }
    }

    @Test
    void klDivergenceWithTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = m.create(new float[] {2, 0, -1}, new Shape(1, 3));
            NDArray input = m.create(new float[] {0, 1, 0}, new Shape(1, 3));
            double t = 2;
            double[] p = softmax(1, 0, -0.5);
            double[] q = softmax(0, 0.5, 0);
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                expected += p[i] * (Math.log(p[i]) - Math.log(q[i]));
            }
            assertEquals(expected, Losses.klDivergence(target, input, (float) t).getFloat(), 1e-6);
            assertEquals(0, Losses.klDivergence(target, target, 3f).getFloat(), 1e-7);
        }
    }

    @Test
    void meanDiscrepancyIsTheSquaredDistanceOfBatchMeans() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)); // mean (2, 3)
            NDArray b = m.create(new float[] {0, 0, 2, 2, 4, 4}, new Shape(3, 2)); // mean (2, 2)
            assertEquals(1.0, Losses.meanDiscrepancy(a, b).getFloat(), 1e-6);
        }
    }

    @Test
    void distillationIsTemperatureSquaredTimesKlFromTheTeacher() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray student = m.create(new float[] {0, 1, 0}, new Shape(1, 3));
            NDArray teacher = m.create(new float[] {2, 0, -1}, new Shape(1, 3));
            double t = 2;
            double[] p = softmax(1, 0, -0.5);
            double[] q = softmax(0, 0.5, 0);
            double kl = 0;
            for (int i = 0; i < 3; i++) {
                kl += p[i] * (Math.log(p[i]) - Math.log(q[i]));
            }
            assertEquals(4 * kl, Losses.distillation(student, teacher, 2f).getFloat(), 1e-6);
        }
    }

    @Test
    void hintIsTheMeanSquaredErrorOfTheMaps() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray b = m.create(new float[] {1, 0, 3, 8}, new Shape(1, 1, 2, 2));
            assertEquals((0 + 4 + 0 + 16) / 4.0, Losses.hint(a, b).getFloat(), 1e-6);
        }
    }

    @Test
    void attentionTransferComparesNormalisedChannelEnergyMaps() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two channels, 1x2 positions: channel means of squares: student (1+9)/2=5, (4+16)/2=10
            NDArray student = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 2, 1, 2));
            NDArray teacher = m.create(new float[] {1, 0, 1, 0}, new Shape(1, 2, 1, 2)); // (1, 0)
            double n = Math.sqrt(25 + 100);
            double[] qs = {5 / n, 10 / n};
            double[] qt = {1, 0};
            double expected = (Math.pow(qs[0] - qt[0], 2) + Math.pow(qs[1] - qt[1], 2)) / 2;
            assertEquals(expected, Losses.attentionTransfer(student, teacher).getFloat(), 1e-6);
        }
    }
}
