package dev.mentor.method;

import java.util.Map;

/**
 * Confidence thresholds that adapt as a model trains, one per class, deciding which pseudo-labels of a
 * batch of weak views a hard-label consistency method ({@link ThresholdMatch}) keeps: FreeMatch's
 * self-adaptive ones ({@link AdaptiveThresholds}) or FlexMatch's curriculum ({@link CurriculumThresholds}).
 * Their statistics are the method's state, saved in each checkpoint so that a resumed run is bit-identical.
 */
public interface ClassThresholds {
    /**
     * Takes one batch: returns its mask and updates the statistics (in the order the method's paper does).
     *
     * @param probabilities row-major {@code n × classes} weak-view probabilities
     * @param poolIndices the images' indices in the unlabeled pool
     * @return 1 where image i's pseudo-label is kept, else 0
     */
    float[] mask(float[] probabilities, int[] poolIndices);

    /**
     * Seeds the statistics from the model a run starts from, before its first step: its predictions on every pool image,
     * un-augmented ({@code --calibrate-thresholds}). The thresholds then start where that model is, not where a random
     * network would be; a run from {@code --init} otherwise keeps nearly every pseudo-label for its first hundreds of steps.
     *
     * @param probabilities row-major {@code n × classes} probabilities of pool images {@code poolIndices}
     */
    void start(float[] probabilities, int[] poolIndices);

    /** The statistics by name, for a checkpoint. */
    Map<String, float[]> state();

    /** Restores {@link #state()}; an empty map (a checkpoint without it) leaves the initial state. */
    void loadState(Map<String, float[]> state);

    /** What a step's metrics show of them (e.g. the global threshold), by name. */
    Map<String, Float> components();
}
