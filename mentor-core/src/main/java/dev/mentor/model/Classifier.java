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
 * A backbone that yields penultimate features, followed by a linear head that yields logits. The
 * backbone is either one block, or a trunk (the convolutional stages, ending in a spatial feature map)
 * and a neck (pooling, flattening, hidden layers) — then the map is an output too, for hint and
 * attention distillation. The forward returns {@code NDList(logits, features[, featureMap])}.
 *
 * <p>With a frozen backbone (linear probing) the backbone runs in inference mode even in training, so
 * its BatchNorm statistics stay as they were.
 *
 * <p>Mentor's own convolutional models (trunk and neck) run in {@link MemoryFormat#CHANNELS_LAST}: the
 * forward lays the image batch out as NHWC, and PyTorch keeps that layout through every convolution,
 * BatchNorm and activation (resnet-20 trained 1.56x faster than in NCHW in `bench throughput` on this project's CPU).
 * Model files keep the layout they are given.
 */
public final class Classifier extends AbstractBlock {
    private final Block trunk;
    private final Block neck;
    private final Block head;
    private boolean backboneFrozen;
    private MemoryFormat inputFormat;

    /** A classifier whose backbone exposes no feature map. */
    public Classifier(Block backbone, Block head) {
        this.trunk = addChildBlock("backbone", backbone);
        this.neck = null;
        this.head = addChildBlock("head", head);
        this.inputFormat = MemoryFormat.CONTIGUOUS;
    }

    /** A classifier whose trunk's output, a {@code (N, C, H, W)} map, is exposed for distillation. */
    public Classifier(Block trunk, Block neck, Block head) {
        this.trunk = addChildBlock("trunk", trunk);
        this.neck = addChildBlock("neck", neck);
        this.head = addChildBlock("head", head);
        this.inputFormat = MemoryFormat.CHANNELS_LAST;
    }

    public Block head() {
        return head;
    }

    /** The backbone when it is a model file (TorchScript, ONNX), otherwise null. */
    public FileBlock fileBackbone() {
        return trunk instanceof FileBlock file ? file : null;
    }

    /** Whether the forward also returns the trunk's feature map. */
    public boolean exposesFeatureMap() {
        return neck != null;
    }

    /** Runs the backbone in inference mode from now on (or again in the mode of each call). */
    public void setBackboneFrozen(boolean frozen) {
        this.backboneFrozen = frozen;
    }

    public boolean backboneFrozen() {
        return backboneFrozen;
    }

    /** The layout an image batch is put in before the backbone (the arithmetic is the same either way). */
    public MemoryFormat inputFormat() {
        return inputFormat;
    }

    /** Sets the layout of image batches (for benchmarks comparing the two). */
    public void setInputFormat(MemoryFormat format) {
        this.inputFormat = java.util.Objects.requireNonNull(format, "format");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        boolean backboneTraining = training && !backboneFrozen;
        NDArray images = inputs.singletonOrThrow();
        NDList input = images.getShape().dimension() == 4 ? new NDList(inputFormat.apply(images)) : inputs;
        NDArray map = trunk.forward(store, input, backboneTraining, params).singletonOrThrow();
        NDArray features = neck == null ? map : neck.forward(store, new NDList(map), backboneTraining, params).singletonOrThrow();
        NDArray logits = head.forward(store, new NDList(features), training, params).singletonOrThrow();
        return neck == null ? new NDList(logits, features) : new NDList(logits, features, map);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        Shape[] shape = trunk.getOutputShapes(inputShapes);
        if (neck != null) {
            neck.initialize(manager, dataType, shape);
            shape = neck.getOutputShapes(shape);
        }
        head.initialize(manager, dataType, shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] map = trunk.getOutputShapes(inputShapes);
        Shape[] features = neck == null ? map : neck.getOutputShapes(map);
        Shape logits = head.getOutputShapes(features)[0];
        return neck == null ? new Shape[] {logits, features[0]} : new Shape[] {logits, features[0], map[0]};
    }
}
