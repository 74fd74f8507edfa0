package dev.mentor.data;

import dev.mentor.augment.Image;
import java.util.List;

/**
 * An indexed collection of images of one shape, each with a class label or {@link #UNLABELED}.
 * Implementations may hold the pixels in memory or read them from disk on demand; {@link #image}
 * must be safe to call from several threads.
 */
public interface ImageSet {
    /** The label of an image whose class is unknown (an unlabeled pool read from a folder). */
    int UNLABELED = -1;

    int size();

    Image image(int index);

    /** The class index in {@code [0, classNames().size())}, or {@link #UNLABELED}. */
    int label(int index);

    int channels();

    int height();

    int width();

    /** Class names in label order; its size is the number of classes. */
    List<String> classNames();

    default int numClasses() {
        return classNames().size();
    }
}
