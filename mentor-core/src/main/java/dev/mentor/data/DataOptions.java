package dev.mentor.data;

import dev.mentor.MentorException;

/**
 * How to read the labeled data, whatever its source.
 *
 * @param imageSize resize every image to {@code imageSize × imageSize}; null keeps the data's size
 *     (a folder of differently sized images then is an error)
 * @param testSplit fraction of the training images held out per class as the test set when the data
 *     has no test split of its own; null for none
 * @param seed seeds the held-out draw
 */
public record DataOptions(Integer imageSize, Double testSplit, long seed) {
    public static final int MAX_IMAGE_SIZE = 4096;

    public DataOptions {
        if (imageSize != null && (imageSize < 1 || imageSize > MAX_IMAGE_SIZE)) {
            throw MentorException.of("image_size", imageSize + " is not between 1 and "
                    + MAX_IMAGE_SIZE);
        }
        if (testSplit != null && !(testSplit > 0 && testSplit < 1)) {
            throw MentorException.of("test_split", testSplit
                    + " is not a fraction strictly between 0 and 1 (e.g. 0.2)");
        }
    }

    /** No resizing, no held-out test split, seed 0. */
    public static DataOptions defaults() {
        return new DataOptions(null, null, 0L);
    }
}
