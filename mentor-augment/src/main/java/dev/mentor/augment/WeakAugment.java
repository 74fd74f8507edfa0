package dev.mentor.augment;

import java.util.random.RandomGenerator;

/**
 * The weak view of FixMatch, UDA and MPL: a random horizontal flip (optional: off for data whose
 * classes are not mirror-symmetric) and a random crop of the image padded by {@code padding} pixels
 * (reflect padding, as the reference implementations use: 4 pixels at 32×32, 12.5%).
 */
public final class WeakAugment implements Augmentation {
    private final boolean flip;
    private final int padding;
    private final boolean reflect;

    public WeakAugment(boolean flip, int padding, boolean reflect) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        this.flip = flip;
        this.padding = padding;
        this.reflect = reflect;
    }

    /** Flip plus a 12.5% reflect-padded crop for an image of the given width. */
    public static WeakAugment standard(int width, boolean flip) {
        return new WeakAugment(flip, Math.max(1, Math.round(width * 0.125f)), true);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        Image out = image;
        if (flip && random.nextBoolean()) {
            out = Geometry.flipHorizontal(out);
        }
        if (padding > 0) {
            int top = random.nextInt(2 * padding + 1);
            int left = random.nextInt(2 * padding + 1);
            out = Geometry.padCrop(out, padding, top, left, reflect);
        }
        return out;
    }

    @Override
    public String toString() {
        return "weak(flip=" + flip + ", padding=" + padding + (reflect ? ", reflect)" : ")");
    }
}
