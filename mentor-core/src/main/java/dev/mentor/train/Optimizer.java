package dev.mentor.train;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their gradients, then zeroes the gradients (so the next backward
 * starts from zero, as {@code optimizer.zero_grad()} would). Implementations keep per-parameter state
 * (momentum buffers, moments) keyed by parameter id; the state can be saved and restored so a
 * resumed run continues exactly.
 */
public interface Optimizer extends AutoCloseable {
    /** One update of every parameter in {@code parameters} that requires a gradient. */
    void step(List<NamedParameter> parameters, float learningRate);

    /** The optimizer's state as named float arrays, for checkpoints. */
    Map<String, float[]> state();

    /** Restores state written by {@link #state()} for the same parameters. */
    void loadState(Map<String, float[]> state, List<NamedParameter> parameters);

    @Override
    void close();
}
