package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The basic residual unit of the CIFAR ResNets (He et al., 2016): conv-BN-ReLU-conv-BN plus a shortcut
 * (identity, or 1×1 conv + BN when the shape changes), then ReLU. Matches {@code RBlock} of the peer.
 */
final class ResidualUnit extends AbstractBlock {
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;
    private final Block shortcutConv;
    private final Block shortcutBn;
    private final float dropPath;

    ResidualUnit(int in, int out, int stride, float dropPath) {
        conv1 = addChildBlock("conv1", Layers.conv3x3(out, stride));
        bn1 = addChildBlock("bn1", Layers.batchNorm(0.1f));
        conv2 = addChildBlock("conv2", Layers.conv3x3(out, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm(0.1f));
        if (in != out || stride != 1) {
            shortcutConv = addChildBlock("shortcutConv", Layers.conv1x1(out, stride));
            shortcutBn = addChildBlock("shortcutBn", Layers.batchNorm(0.1f));
        } else {
            shortcutConv = null;
            shortcutBn = null;
        }
        this.dropPath = dropPath;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        NDList y = bn1.forward(ps, conv1.forward(ps, x, training), training);
        y = new NDList(Activation.relu(y.singletonOrThrow()));
        y = bn2.forward(ps, conv2.forward(ps, y, training), training);
        NDArray shortcut = shortcutConv == null
                ? x.singletonOrThrow()
                : shortcutBn.forward(ps, shortcutConv.forward(ps, x, training), training).singletonOrThrow();
        NDArray branch = StochasticDepth.apply(y.singletonOrThrow(), dropPath, training);
        return new NDList(Activation.relu(branch.add(shortcut)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shapes.chain(manager, dataType, inputShapes, conv1, bn1, conv2, bn2);
        if (shortcutConv != null) {
            Shapes.chain(manager, dataType, inputShapes, shortcutConv, shortcutBn);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv1.getOutputShapes(inputShapes);
    }
}
