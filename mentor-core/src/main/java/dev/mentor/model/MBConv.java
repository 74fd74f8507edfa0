package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The mobile inverted bottleneck of EfficientNet (Tan &amp; Le, 2019; MobileNetV2's block with
 * squeeze-and-excitation): a 1×1 expansion conv-BN-SiLU (left out when the expansion ratio is 1), a
 * k×k depthwise conv-BN-SiLU carrying the stride, squeeze-and-excitation to a quarter of the block's
 * input channels, and a linear 1×1 projection conv-BN. When the block keeps the shape, the input is
 * added back after per-sample stochastic depth of the branch (the paper's "drop connect"). Matches
 * torchvision's {@code MBConv} layer for layer.
 */
final class MBConv extends AbstractBlock {
    private final Block expandConv;
    private final Block expandBn;
    private final Block depthwise;
    private final Block depthwiseBn;
    private final Block squeezeExcitation;
    private final Block project;
    private final Block projectBn;
    private final boolean residual;
    private final float dropPath;

    MBConv(EfficientNet.Stage stage, int in, int stride, float dropPath) {
        int expanded = in * stage.expandRatio();
        if (expanded != in) {
            expandConv = addChildBlock("expand", Layers.conv1x1(expanded, 1));
            expandBn = addChildBlock("expandBn", Layers.batchNorm(0.1f));
        } else {
            expandConv = null;
            expandBn = null;
        }
        depthwise = addChildBlock("depthwise", Layers.depthwise(expanded, stage.kernel(), stride));
        depthwiseBn = addChildBlock("depthwiseBn", Layers.batchNorm(0.1f));
        squeezeExcitation = addChildBlock("se", new SqueezeExcitation(expanded, Math.max(1, in / 4)));
        project = addChildBlock("project", Layers.conv1x1(stage.channels(), 1));
        projectBn = addChildBlock("projectBn", Layers.batchNorm(0.1f));
        residual = stride == 1 && in == stage.channels();
        this.dropPath = dropPath;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList y = inputs;
        if (expandConv != null) {
            y = activated(expandBn.forward(ps, expandConv.forward(ps, y, training), training));
        }
        y = activated(depthwiseBn.forward(ps, depthwise.forward(ps, y, training), training));
        y = squeezeExcitation.forward(ps, y, training);
        NDArray branch = projectBn.forward(ps, project.forward(ps, y, training), training).singletonOrThrow();
        if (!residual) {
            return new NDList(branch);
        }
        return new NDList(StochasticDepth.apply(branch, dropPath, training).add(inputs.singletonOrThrow()));
    }

    /** The stochastic-depth rate of this block (0 when it has no residual connection to drop). */
    float dropPath() {
        return residual ? dropPath : 0f;
    }

    private static NDList activated(NDList x) {
        return new NDList(Layers.silu(x.singletonOrThrow()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shape = inputShapes;
        if (expandConv != null) {
            shape = Shapes.chain(manager, dataType, shape, expandConv, expandBn);
        }
        Shapes.chain(manager, dataType, shape, depthwise, depthwiseBn, squeezeExcitation, project, projectBn);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shape = depthwise.getOutputShapes(expandConv == null ? inputShapes : expandConv.getOutputShapes(inputShapes));
        return project.getOutputShapes(shape);
    }
}
