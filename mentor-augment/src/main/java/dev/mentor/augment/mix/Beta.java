package dev.mentor.augment.mix;

import java.util.random.RandomGenerator;

/**
 * Beta(a, b) variates as {@code X / (X + Y)} with {@code X ~ Gamma(a)} and {@code Y ~ Gamma(b)}, computed
 * as {@code 1 / (1 + exp(log Y − log X))} so that small shapes (α = 0.2 in MixUp) stay accurate.
 */
public final class Beta {
    private Beta() {}

    public static double sample(RandomGenerator random, double a, double b) {
        double logX = Gamma.logSample(random, a);
        double logY = Gamma.logSample(random, b);
        return 1.0 / (1.0 + Math.exp(logY - logX));
    }
}
