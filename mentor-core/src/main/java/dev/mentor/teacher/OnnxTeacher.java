package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.mentor.model.OnnxBlock;
import dev.mentor.train.Normalization;
import java.nio.file.Path;
import java.util.List;

/**
 * An ONNX classifier (a graph mapping {@code (N, C, H, W)} images to {@code (N, classes)} logits) as
 * a teacher, run by ONNX Runtime: no gradients exist there, and the outputs are copied into ordinary
 * PyTorch arrays in the input's manager. The file is taken to expect the student's normalisation
 * unless its own is given, in which case inputs are mapped to it.
 */
public final class OnnxTeacher implements Teacher {
    private final Path source;
    private final OnnxBlock module;
    private final Renormalization input;
    private final Normalization fileNormalization;
    private final ParameterStore store;

    /**
     * @param imageShape {@code (C, H, W)} of the student's images
     * @param fileNormalization the normalisation the file expects, or null for the student's
     */
    public OnnxTeacher(Path file, Shape imageShape, Normalization student, Normalization fileNormalization, NDManager manager) {
        this.source = file;
        this.fileNormalization = fileNormalization;
        this.input = Renormalization.between(student, fileNormalization == null ? student : fileNormalization, file.toString());
        this.module = OnnxBlock.load(file, imageShape, manager);
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public NDList predict(NDArray images) {
        return new NDList(module.forward(store, new NDList(input.apply(images)), false).singletonOrThrow());
    }

    @Override
    public int classes() {
        return (int) module.outputWidth();
    }

    @Override
    public boolean exposesFeatureMap() {
        return false;
    }

    @Override
    public String fingerprint() {
        return Digests.files(List.of(source)) + Digests.normalization(fileNormalization);
    }

    @Override
    public String describe() {
        return "ONNX model " + source;
    }

    @Override
    public void close() {
        module.close();
    }
}
