package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.run.SavedModel;
import dev.mentor.train.Learner;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.Normalization;
import java.nio.file.Path;

/**
 * A finished Mentor run as a teacher. Its parameters are frozen; inputs normalised with the student's
 * statistics are mapped to the teacher's own normalisation first.
 */
public final class RunTeacher implements Teacher {
    private final Path source;
    private final Learner learner;
    private final Normalization teacherNormalization;
    private final Normalization studentNormalization;

    public RunTeacher(Path run, Normalization studentNormalization, NDManager manager) {
        SavedModel saved = SavedModel.read(run);
        this.source = run;
        this.learner = saved.load(manager);
        for (NamedParameter p : learner.parameters()) {
            p.parameter().freeze(true);
        }
        this.teacherNormalization = saved.normalization();
        this.studentNormalization = studentNormalization;
    }

    public Learner learner() {
        return learner;
    }

    @Override
    public NDList predict(NDArray images) {
        NDArray x = renormalize(images);
        NDList out = learner.infer(x);
        return exposesFeatureMap() ? new NDList(out.get(0), out.get(2)) : new NDList(out.get(0));
    }

    /** x_t = (x_s · std_s + mean_s − mean_t) / std_t per channel; the identity when both agree. */
    private NDArray renormalize(NDArray images) {
        float[] ms = studentNormalization.mean();
        float[] ss = studentNormalization.std();
        float[] mt = teacherNormalization.mean();
        float[] st = teacherNormalization.std();
        if (java.util.Arrays.equals(ms, mt) && java.util.Arrays.equals(ss, st)) {
            return images;
        }
        if (ms.length != mt.length) {
            throw new dev.mentor.MentorException("--teacher: " + source + " was trained on " + mt.length
                    + "-channel images, the student's have " + ms.length);
        }
        int c = ms.length;
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            scale[i] = ss[i] / st[i];
            shift[i] = (ms[i] - mt[i]) / st[i];
        }
        NDManager m = images.getManager();
        return images.mul(m.create(scale, new Shape(1, c, 1, 1))).add(m.create(shift, new Shape(1, c, 1, 1)));
    }

    @Override
    public int classes() {
        return learner.spec().classes();
    }

    @Override
    public boolean exposesFeatureMap() {
        return learner.model().exposesFeatureMap();
    }

    @Override
    public Shape featureMapShape() {
        var spec = learner.spec();
        return learner.model().getOutputShapes(new Shape[] {new Shape(1, spec.channels(), spec.height(), spec.width())})[2];
    }

    @Override
    public String describe() {
        return "Mentor run " + source + " (" + learner.spec().architecture() + ")";
    }

    @Override
    public void close() {
        learner.close();
    }
}
