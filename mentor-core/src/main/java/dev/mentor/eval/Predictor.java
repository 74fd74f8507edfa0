package dev.mentor.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.Interruption;
import dev.mentor.augment.Image;
import dev.mentor.data.ImageSet;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;

/**
 * Runs a learner in inference mode (no augmentation, no dropout, BatchNorm running statistics, no
 * gradient graph) over a set and returns its predicted distributions.
 */
public final class Predictor {
    private final Learner learner;
    private final Normalization normalization;
    private final int batchSize;

    public Predictor(Learner learner, Normalization normalization, int batchSize) {
        this.learner = learner;
        this.normalization = normalization;
        this.batchSize = batchSize;
    }

    /** Row-major {@code size × classes} softmax probabilities for every image of the set. */
    public float[] probabilities(ImageSet images) {
        int classes = learner.spec().classes();
        int volume = images.channels() * images.height() * images.width();
        float[] out = new float[images.size() * classes];
        float[] buffer = new float[batchSize * volume];
        for (int start = 0; start < images.size(); start += batchSize) {
            Interruption.check();
            int n = Math.min(batchSize, images.size() - start);
            for (int i = 0; i < n; i++) {
                Image image = images.image(start + i);
                normalization.write(image, buffer, i * volume);
            }
            try (NDManager scope = learner.manager().newSubManager()) {
                NDArray x = NativeArrays.create(scope, java.nio.FloatBuffer.wrap(buffer, 0, n * volume),
                        new Shape(n, images.channels(), images.height(), images.width()));
                NDArray logits = learner.infer(x).get(0);
                float[] p = logits.softmax(1).toFloatArray();
                System.arraycopy(p, 0, out, start * classes, n * classes);
            }
        }
        return out;
    }

    /** Evaluates on a labeled set. */
    public Evaluation evaluate(ImageSet images) {
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.label(i);
            if (labels[i] < 0) {
                throw new IllegalArgumentException("cannot evaluate on unlabeled image " + i);
            }
        }
        return Evaluation.of(probabilities(images), labels, learner.spec().classes());
    }
}
