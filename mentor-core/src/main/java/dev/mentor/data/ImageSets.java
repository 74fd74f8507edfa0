package dev.mentor.data;

import dev.mentor.augment.Image;
import java.util.List;

/** Helpers over any {@link ImageSet}: label-hiding views, label counts, resizing. */
public final class ImageSets {
    private ImageSets() {
    }

    /**
     * A view of {@code set} that reports {@link ImageSet#UNLABELED} for every image. The unlabeled pool
     * goes to training through this view, so its true labels cannot leak into a method; they stay
     * readable for diagnostics through the original set.
     */
    public static ImageSet withoutLabels(ImageSet set) {
        return new Unlabeled(set);
    }

    /** Every label of {@code set} in index order. */
    public static int[] labels(ImageSet set) {
        int[] labels = new int[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
        }
        return labels;
    }

    /** The number of images of each class; unlabeled images are not counted. */
    public static int[] countPerClass(ImageSet set) {
        int[] counts = new int[set.numClasses()];
        for (int i = 0; i < set.size(); i++) {
            int label = set.label(i);
            if (label != ImageSet.UNLABELED) {
                counts[label]++;
            }
        }
        return counts;
    }

    /** True when both sets hold images of the same channels, height and width and the same classes. */
    public static boolean compatible(ImageSet a, ImageSet b) {
        return a.channels() == b.channels() && a.height() == b.height() && a.width() == b.width()
                && a.classNames().equals(b.classNames());
    }

    /**
     * An in-memory copy of {@code set} with every image resized (antialiased bilinear) to
     * {@code height × width}; labels and class names are kept. Returns {@code set} itself when it
     * already has that size.
     */
    public static ImageSet resized(ImageSet set, int height, int width) {
        if (set.height() == height && set.width() == width) {
            return set;
        }
        int imageSize = set.channels() * height * width;
        byte[] pixels = new byte[Math.multiplyExact(set.size(), imageSize)];
        for (int i = 0; i < set.size(); i++) {
            Image image = Reshape.resize(set.image(i), height, width);
            System.arraycopy(image.pixelsReadOnly(), 0, pixels, i * imageSize, imageSize);
        }
        return new ArrayImageSet(set.channels(), height, width, pixels, labels(set), set.classNames());
    }

    private record Unlabeled(ImageSet set) implements ImageSet {
        @Override
        public int size() {
            return set.size();
        }

        @Override
        public Image image(int index) {
            return set.image(index);
        }

        @Override
        public int label(int index) {
            if (index < 0 || index >= set.size()) {
                throw new IndexOutOfBoundsException("image " + index + " of a set of " + set.size());
            }
            return UNLABELED;
        }

        @Override
        public int channels() {
            return set.channels();
        }

        @Override
        public int height() {
            return set.height();
        }

        @Override
        public int width() {
            return set.width();
        }

        @Override
        public List<String> classNames() {
            return set.classNames();
        }
    }
}
