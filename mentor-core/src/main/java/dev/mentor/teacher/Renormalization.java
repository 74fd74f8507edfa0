package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.train.Normalization;
import java.util.Arrays;

/**
 * Maps images normalised the student's way to the normalisation a teacher expects, per channel:
 * {@code x_t = (x_s · std_s + mean_s − mean_t) / std_t}; the identity when both agree.
 */
final class Renormalization {
    private final float[] scale;
    private final float[] shift;

    private Renormalization(float[] scale, float[] shift) {
        this.scale = scale;
        this.shift = shift;
    }

    /** From {@code student} to {@code teacher}; {@code source} names the teacher in messages. */
    static Renormalization between(Normalization student, Normalization teacher, String source) {
        float[] ms = student.mean();
        float[] ss = student.std();
        float[] mt = teacher.mean();
        float[] st = teacher.std();
        if (Arrays.equals(ms, mt) && Arrays.equals(ss, st)) {
            return new Renormalization(null, null);
        }
        if (ms.length != mt.length) {
            throw MentorException.of("teacher", source + " expects " + mt.length
                    + "-channel images, the student's have " + ms.length);
        }
        int c = ms.length;
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            scale[i] = ss[i] / st[i];
            shift[i] = (ms[i] - mt[i]) / st[i];
        }
        return new Renormalization(scale, shift);
    }

    NDArray apply(NDArray images) {
        if (scale == null) {
            return images;
        }
        NDManager m = images.getManager();
        int c = scale.length;
        try (NDArray s = NativeArrays.create(m, scale, new Shape(1, c, 1, 1)); NDArray b = NativeArrays.create(m, shift, new Shape(1, c, 1, 1))) {
            return images.mul(s).add(b);
        }
    }
}
