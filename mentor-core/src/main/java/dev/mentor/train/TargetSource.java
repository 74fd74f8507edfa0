package dev.mentor.train;

import dev.mentor.data.ImageSet;

/**
 * The target distribution of each training image: one-hot labels, or soft pseudo-labels from a
 * teacher. Writes {@link #classes()} probabilities per image.
 */
public interface TargetSource {
    int classes();

    void write(int index, float[] out, int offset);

    /** One-hot rows from the set's labels; an unlabeled image here is a programming error. */
    static TargetSource oneHot(ImageSet images) {
        int classes = images.numClasses();
        return new TargetSource() {
            @Override
            public int classes() {
                return classes;
            }

            @Override
            public void write(int index, float[] out, int offset) {
                int label = images.label(index);
                if (label < 0 || label >= classes) {
                    throw new IllegalStateException("image " + index + " has no label to train on");
                }
                java.util.Arrays.fill(out, offset, offset + classes, 0f);
                out[offset + label] = 1f;
            }
        };
    }
}
