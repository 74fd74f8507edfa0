package dev.mentor.model;

import ai.djl.nn.Block;
import java.nio.file.Path;

/**
 * A block that runs a model file of another framework (TorchScript, ONNX). It owns native resources,
 * released by {@link #close()} or when the array manager it was loaded for closes.
 */
public interface FileBlock extends Block, AutoCloseable {
    ModelFormat format();

    /** The file it was loaded from. */
    Path source();

    /** Width {@code D} of its {@code (N, D)} output. */
    long outputWidth();

    /** Writes the model as it is now (trained weights and buffers included) as a file of its format, atomically. */
    void save(Path file);

    @Override
    void close();
}
