package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** A frozen model that predicts logits for batches of images normalised the student's way. */
public interface Teacher extends AutoCloseable {
    /**
     * Logits {@code (N, classes)} and, when {@link #exposesFeatureMap()}, the feature map as a second
     * element; computed in inference mode without gradients, attached to the input's manager.
     */
    NDList predict(NDArray images);

    int classes();

    boolean exposesFeatureMap();

    /** The shape {@code (1, C, H, W)} of the feature map for one image, when exposed. */
    default ai.djl.ndarray.types.Shape featureMapShape() {
        throw new UnsupportedOperationException(describe() + " exposes no feature map");
    }

    /** Multiply-accumulate operations per image of one forward, or -1 when unknown. */
    default long forwardFlops() {
        return -1;
    }

    /**
     * A digest of everything that fixes the teacher's outputs for given inputs (its files, its input
     * mapping), for caches of its outputs; null when the teacher cannot say.
     */
    default String fingerprint() {
        return null;
    }

    /** Where the teacher came from, for logs and manifests. */
    String describe();

    @Override
    void close();
}
