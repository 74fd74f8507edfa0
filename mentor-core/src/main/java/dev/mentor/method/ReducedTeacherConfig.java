package dev.mentor.method;

import dev.mentor.MentorException;

/**
 * Reduced Meta Pseudo Labels' teacher: the frozen large teacher, and the small MLP trained in its place.
 *
 * @param teacher the large teacher: a finished Mentor run (directory or {@code model.ckpt}), a
 *     TorchScript or an ONNX classifier file
 * @param hiddenLayers hidden layers of the MLP
 * @param width units of each hidden layer
 * @param cacheDirectory where the large teacher's outputs are kept between runs, or null for the
 *     default ({@code ~/.mentor/cache/teacher})
 */
public record ReducedTeacherConfig(String teacher, int hiddenLayers, int width, String cacheDirectory) {
    public ReducedTeacherConfig {
        if (teacher == null || teacher.isBlank()) {
            throw MentorException.of("reduced_teacher", "needs a run directory or a model file");
        }
        if (hiddenLayers < 1) {
            throw MentorException.of("reduced_layers", "must be >= 1, got " + hiddenLayers);
        }
        if (width < 1) {
            throw MentorException.of("reduced_width", "must be >= 1, got " + width);
        }
    }
}
