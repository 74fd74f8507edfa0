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
import java.util.Map;

/**
 * A finished Mentor run as a teacher. Its parameters are frozen; inputs normalised with the student's
 * statistics are mapped to the teacher's own normalisation first. Built from the run's model as already read
 * ({@link SavedModel}), so a run that checks, loads and fingerprints its teacher reads its file once.
 */
public final class RunTeacher implements Teacher {
    private final Path source;
    private final Learner learner;
    private final Renormalization input;
    private final SavedModel saved;
    private String fingerprint;

    /** The teacher of {@code run}, its model read from disk. */
    public RunTeacher(Path run, Normalization studentNormalization, NDManager manager) {
        this(run, SavedModel.read(run), studentNormalization, manager);
    }

    /** The teacher of {@code run}, whose model {@code saved} is, as read. */
    public RunTeacher(Path run, SavedModel saved, Normalization studentNormalization, NDManager manager) {
        this.source = run;
        this.learner = saved.load(manager);
        for (NamedParameter p : learner.parameters()) {
            p.parameter().freeze(true);
        }
        this.input = Renormalization.between(studentNormalization, saved.normalization(), run.toString());
        // what the fingerprint needs (spec, home, digest), not the weights, which the learner holds
        this.saved = new SavedModel(saved.spec(), saved.normalization(), saved.classNames(), Map.of(), saved.home(), saved.digest());
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

    /**
     * {@link #fingerprint()} of the teacher {@code run} whose model {@code saved} is, without loading it: from the bytes
     * {@code saved} was read from (and the backbone file's), or from the files when it was not read from disk.
     */
    public static String fingerprint(Path run, SavedModel saved) {
        List<Path> files = files(run, saved);
        return saved.digest() == null ? fingerprint(files) : saved.digest().fingerprint(files.subList(1, files.size()));
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
        if (fingerprint == null) {
            fingerprint = fingerprint(source, saved);
        }
        return fingerprint;
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
