package dev.mentor.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/** Initialises a chain of blocks, each with the output shape of the one before it. */
final class Shapes {
    private Shapes() {}

    static Shape[] chain(NDManager manager, DataType dataType, Shape[] input, Block... blocks) {
        Shape[] shape = input;
        for (Block block : blocks) {
            block.initialize(manager, dataType, shape);
            shape = block.getOutputShapes(shape);
        }
        return shape;
    }
}
