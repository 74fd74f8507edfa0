package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** log p as logits: the softened targets of distillation equal those of the logits that gave p, up to float rounding. */
class CachedLogitsTest {
    private static final int CLASSES = 10;

    /** softmax(row / T) in double. */
    private static double[] softened(float[] row, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v / temperature);
        }
        double[] out = new double[row.length];
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            out[c] = Math.exp(row[c] / temperature - max);
            sum += out[c];
        }
        for (int c = 0; c < row.length; c++) {
            out[c] /= sum;
        }
        return out;
    }

    /** softmax(z) rounded to float, as a teacher's distribution is stored (fp32). */
    private static float[] distribution(float[] z) {
        double[] p = softened(z, 1);
        float[] out = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            out[c] = (float) p[c];
        }
        return out;
    }

    @Test
    void softenedLogOfTheDistributionIsTheSoftenedLogitsWithinFloatRounding() {
        SplittableRandom random = new SplittableRandom(1);
        int images = 200;
        float[][] logits = new float[images][CLASSES];
        float[] probabilities = new float[images * CLASSES];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            double scale = 1 + 9 * random.nextDouble(); // from flat to very confident teachers
            for (int c = 0; c < CLASSES; c++) {
                logits[i][c] = (float) (scale * random.nextGaussian());
            }
            System.arraycopy(distribution(logits[i]), 0, probabilities, i * CLASSES, CLASSES);
            ids.add("img-" + i);
        }
        CachedLogits cached = CachedLogits.ofDistributions(new PseudoLabels(ids, probabilities, CLASSES));
        double worst = 0;
        for (double temperature : new double[] {1, 4}) {
            for (int i = 0; i < images; i++) {
                double[] expected = softened(logits[i], temperature);
                double[] actual = softened(cached.row(i), temperature);
                for (int c = 0; c < CLASSES; c++) {
                    worst = Math.max(worst, Math.abs(expected[c] - actual[c]));
                }
            }
        }
        assertTrue(worst < 1e-6, "largest difference of a softened target: " + worst);
    }

    @Test
    void aProbabilityRoundedToZeroBecomesTheLogOfTheSmallestFloatNotAnInfinity() {
        float[] p = new float[CLASSES];
        p[0] = 1;
        CachedLogits cached = CachedLogits.ofDistributions(new PseudoLabels(List.of("a"), p, CLASSES));
        assertEquals(0f, cached.row(0)[0]);
        assertEquals((float) Math.log(Float.MIN_VALUE), cached.row(0)[1]);
        assertTrue(Float.isFinite(cached.row(0)[9]));
    }
}
