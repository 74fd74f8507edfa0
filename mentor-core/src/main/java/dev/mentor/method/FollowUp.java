package dev.mentor.method;

import dev.mentor.MentorException;
import java.util.function.Supplier;

/**
 * A phase trained after a method's own steps and starting from its result, such as the fine-tuning
 * of the Meta Pseudo Labels student on the labeled images. The run trains it with its own labeled
 * stream, a constant learning rate, its own checkpoint and epoch log; its evaluated learner becomes
 * the run's model.
 *
 * @param name the phase's name, which names its files ({@code checkpoint-NAME.ckpt}, {@code metrics-NAME.jsonl})
 * @param steps its optimizer steps
 * @param learningRate the constant learning rate
 * @param start builds the phase's method; called once the first phase's learners hold their final
 *     weights (trained, or restored when a run is resumed)
 */
public record FollowUp(String name, long steps, double learningRate, Supplier<Method> start) {
    public FollowUp {
        if (steps <= 0) {
            throw new MentorException(name + ": steps must be > 0, got " + steps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new MentorException(name + ": learning rate must be > 0, got " + learningRate);
        }
    }
}
