package dev.mentor.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the file blocks share: the shape probe, atomic writing, error messages. */
final class FileBlocks {
    private FileBlocks() {}

    /** Writes through an output stream. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Runs {@code block} once in inference mode on a zero image of {@code imageShape} {@code (C, H, W)}
     * and returns {@code D} of its single {@code (1, D)} output; any other output is a
     * {@link MentorException} naming the file.
     */
    static long probe(Block block, Shape imageShape, NDManager manager, Path source) {
        Shape input = new Shape(1, imageShape.get(0), imageShape.get(1), imageShape.get(2));
        String size = imageShape.get(0) + "x" + imageShape.get(1) + "x" + imageShape.get(2);
        try (NDManager scope = manager.newSubManager()) {
            NDList out;
            try {
                out = block.forward(new ParameterStore(scope, false), new NDList(scope.zeros(input)), false);
            } catch (EngineException | IllegalArgumentException e) {
                throw new MentorException(source + ": does not run on " + size + " images (" + firstLine(e) + ")", e);
            }
            List<Shape> shapes = new ArrayList<>();
            for (NDArray array : out) {
                shapes.add(array.getShape());
            }
            if (shapes.size() != 1 || shapes.get(0).dimension() != 2 || shapes.get(0).get(0) != 1) {
                throw new MentorException(source + ": must map (N, C, H, W) images to one (N, D) array (features or logits), "
                        + "but returns " + shapes + " for one " + size + " image");
            }
            return shapes.get(0).get(1);
        }
    }

    /** Writes a file atomically ({@link AtomicFiles}), so readers never see half a file. */
    static void writeAtomically(Path file, Writer writer) {
        try {
            AtomicFiles.write(file, writer::write);
        } catch (IOException | EngineException e) {
            throw new MentorException(file + ": cannot write (" + firstLine(e) + ")", e);
        }
    }

    /** The first line of an exception's message (native engines add stack traces to theirs). */
    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
    }
}
