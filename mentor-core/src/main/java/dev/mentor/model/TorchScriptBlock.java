package dev.mentor.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
public final class TorchScriptBlock extends AbstractFileBlock {
    private final PtSymbolBlock module;

    private TorchScriptBlock(Path source, Model model, long width, NDManager owner) {
        super(source, model, width, owner);
        this.module = addChildBlock("module", (PtSymbolBlock) model.getBlock());
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

    /** Writes the module with its current parameters and buffers as a TorchScript file. */
    @Override
    public void save(Path file) {
        FileBlocks.writeAtomically(file, out -> JniUtils.writeModule(module, out, false));
    }
}
