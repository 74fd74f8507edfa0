package dev.mentor.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * TrivialAugment (Müller and Hutter, "TrivialAugment: Tuning-free Yet State-of-the-Art Data
 * Augmentation", 2021), wide space as torchvision's {@code TrivialAugmentWide}: one op drawn uniformly
 * from {@link MagnitudeSpace#TRIVIAL_AUGMENT_WIDE}, at a bin drawn uniformly from the 31, with a random
 * sign for signed ops. Draws: op index, bin, sign (signed ops only).
 */
public record TrivialAugmentWide() implements Augmentation {
    @Override
    public Image apply(Image image, RandomGenerator random) {
        MagnitudeSpace space = MagnitudeSpace.TRIVIAL_AUGMENT_WIDE;
        List<ImageOp> ops = space.ops();
        ImageOp op = ops.get(random.nextInt(ops.size()));
        int bin = random.nextInt(MagnitudeSpace.BINS);
        double value = space.value(op, bin, MagnitudeSpace.BINS, image.height(), image.width());
        if (space.signed(op) && random.nextBoolean()) {
            value = -value;
        }
        return op.apply(image, value);
    }
}
