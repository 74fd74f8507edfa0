package dev.mentor.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.data.ImageSet;
import dev.mentor.eval.Predictor;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import java.nio.FloatBuffer;

/**
 * A frozen model's log-probabilities for every image of a set, computed once in inference mode on
 * the images as they are (no augmentation): the input of Reduced Meta Pseudo Labels' small teacher.
 */
public final class FrozenOutputs {
    private final float[] values;
    private final int classes;

    private FrozenOutputs(float[] values, int classes) {
        this.values = values;
        this.classes = classes;
    }

    /**
     * Runs {@code model} over {@code images}, normalised as the model was trained.
     *
     * @param normalization the frozen model's own input normalisation
     */
    public static FrozenOutputs of(Learner model, Normalization normalization, ImageSet images) {
        int classes = model.spec().classes();
        return new FrozenOutputs(logSoftmax(new Predictor(model, normalization, 256).logits(images), classes), classes);
    }

    /** Wraps precomputed log-probabilities, {@code size × classes} row-major. */
    public static FrozenOutputs of(float[] logProbabilities, int classes) {
        if (classes < 1 || logProbabilities.length % classes != 0) {
            throw new IllegalArgumentException(logProbabilities.length + " values are not rows of " + classes);
        }
        return new FrozenOutputs(logProbabilities.clone(), classes);
    }

    public int classes() {
        return classes;
    }

    public int size() {
        return values.length / classes;
    }

    /** The rows of the given images as a {@code (n, classes)} array in {@code manager}. */
    public NDArray rows(int[] indices, NDManager manager) {
        float[] out = new float[indices.length * classes];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * classes, out, i * classes, classes);
        }
        return manager.create(FloatBuffer.wrap(out), new Shape(indices.length, classes));
    }

    private static float[] logSoftmax(float[] logits, int classes) {
        float[] out = new float[logits.length];
        for (int row = 0; row < logits.length; row += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[row + c] - max);
            }
            double log = max + Math.log(sum);
            for (int c = 0; c < classes; c++) {
                out[row + c] = (float) (logits[row + c] - log);
            }
        }
        return out;
    }
}
