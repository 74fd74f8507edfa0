package dev.mentor.augment.mix;

import java.util.random.RandomGenerator;

/**
 * MixUp (Zhang et al., "mixup: Beyond Empirical Risk Minimization", 2018): one {@code λ ~ Beta(α, α)}
 * per batch, every image and target blended with a partner from a random permutation. Draws: λ, then
 * the permutation.
 *
 * @param alpha Beta shape α > 0 (0.2 to 1 typical)
 */
public record MixUp(double alpha) implements BatchMix {
    public MixUp {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("mixup alpha must be a positive number, got " + alpha);
        }
    }

    @Override
    public MixedBatch apply(Batch batch, RandomGenerator random) {
        double lambda = Beta.sample(random, alpha, alpha);
        int[] partners = BatchMix.permutation(batch.size(), random);
        return mix(batch, partners, lambda);
    }

    /** The batch mixed with the given partners and weight. */
    public static MixedBatch mix(Batch batch, int[] partners, double lambda) {
        int volume = batch.volume();
        float[] x = batch.images();
        float[] out = new float[x.length];
        float a = (float) lambda;
        float b = (float) (1 - lambda);
        for (int i = 0; i < batch.size(); i++) {
            int own = i * volume;
            int other = partners[i] * volume;
            for (int j = 0; j < volume; j++) {
                out[own + j] = a * x[own + j] + b * x[other + j];
            }
        }
        return new MixedBatch(out, BatchMix.mixTargets(batch, partners, lambda), lambda, partners, "mixup");
    }
}
