package dev.mentor.data;

/**
 * Where labeled training data comes from: IDX files, CIFAR binaries, a folder of images. A source is
 * cheap to create; {@link #load} does the reading and reports every problem with the files as a
 * {@link dev.mentor.MentorException} naming the file and the bad value.
 */
public interface DataSource {
    /** Reads the data: the training split, the test split when the source has one, and a fingerprint. */
    LoadedData load();

    /** One line for logs and run records, e.g. {@code IDX files in /data/mnist}. */
    String describe();
}
