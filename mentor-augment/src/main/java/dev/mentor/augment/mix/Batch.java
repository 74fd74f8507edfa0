package dev.mentor.augment.mix;

import java.util.Objects;

/**
 * A batch to mix: {@code size} images of {@code channels × height × width} floats (already normalised),
 * laid out one after another in (image, channel, row, column) order, and their soft targets,
 * {@code size × classes} probabilities. Mixing never writes into these arrays.
 */
public record Batch(float[] images, float[] targets, int size, int channels, int height, int width) {
    public Batch {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(targets, "targets");
        if (size <= 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("batch shape must be positive, got " + size + "x" + channels + "x" + height + "x" + width);
        }
        if (images.length != (long) size * channels * height * width) {
            throw new IllegalArgumentException("expected " + (long) size * channels * height * width + " image values for "
                    + size + "x" + channels + "x" + height + "x" + width + ", got " + images.length);
        }
        if (targets.length == 0 || targets.length % size != 0) {
            throw new IllegalArgumentException(targets.length + " target values do not split into " + size + " rows");
        }
    }

    /** Number of classes K of the targets. */
    public int classes() {
        return targets.length / size;
    }

    /** Values per image. */
    public int volume() {
        return channels * height * width;
    }
}
