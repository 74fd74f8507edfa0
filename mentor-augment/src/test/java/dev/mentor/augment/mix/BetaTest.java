package dev.mentor.augment.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Sample moments against the closed forms, 200,000 draws each. */
class BetaTest {
    private static final int N = 200_000;

    @ParameterizedTest(name = "Beta({0}, {1})")
    @CsvSource({"0.2, 0.2", "0.4, 0.4", "1, 1", "2, 5", "0.5, 3"})
    void meanAndVarianceMatchTheClosedForm(double a, double b) {
        SplittableRandom random = new SplittableRandom(17);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double x = Beta.sample(random, a, b);
            assertTrue(x >= 0 && x <= 1, "sample " + x);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / N;
        double variance = sumSq / N - mean * mean;
        double expectedMean = a / (a + b);
        double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        // Standard error of the mean is sqrt(var / N) < 0.0012; of the variance a few percent at most.
        assertEquals(expectedMean, mean, 0.005, "mean");
        assertEquals(expectedVariance, variance, 0.03 * expectedVariance + 1e-4, "variance");
    }

    @ParameterizedTest(name = "Gamma({0})")
    @CsvSource({"0.05", "0.3", "1", "4.5", "30"})
    void gammaMeanAndVarianceEqualTheShape(double shape) {
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double x = Gamma.sample(random, shape);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / N;
        double variance = sumSq / N - mean * mean;
        assertEquals(shape, mean, 0.02 * shape + 0.002, "mean");
        assertEquals(shape, variance, 0.05 * shape + 0.002, "variance");
    }

    @Test
    void tinyShapesGiveValidSamplesAndBadShapesAreRejected() {
        SplittableRandom random = new SplittableRandom(1);
        int nearZero = 0;
        for (int i = 0; i < 10_000; i++) {
            double x = Beta.sample(random, 0.01, 0.01);
            assertTrue(x >= 0 && x <= 1 && !Double.isNaN(x));
            nearZero += x < 0.5 ? 1 : 0;
        }
        assertTrue(nearZero > 4500 && nearZero < 5500, "symmetric: " + nearZero);
        assertThrows(IllegalArgumentException.class, () -> Beta.sample(random, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Gamma.sample(random, Double.NaN));
    }

    @Test
    void sameSeedSameSamples() {
        assertEquals(Beta.sample(new SplittableRandom(5), 0.4, 0.4), Beta.sample(new SplittableRandom(5), 0.4, 0.4));
    }
}
