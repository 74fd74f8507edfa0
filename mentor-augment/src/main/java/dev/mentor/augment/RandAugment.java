package dev.mentor.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * RandAugment (Cubuk et al., "RandAugment: Practical automated data augmentation with a reduced search
 * space", 2020) over torchvision's magnitude space ({@link MagnitudeSpace#RAND_AUGMENT}, 31 bins):
 * {@code numOps} times, pick one of the 14 ops uniformly and apply it at bin {@code magnitude}, with a
 * random sign for signed ops. As in timm, {@code magnitudeStd > 0} draws each op's level from
 * {@code N(magnitude, magnitudeStd)} clipped to [0, 30] ({@code +∞}: uniform in [0, magnitude]), and
 * each chosen op is applied with probability {@code probability}.
 *
 * <p>Random draws per op, in order: the op index; whether to apply it (only when {@code probability <
 * 1}); the level noise (only when {@code magnitudeStd > 0}); the sign (only for signed ops).
 *
 * @param numOps ops applied one after another (N)
 * @param magnitude bin index M in [0, 30]; torchvision's default is 9
 * @param magnitudeStd standard deviation of the level noise in bins, 0 for none, +∞ for uniform
 * @param probability chance that each chosen op is applied
 */
public record RandAugment(int numOps, int magnitude, double magnitudeStd, double probability) implements Augmentation {
    public static final int MAX_OPS = 100;

    public RandAugment {
        if (numOps < 0 || numOps > MAX_OPS) {
            throw new IllegalArgumentException("n (number of ops) must be between 0 and " + MAX_OPS + ", got " + numOps);
        }
        if (magnitude < 0 || magnitude > MagnitudeSpace.BINS - 1) {
            throw new IllegalArgumentException("m (magnitude bin) must be between 0 and " + (MagnitudeSpace.BINS - 1) + ", got " + magnitude);
        }
        if (!(magnitudeStd >= 0)) {
            throw new IllegalArgumentException("mstd (magnitude noise) must be >= 0 or inf, got " + magnitudeStd);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("p (probability of each op) must be in [0, 1], got " + probability);
        }
    }

    /** torchvision's {@code RandAugment(num_ops, magnitude)}: no noise, every op applied. */
    public static RandAugment of(int numOps, int magnitude) {
        return new RandAugment(numOps, magnitude, 0.0, 1.0);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        MagnitudeSpace space = MagnitudeSpace.RAND_AUGMENT;
        List<ImageOp> ops = space.ops();
        Image out = image;
        for (int i = 0; i < numOps; i++) {
            ImageOp op = ops.get(random.nextInt(ops.size()));
            if (probability < 1 && !(random.nextDouble() < probability)) {
                continue;
            }
            double level = magnitude;
            if (magnitudeStd > 0) {
                level = magnitudeStd == Double.POSITIVE_INFINITY
                        ? random.nextDouble() * magnitude
                        : Math.max(0, Math.min(MagnitudeSpace.BINS - 1, magnitude + magnitudeStd * random.nextGaussian()));
            }
            double value = space.value(op, level, MagnitudeSpace.BINS, out.height(), out.width());
            if (space.signed(op) && random.nextBoolean()) {
                value = -value;
            }
            out = op.apply(out, value);
        }
        return out;
    }
}
