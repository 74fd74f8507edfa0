package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The pre-activation wide residual unit (Zagoruyko & Komodakis, 2016) as FixMatch and Meta Pseudo
 * Labels use it: BN-LeakyReLU(0.1)-conv3×3-BN-LeakyReLU-[dropout]-conv3×3 plus a shortcut that is the
 * input itself or a 1×1 conv of the activated input. Matches {@code WBlock} of the peer (BN momentum
 * 0.001 in PyTorch's terms).
 */
final class WideUnit extends AbstractBlock {
    static final float LEAK = 0.1f;
    private final Block bn1;
    private final Block conv1;
    private final Block bn2;
    private final Block dropout;
    private final Block conv2;
    private final Block shortcut;
    private final float dropPath;

    WideUnit(int in, int out, int stride, float dropout, float dropPath) {
        bn1 = addChildBlock("bn1", Layers.batchNorm(0.001f));
        conv1 = addChildBlock("conv1", Layers.conv3x3(out, stride));
        bn2 = addChildBlock("bn2", Layers.batchNorm(0.001f));
        this.dropout = dropout > 0 ? addChildBlock("dropout", Dropout.builder().optRate(dropout).build()) : null;
        conv2 = addChildBlock("conv2", Layers.conv3x3(out, 1));
        shortcut = in == out && stride == 1 ? null : addChildBlock("shortcut", Layers.conv1x1(out, stride));
        this.dropPath = dropPath;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList a = new NDList(Activation.leakyRelu(bn1.forward(ps, inputs, training).singletonOrThrow(), LEAK));
        NDList y = bn2.forward(ps, conv1.forward(ps, a, training), training);
        y = new NDList(Activation.leakyRelu(y.singletonOrThrow(), LEAK));
        if (dropout != null) {
            y = dropout.forward(ps, y, training);
        }
        NDArray branch = StochasticDepth.apply(conv2.forward(ps, y, training).singletonOrThrow(), dropPath, training);
        NDArray identity = shortcut == null ? x : shortcut.forward(ps, a, training).singletonOrThrow();
        return new NDList(branch.add(identity));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        bn1.initialize(manager, dataType, inputShapes);
        Shape[] s = Shapes.chain(manager, dataType, inputShapes, conv1, bn2);
        if (dropout != null) {
            dropout.initialize(manager, dataType, s);
        }
        conv2.initialize(manager, dataType, s);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv1.getOutputShapes(inputShapes);
    }
}
