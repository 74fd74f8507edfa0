package dev.mentor.augment;

import dev.mentor.augment.kernel.Fill;
import java.util.random.RandomGenerator;

/**
 * Cutout (DeVries and Taylor, "Improved Regularization of Convolutional Neural Networks with Cutout",
 * 2017) as FixMatch's strong view uses it: a square of side {@code round(v · min(height, width))}
 * centred at a uniformly random pixel, clipped to the image, set to {@code fill} in every channel.
 *
 * <p>The fraction {@code v} is {@code min} when {@code min == max}; otherwise it is drawn uniformly in
 * {@code [min, max)} for each image. FixMatch's paper (its Table 12) and USB draw it in [0, ½]; FixMatch's
 * common PyTorch port fixes it at ½. Draws: the fraction (only for a range), centre row, centre column, so a
 * fixed size draws exactly as before ranges existed.
 *
 * @param min the smallest side, as a fraction of the shorter image side, in [0, 1]
 * @param max the largest side, in [min, 1]
 * @param fill the value written, 0..255
 */
public record Cutout(double min, double max, int fill) implements Augmentation {
    public Cutout {
        if (!(min >= 0 && min <= 1) || !(max >= 0 && max <= 1)) {
            throw new IllegalArgumentException("cutout size must be a fraction in [0, 1], got "
                    + (min == max ? Double.toString(min) : min + ".." + max));
        }
        if (min > max) {
            throw new IllegalArgumentException("cutout range must run from low to high, got " + min + ".." + max);
        }
        if (fill < 0 || fill > 255) {
            throw new IllegalArgumentException("cutout fill must be 0..255, got " + fill);
        }
    }

    /** A square of one size: {@code size} of the shorter side. */
    public Cutout(double size, int fill) {
        this(size, size, fill);
    }

    /** Half the shorter side, grey: FixMatch's PyTorch port's (and Mentor's default strong view's). */
    public static Cutout fixMatch() {
        return new Cutout(0.5, ImageOp.CUTOUT_FILL);
    }

    /** Whether the side is drawn per image rather than fixed. */
    public boolean drawn() {
        return min < max;
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        int h = image.height();
        int w = image.width();
        double fraction = drawn() ? min + (max - min) * random.nextDouble() : min;
        int side = (int) Math.round(fraction * Math.min(h, w));
        int cy = random.nextInt(h);
        int cx = random.nextInt(w);
        if (side == 0) {
            return image;
        }
        int top = cy - side / 2;
        int left = cx - side / 2;
        return Fill.rectangle(image, top, left, top + side, left + side, fill);
    }
}
