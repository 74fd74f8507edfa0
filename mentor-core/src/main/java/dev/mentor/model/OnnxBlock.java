package dev.mentor.model;

import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.PairList;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ONNX model run by ONNX Runtime as a block: {@code (N, C, H, W)} images in, one {@code (N, D)}
 * array out. ONNX Runtime computes no gradients, so this block has no parameters and always runs as
 * it was exported (normally eval mode): it serves as a frozen feature extractor or teacher. Inputs
 * are copied to ONNX Runtime and outputs copied back into PyTorch arrays of the input's manager.
 */
public final class OnnxBlock extends AbstractFileBlock {
    private final Block session;

    private OnnxBlock(Path source, ZooModel<NDList, NDList> model, long width, NDManager owner) {
        super(source, model, width, owner);
        this.session = model.getBlock();
    }

    /**
     * Loads {@code file}; its lifetime ends with {@code owner}'s at the latest.
     *
     * @param imageShape {@code (C, H, W)} of the images it will see; one forward checks the output
     */
    public static OnnxBlock load(Path file, Shape imageShape, NDManager owner) {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | EngineException e) {
            throw new MentorException(file + ": cannot load it as an ONNX model (" + FileBlocks.firstLine(e) + ")", e);
        }
        try {
            long width = FileBlocks.probe(model.getBlock(), imageShape, owner, file);
            return new OnnxBlock(file, model, width, owner);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return run(session, inputs);
    }

    /** One ONNX Runtime call; its outputs become PyTorch arrays in the input's manager. */
    private static NDList run(Block session, NDList inputs) {
        NDManager target = inputs.head().getManager();
        NDList out = session.forward(new ParameterStore(target, false), inputs, false);
        NDList converted = new NDList(out.size());
        for (NDArray array : out) {
            converted.add(target.from(array));
            array.close();
        }
        return converted;
    }

    /** Copies the source file: an ONNX model never changes here. */
    @Override
    public void save(Path file) {
        FileBlocks.writeAtomically(file, out -> Files.copy(source(), out));
    }
}
