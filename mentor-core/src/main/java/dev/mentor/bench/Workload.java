package dev.mentor.bench;

import dev.mentor.MentorException;
import dev.mentor.model.MemoryFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Precision;

/**
 * What a throughput measurement trains: a model of the zoo on random square images and 10 classes,
 * with the architecture's default dropout, as the PyTorch peer builds it.
 *
 * @param model a name from {@link dev.mentor.model.Models#NAMES}
 * @param channels image channels (1 or 3)
 * @param size image height and width in pixels
 * @param batchSize images per training step
 * @param memoryFormat how the batch is laid out, which sets the layout the whole network runs in
 */
public record Workload(String model, int channels, int size, int batchSize, MemoryFormat memoryFormat, Precision precision) {
    public static final int CLASSES = 10;

    /** A workload trained in float32. */
    public Workload(String model, int channels, int size, int batchSize, MemoryFormat memoryFormat) {
        this(model, channels, size, batchSize, memoryFormat, Precision.FP32);
    }

    /** A workload in PyTorch's default layout. */
    public Workload(String model, int channels, int size, int batchSize) {
        this(model, channels, size, batchSize, MemoryFormat.CHANNELS_LAST);
    }

    public Workload {
        if (batchSize <= 0) {
            throw MentorException.of("batch_size", "must be > 0, got " + batchSize);
        }
        if (memoryFormat == null) {
            throw MentorException.of("memory_format", "must be given");
        }
        precision = precision == null ? Precision.FP32 : precision;
        new ModelSpec(model, channels, size, size, CLASSES, -1, 0);
    }

    /** The model the workload trains; validates channels and size. */
    public ModelSpec spec() {
        return new ModelSpec(model, channels, size, size, CLASSES, -1, 0);
    }
}
