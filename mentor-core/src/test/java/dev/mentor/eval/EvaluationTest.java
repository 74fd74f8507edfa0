package dev.mentor.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationTest {
    /** Four images, three classes, values chosen so every metric can be computed by hand. */
    private static final float[] PROBABILITIES = {
        0.7f, 0.2f, 0.1f, // label 0, correct, confidence 0.7
        0.1f, 0.6f, 0.3f, // label 2, wrong (predicts 1), label 2nd
        0.2f, 0.3f, 0.5f, // label 2, correct, confidence 0.5
        0.4f, 0.35f, 0.25f, // label 1, wrong (predicts 0), label 2nd
    };
    private static final int[] LABELS = {0, 2, 2, 1};

    @Test
    void accuracyConfusionAndPerClassAreCounted() {
        Evaluation e = Evaluation.of(PROBABILITIES, LABELS, 3);
        assertEquals(4, e.count());
        assertEquals(0.5, e.top1(), 1e-12);
        assertEquals(1.0, e.top5(), 1e-12); // with 3 classes, top-5 is every class
        assertArrayEquals(new long[] {1, 0, 0}, e.confusion()[0]);
        assertArrayEquals(new long[] {1, 0, 0}, e.confusion()[1]);
        assertArrayEquals(new long[] {0, 1, 1}, e.confusion()[2]);
        assertArrayEquals(new double[] {1.0, 0.0, 0.5}, e.perClass(), 1e-12);
    }

    @Test
    void nllIsTheMeanNegativeLogProbabilityOfTheLabel() {
        double expected = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.5) + Math.log(0.35)) / 4;
        assertEquals(expected, Evaluation.of(PROBABILITIES, LABELS, 3).nll(), 1e-6);
    }

    @Test
    void eceWeighsEachBinsGapBetweenAccuracyAndConfidence() {
        // 15 bins of width 1/15: 0.7 -> bin 10, 0.6 -> bin 8 (0.6 = 9/15), 0.5 -> bin 7, 0.4 -> bin 5 (0.4 = 6/15)
        // every bin holds one image: |1-0.7| + |0-0.6| + |1-0.5| + |0-0.4| over 4
        double expected = (0.3 + 0.6 + 0.5 + 0.4) / 4;
        assertEquals(expected, Evaluation.of(PROBABILITIES, LABELS, 3).ece(), 1e-6);
    }

    @Test
    void topFiveCountsTheLabelAmongTheFiveMostProbable() {
        float[] p = new float[7];
        for (int c = 0; c < 7; c++) {
            p[c] = (7 - c) / 28f; // class 0 most probable ... class 6 least
        }
        assertEquals(1.0, Evaluation.of(p, new int[] {4}, 7).top5(), 0);
        assertEquals(0.0, Evaluation.of(p, new int[] {5}, 7).top5(), 0);
    }

    @Test
    void aClassWithoutImagesHasNoAccuracy() {
        assertTrue(Double.isNaN(Evaluation.of(new float[] {0.9f, 0.1f}, new int[] {0}, 2).perClass()[1]));
    }
}
