package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.mentor.model.FileBlock;
import dev.mentor.model.ModelFormat;
import dev.mentor.train.Normalization;
import java.util.List;

/**
 * A classifier in a model file of another framework (a TorchScript module or an ONNX graph mapping
 * {@code (N, C, H, W)} images to {@code (N, classes)} logits) as a teacher. It runs in inference mode
 * and no parameter of it can receive a gradient (TorchScript is loaded frozen; ONNX Runtime has no
 * gradients); its outputs are ordinary PyTorch arrays in the input's manager. The file is taken to
 * expect the student's normalisation unless its own is given, in which case inputs are mapped to it.
 */
public final class FileTeacher implements Teacher {
    private final FileBlock module;
    private final Renormalization input;
    private final Normalization fileNormalization;
    private final ParameterStore store;

    /**
     * @param module the loaded file, owned (and closed) by this teacher
     * @param fileNormalization the normalisation the file expects, or null for the student's
     */
    public FileTeacher(FileBlock module, Normalization student, Normalization fileNormalization, NDManager manager) {
        this.module = module;
        this.fileNormalization = fileNormalization;
        this.input = Renormalization.between(student, fileNormalization == null ? student : fileNormalization,
                module.source().toString());
        this.store = new ParameterStore(manager, false);
    }

    /** The kind of file (TorchScript or ONNX). */
    public ModelFormat format() {
        return module.format();
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
        return Digests.files(List.of(module.source())) + Digests.normalization(fileNormalization);
    }

    @Override
    public String describe() {
        return (module.format() == ModelFormat.ONNX ? "ONNX model " : "TorchScript module ") + module.source();
    }

    @Override
    public void close() {
        module.close();
    }
}
