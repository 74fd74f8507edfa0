package dev.mentor.method;

import dev.mentor.MentorException;

/**
 * Reduced Meta Pseudo Labels' teacher: a finished run whose model is the frozen large teacher, and
 * the small MLP trained in its place.
 *
 * @param run the large teacher's run directory (or its {@code model.ckpt})
 * @param hiddenLayers hidden layers of the MLP
 * @param width units of each hidden layer
 */
public record ReducedTeacherConfig(String run, int hiddenLayers, int width) {
    public ReducedTeacherConfig {
        if (run == null || run.isBlank()) {
            throw new MentorException("--reduced-teacher: needs a run directory");
        }
        if (hiddenLayers < 1) {
            throw new MentorException("--reduced-layers: must be >= 1, got " + hiddenLayers);
        }
        if (width < 1) {
            throw new MentorException("--reduced-width: must be >= 1, got " + width);
        }
    }
}
