package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation (Hu et al., 2018) as EfficientNet uses it: each channel is rescaled by
 * {@code sigmoid(W2 · SiLU(W1 · mean_hw(x) + b1) + b2)}, where W1 squeezes the channels to a few and
 * W2 restores them (1×1 convolutions with bias). Matches torchvision's {@code SqueezeExcitation} with
 * SiLU.
 */
final class SqueezeExcitation extends AbstractBlock {
    private final Block reduce;
    private final Block expand;

    /**
     * @param channels channels of the input (and output)
     * @param squeezed channels of the bottleneck
     */
    SqueezeExcitation(int channels, int squeezed) {
        reduce = addChildBlock("fc1", Layers.conv(squeezed, 1, 1, 0, true));
        expand = addChildBlock("fc2", Layers.conv(channels, 1, 1, 0, true));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray pooled = Pool.globalAvgPool2d(x).reshape(shape.get(0), shape.get(1), 1, 1);
        NDArray squeezed = Layers.silu(reduce.forward(ps, new NDList(pooled), training).singletonOrThrow());
        NDArray scale = Activation.sigmoid(expand.forward(ps, new NDList(squeezed), training).singletonOrThrow());
        return new NDList(x.mul(scale));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        Shapes.chain(manager, dataType, new Shape[] {pooled}, reduce, expand);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
