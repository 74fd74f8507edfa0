package dev.mentor.augment.mix;

import java.util.random.RandomGenerator;

/**
 * Gamma(shape, 1) variates by Marsaglia and Tsang's squeeze method ("A Simple Method for Generating
 * Gamma Variables", 2000); shapes below 1 use {@code Gamma(shape + 1) · U^(1/shape)}, kept in log space
 * so tiny shapes do not underflow.
 */
public final class Gamma {
    private Gamma() {}

    /** {@code log X} for {@code X ~ Gamma(shape, 1)}. */
    public static double logSample(RandomGenerator random, double shape) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be a positive number, got " + shape);
        }
        if (shape < 1) {
            double u = 1.0 - random.nextDouble();
            return logSample(random, shape + 1) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return Math.log(d * v);
            }
        }
    }

    /** {@code X ~ Gamma(shape, 1)}. */
    public static double sample(RandomGenerator random, double shape) {
        return Math.exp(logSample(random, shape));
    }
}
