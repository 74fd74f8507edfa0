package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Distribution alignment on fixed batches against values worked out by hand. */
class DistributionAlignmentTest {
    private static NDArray logitsOf(NDManager manager, float[] probabilities, int classes) {
        float[] logits = new float[probabilities.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.log(probabilities[i]);
        }
        return manager.create(logits, new Shape(probabilities.length / classes, classes));
    }

    @Test
    void aModelThatOverPredictsAClassHasItDampedToTheLabeledProportions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DistributionAlignment a = new DistributionAlignment(new float[] {0.5f, 0.5f}, 0.9);
            assertNull(a.model());
            // the batch's mean prediction (0.8, 0.2) becomes p̃; each row times p(y)/p̃ = (0.625, 2.5), renormalized
            NDArray aligned = a.align(logitsOf(manager, new float[] {0.9f, 0.1f, 0.7f, 0.3f}, 2), manager).softmax(1);
            assertArrayEquals(new float[] {0.8f, 0.2f}, a.model(), 1e-6f);
            float[] q = aligned.toFloatArray();
            assertEquals(0.9 * 0.625 / (0.9 * 0.625 + 0.1 * 2.5), q[0], 1e-5);
            assertEquals(0.7 * 0.625 / (0.7 * 0.625 + 0.3 * 2.5), q[2], 1e-5);
            // the next batch's mean (0.4, 0.6) enters the moving average: p̃ = 0.9·(0.8, 0.2) + 0.1·(0.4, 0.6)
            a.align(logitsOf(manager, new float[] {0.4f, 0.6f}, 2), manager);
            assertArrayEquals(new float[] {0.76f, 0.24f}, a.model(), 1e-6f);

            DistributionAlignment restored = new DistributionAlignment(new float[] {0.5f, 0.5f}, 0.9);
            restored.loadState(a.state());
            assertArrayEquals(a.model(), restored.model());
        }
    }
}
