package dev.mentor.augment;

import java.util.Arrays;

/**
 * An 8-bit image in planar (channel, row, column) layout: the unit every augmentation op reads and
 * writes. One channel is grey ("L" in PIL's words), three are RGB.
 *
 * <p>The pixel array is owned by the image; ops never mutate their input, they return a new image.
 */
public final class Image {
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;

    private Image(int channels, int height, int width, byte[] pixels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width
                    + " pixel values for " + channels + "x" + height + "x" + width + ", got " + pixels.length);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
    }

    /** Wraps planar pixels without copying; the caller hands over the array. */
    public static Image wrap(int channels, int height, int width, byte[] pixels) {
        return new Image(channels, height, width, pixels);
    }

    /** A black image of the given shape. */
    public static Image blank(int channels, int height, int width) {
        return new Image(channels, height, width, new byte[channels * height * width]);
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of values, channels × height × width. */
    public int size() {
        return pixels.length;
    }

    /** The value at (channel, row, column) as 0..255. */
    public int get(int c, int y, int x) {
        return pixels[(c * height + y) * width + x] & 0xFF;
    }

    /** A copy of the planar pixels. */
    public byte[] toBytes() {
        return pixels.clone();
    }

    /** The planar pixels themselves, for kernels that only read; never write into the result. */
    public byte[] pixelsReadOnly() {
        return pixels;
    }

    /** Writes the pixels scaled to [0, 1] into {@code out} at {@code offset}. */
    public void toFloats(float[] out, int offset) {
        for (int i = 0; i < pixels.length; i++) {
            out[offset + i] = (pixels[i] & 0xFF) * (1f / 255f);
        }
    }

    public boolean sameShape(Image other) {
        return channels == other.channels && height == other.height && width == other.width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && sameShape(other) && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels + height) + width) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Image[" + channels + "x" + height + "x" + width + "]";
    }
}
