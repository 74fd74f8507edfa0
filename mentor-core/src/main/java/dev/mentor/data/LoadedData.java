package dev.mentor.data;

import java.util.Objects;

/**
 * What a {@link DataSource} read: a training set, a test set ({@code null} when the data has no test
 * split), and a fingerprint of the bytes read ({@link Fingerprint}) for the run record.
 */
public record LoadedData(String name, ImageSet train, ImageSet test, String fingerprint) {
    public LoadedData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a data set needs a name");
        }
        if (test != null && !ImageSets.compatible(train, test)) {
            throw new IllegalArgumentException("test images are " + shape(test) + " but training images are "
                    + shape(train));
        }
    }

    /** Whether there is a test split. */
    public boolean hasTest() {
        return test != null;
    }

    private static String shape(ImageSet set) {
        return set.channels() + "x" + set.height() + "x" + set.width() + " with classes " + set.classNames();
    }
}
