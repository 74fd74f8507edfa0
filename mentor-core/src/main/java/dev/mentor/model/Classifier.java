package dev.mentor.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone that yields penultimate features, followed by a linear head that yields logits.
 * The forward returns {@code NDList(logits, features)}, so methods that need features (distillation
 * hints, MMD) and methods that only need logits share one model. Transfer learning swaps the head.
 */
public final class Classifier extends AbstractBlock {
    private final Block backbone;
    private final Block head;

    public Classifier(Block backbone, Block head) {
        this.backbone = addChildBlock("backbone", backbone);
        this.head = addChildBlock("head", head);
    }

    public Block backbone() {
        return backbone;
    }

    public Block head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = backbone.forward(store, inputs, training, params);
        NDList logits = head.forward(store, features, training, params);
        return new NDList(logits.singletonOrThrow(), features.singletonOrThrow());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] featureShape = backbone.getOutputShapes(inputShapes);
        head.initialize(manager, dataType, featureShape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] features = backbone.getOutputShapes(inputShapes);
        return new Shape[] {head.getOutputShapes(features)[0], features[0]};
    }
}
