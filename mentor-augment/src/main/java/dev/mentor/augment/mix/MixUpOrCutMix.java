package dev.mentor.augment.mix;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Both batch mixes, one per batch, as timm's {@code Mixup} with both alphas set: CutMix with
 * probability {@code switchProbability}, else MixUp. Draws: the switch, then the chosen mix's draws.
 */
public record MixUpOrCutMix(MixUp mixUp, CutMix cutMix, double switchProbability) implements BatchMix {
    public MixUpOrCutMix {
        Objects.requireNonNull(mixUp, "mixUp");
        Objects.requireNonNull(cutMix, "cutMix");
        if (!(switchProbability >= 0 && switchProbability <= 1)) {
            throw new IllegalArgumentException("switch probability must be in [0, 1], got " + switchProbability);
        }
    }

    @Override
    public MixedBatch apply(Batch batch, RandomGenerator random) {
        return random.nextDouble() < switchProbability ? cutMix.apply(batch, random) : mixUp.apply(batch, random);
    }
}
