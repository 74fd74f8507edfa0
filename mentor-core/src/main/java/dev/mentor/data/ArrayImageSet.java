package dev.mentor.data;

import dev.mentor.augment.Image;
import java.util.Arrays;
import java.util.List;

/**
 * An image set held in memory: one byte array with every image's planar pixels one after another
 * ({@code size × channels × height × width} values) and one label per image. Readers build it once;
 * {@link #image} hands out a fresh copy of one image, so the set itself never changes.
 */
public final class ArrayImageSet implements ImageSet {
    private final int channels;
    private final int height;
    private final int width;
    private final int imageSize;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * Wraps {@code pixels} without copying (the caller hands the array over); {@code labels} is copied.
     * Each label is a class index in {@code [0, classNames.size())} or {@link ImageSet#UNLABELED}.
     */
    public ArrayImageSet(int channels, int height, int width, byte[] pixels, int[] labels,
            List<String> classNames) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " pixel values for " + labels.length
                    + " images of " + channels + "x" + height + "x" + width + ", got " + pixels.length);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("an image set needs at least one class name");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != UNLABELED && (labels[i] < 0 || labels[i] >= classNames.size())) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside [0, " + classNames.size() + ") and is not UNLABELED");
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.imageSize = channels * height * width;
        this.pixels = pixels;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        int from = index * imageSize;
        return Image.wrap(channels, height, width, Arrays.copyOfRange(pixels, from, from + imageSize));
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels[index];
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("image " + index + " of a set of " + labels.length);
        }
    }

    @Override
    public String toString() {
        return "ArrayImageSet[" + labels.length + " images of " + channels + "x" + height + "x" + width
                + ", " + classNames.size() + " classes]";
    }
}
