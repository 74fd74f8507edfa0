package dev.mentor.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A TorchScript module (saved by {@code torch.jit.trace} or {@code torch.jit.script}) as a block:
 * {@code (N, C, H, W)} images in, one {@code (N, D)} array out — a feature vector, or logits.
 *
 * <p>Loaded trainable, the module's parameters are this block's DJL parameters: a training forward
 * builds a graph through them, and they are stepped, frozen and checkpointed like any other. Its
 * buffers (BatchNorm running statistics) are not DJL parameters: they stay inside the module, and
 * {@link #save} writes them with it. Each forward passes its mode to the module ({@code train()} or
 * {@code eval()}); a traced module, though, keeps the BatchNorm mode it was traced in (normally eval,
 * running statistics), while a scripted one follows the mode. An inference forward's outputs are
 * PyTorch inference tensors; they are copied into ordinary tensors so that a trainable layer (a new
 * head) can follow.
 */
public final class TorchScriptBlock extends AbstractBlock implements FileBlock {
    private final Path source;
    private final Model model;
    private final PtSymbolBlock module;
    private final long width;
    private final NDManager owner;
    private final String uid = NDManager.nextUid();
    private boolean closed;

    private TorchScriptBlock(Path source, Model model, long width, NDManager owner) {
        this.source = source;
        this.model = model;
        this.module = addChildBlock("module", (PtSymbolBlock) model.getBlock());
        this.width = width;
        this.owner = owner;
        owner.attachInternal(uid, this);
    }

    /**
     * Loads {@code file}; its lifetime ends with {@code owner}'s at the latest.
     *
     * @param imageShape {@code (C, H, W)} of the images it will see; one forward checks the output
     * @param trainability whether the parameters can receive gradients (fine-tuning) or the module is
     *     loaded for inference only
     */
    public static TorchScriptBlock load(Path file, Shape imageShape, Trainability trainability, NDManager owner) {
        Model model = Model.newInstance("torchscript", Device.cpu(), "PyTorch");
        try {
            model.load(file, null, Map.of("trainParam", String.valueOf(trainability == Trainability.TRAINABLE)));
            long width = FileBlocks.probe(model.getBlock(), imageShape, owner, file);
            return new TorchScriptBlock(file, model, width, owner);
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new MentorException(file + ": cannot load it as a TorchScript module (" + FileBlocks.firstLine(e) + ")", e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.TORCHSCRIPT;
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public long outputWidth() {
        return width;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = module.forward(store, inputs, training, params);
        if (training) {
            return out;
        }
        NDList copies = new NDList(out.size());
        for (NDArray array : out) {
            copies.add(array.duplicate());
            array.close();
        }
        return copies;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // the module's parameters come with the file
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    /** Writes the module with its current parameters and buffers as a TorchScript file. */
    @Override
    public void save(Path file) {
        FileBlocks.writeAtomically(file, out -> JniUtils.writeModule(module, out, false));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
            owner.detachInternal(uid);
        }
    }
}
