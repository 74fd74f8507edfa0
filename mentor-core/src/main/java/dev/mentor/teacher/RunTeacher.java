package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.model.FileModels;
import dev.mentor.train.Learner;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.Normalization;
import dev.mentor.train.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished Mentor run as a teacher. Its parameters are frozen; inputs normalised with the student's
 * statistics are mapped to the teacher's own normalisation first.
 */
public final class RunTeacher implements Teacher {
    private final Path source;
    private final Learner learner;
    private final Renormalization input;
    private final List<Path> files;

    public RunTeacher(Path run, Normalization studentNormalization, NDManager manager) {
        SavedModel saved = SavedModel.read(run);
        this.source = run;
        this.learner = saved.load(manager);
        for (NamedParameter p : learner.parameters()) {
            p.parameter().freeze(true);
        }
        this.input = Renormalization.between(studentNormalization, saved.normalization(), run.toString());
        this.files = files(run, saved);
    }

    /**
     * The files that make the model of {@code run} (read as {@code saved}): its {@code model.ckpt} and
     * the backbone file it is built on, if any; what a copy of the teacher elsewhere needs.
     */
    public static List<Path> files(Path run, SavedModel saved) {
        Path model = Files.isDirectory(run) ? run.resolve(SavedModel.FILE) : run;
        return FileModels.isFileModel(saved.spec().architecture())
                ? List.of(model, FileModels.file(saved.spec(), saved.home())) : List.of(model);
    }

    /** {@link #fingerprint()} of a teacher made of {@code files} ({@link #files}), without loading it. */
    public static String fingerprint(List<Path> files) {
        return Digests.files(files);
    }

    public Learner learner() {
        return learner;
    }

    @Override
    public NDList predict(NDArray images) {
        NDArray x = input.apply(images);
        NDList out = learner.infer(x);
        return exposesFeatureMap() ? new NDList(out.get(0), out.get(2)) : new NDList(out.get(0));
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

    /** A digest of the run's model file (weights, normalisation) and of the backbone file it is built on, if any. */
    @Override
    public String fingerprint() {
        return Digests.files(files);
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
