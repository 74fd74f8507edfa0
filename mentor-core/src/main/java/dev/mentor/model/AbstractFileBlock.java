package dev.mentor.model;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import java.nio.file.Path;

/**
 * What every {@link FileBlock} shares: the file it came from, the width {@code D} of its
 * {@code (N, D)} output, no DJL initialisation (the weights come with the file), and a lifetime tied
 * to the loaded model, released by {@link #close()} or when the owning manager closes.
 */
abstract class AbstractFileBlock extends AbstractBlock implements FileBlock {
    private final Path source;
    private final Model model;
    private final long width;
    private final NDManager owner;
    private final String uid = NDManager.nextUid();
    private boolean closed;

    AbstractFileBlock(Path source, Model model, long width, NDManager owner) {
        this.source = source;
        this.model = model;
        this.width = width;
        this.owner = owner;
        owner.attachInternal(uid, this);
    }

    @Override
    public final Path source() {
        return source;
    }

    @Override
    public final long outputWidth() {
        return width;
    }

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // nothing to initialise: the weights come with the file
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
            owner.detachInternal(uid);
        }
    }
}
