package dev.mentor.augment;

import dev.mentor.augment.kernel.Fill;
import java.util.random.RandomGenerator;

/**
 * Cutout (DeVries and Taylor, "Improved Regularization of Convolutional Neural Networks with Cutout",
 * 2017) as FixMatch's strong view uses it: a square of side {@code round(size · min(height, width))}
 * centred at a uniformly random pixel, clipped to the image, set to {@code fill} in every channel
 * (FixMatch: half the side, grey 127). Draws: centre row, centre column.
 *
 * @param size side of the square as a fraction of the shorter image side, in [0, 1]
 * @param fill the value written, 0..255
 */
public record Cutout(double size, int fill) implements Augmentation {
    public Cutout {
        if (!(size >= 0 && size <= 1)) {
            throw new IllegalArgumentException("cutout size must be a fraction in [0, 1], got " + size);
        }
        if (fill < 0 || fill > 255) {
            throw new IllegalArgumentException("cutout fill must be 0..255, got " + fill);
        }
    }

    /** Half the shorter side, grey: FixMatch's. */
    public static Cutout fixMatch() {
        return new Cutout(0.5, ImageOp.CUTOUT_FILL);
    }

    @Override
    public Image apply(Image image, RandomGenerator random) {
        int h = image.height();
        int w = image.width();
        int side = (int) Math.round(size * Math.min(h, w));
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
