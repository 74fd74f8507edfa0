package dev.mentor.bench;

import dev.mentor.MentorException;
import dev.mentor.model.ModelSpec;

/**
 * What a throughput measurement trains: a model of the zoo on random square images and 10 classes,
 * with the architecture's default dropout, as the PyTorch peer builds it.
 *
 * @param model a name from {@link dev.mentor.model.Models#NAMES}
 * @param channels image channels (1 or 3)
 * @param size image height and width in pixels
 * @param batchSize images per training step
 */
public record Workload(String model, int channels, int size, int batchSize) {
    public static final int CLASSES = 10;

    public Workload {
        if (batchSize <= 0) {
            throw new MentorException("--batch-size: must be > 0, got " + batchSize);
        }
        new ModelSpec(model, channels, size, size, CLASSES, -1, 0);
    }

    /** The model the workload trains; validates channels and size. */
    public ModelSpec spec() {
        return new ModelSpec(model, channels, size, size, CLASSES, -1, 0);
    }
}
