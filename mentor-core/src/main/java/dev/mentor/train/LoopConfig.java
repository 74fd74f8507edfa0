package dev.mentor.train;

import dev.mentor.MentorException;

/**
 * How the loop runs.
 *
 * @param epochs number of epochs
 * @param stepsPerEpoch optimizer steps per epoch; 0 means one pass over the labeled set
 * @param seed the run's seed (dropout, stochastic depth and batch order derive from it)
 * @param loaderThreads background threads preparing batches
 * @param totalSteps steps of the whole run, or 0 for {@code epochs} full epochs; when set, the last
 *     epoch ends at this step (it may be shorter than the others)
 * @param warmupSteps the schedule's warm-up: validations before its end do not count as a collapse
 *     ({@link CollapseGuard})
 */
public record LoopConfig(int epochs, long stepsPerEpoch, long seed, int loaderThreads, long totalSteps, long warmupSteps) {
    /** A run of {@code epochs} full epochs. */
    public LoopConfig(int epochs, long stepsPerEpoch, long seed, int loaderThreads) {
        this(epochs, stepsPerEpoch, seed, loaderThreads, 0, 0);
    }

    /** A run of {@code totalSteps} steps without a warm-up. */
    public LoopConfig(int epochs, long stepsPerEpoch, long seed, int loaderThreads, long totalSteps) {
        this(epochs, stepsPerEpoch, seed, loaderThreads, totalSteps, 0);
    }

    public LoopConfig {
        if (epochs <= 0) {
            throw MentorException.of("epochs", "must be > 0, got " + epochs);
        }
        if (stepsPerEpoch < 0) {
            throw MentorException.of("steps_per_epoch", "must be >= 0, got " + stepsPerEpoch);
        }
        if (totalSteps < 0) {
            throw MentorException.of("steps", "must be > 0, got " + totalSteps);
        }
        if (loaderThreads <= 0) {
            throw MentorException.of("loader_threads", "must be > 0, got " + loaderThreads);
        }
    }
}
