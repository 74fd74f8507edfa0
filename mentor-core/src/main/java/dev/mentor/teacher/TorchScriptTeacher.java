package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.mentor.model.TorchScriptBlock;
import dev.mentor.model.Trainability;
import dev.mentor.train.Normalization;
import java.nio.file.Path;
import java.util.List;

/**
 * A TorchScript classifier (a module mapping {@code (N, C, H, W)} images to {@code (N, classes)}
 * logits) as a teacher. It is loaded for inference only (no parameter can receive a gradient) and
 * runs in eval mode; its outputs are ordinary arrays in the input's manager. The file is taken to
 * expect the student's normalisation unless its own is given, in which case inputs are mapped to it.
 */
public final class TorchScriptTeacher implements Teacher {
    private final Path source;
    private final TorchScriptBlock module;
    private final Renormalization input;
    private final Normalization fileNormalization;
    private final ParameterStore store;

    /**
     * @param imageShape {@code (C, H, W)} of the student's images
     * @param fileNormalization the normalisation the file expects, or null for the student's
     */
    public TorchScriptTeacher(Path file, Shape imageShape, Normalization student, Normalization fileNormalization, NDManager manager) {
        this.source = file;
        this.fileNormalization = fileNormalization;
        this.input = Renormalization.between(student, fileNormalization == null ? student : fileNormalization, file.toString());
        this.module = TorchScriptBlock.load(file, imageShape, Trainability.FROZEN, manager);
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
        return "TorchScript module " + source;
    }

    @Override
    public void close() {
        module.close();
    }
}
