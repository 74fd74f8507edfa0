package dev.mentor.augment.mix;

import java.util.random.RandomGenerator;

/** A batch-level augmentation that mixes images and their soft targets. */
@FunctionalInterface
public interface BatchMix {
    MixedBatch apply(Batch batch, RandomGenerator random);

    /**
     * The partner of each image: a uniformly random permutation (Fisher–Yates) of the batch, as the
     * reference code of MixUp and CutMix ({@code torch.randperm}) does. An image may be its own partner,
     * which leaves it unmixed.
     */
    static int[] permutation(int size, RandomGenerator random) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code λ·t[i] + (1 − λ)·t[partners[i]]}. */
    static float[] mixTargets(Batch batch, int[] partners, double lambda) {
        int k = batch.classes();
        float[] t = batch.targets();
        float[] out = new float[t.length];
        float a = (float) lambda;
        float b = (float) (1 - lambda);
        for (int i = 0; i < batch.size(); i++) {
            int own = i * k;
            int other = partners[i] * k;
            for (int j = 0; j < k; j++) {
                out[own + j] = a * t[own + j] + b * t[other + j];
            }
        }
        return out;
    }
}
