package dev.mentor.method;

import dev.mentor.data.ImageSet;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;

/**
 * What a method's {@link MethodDescriptor#factory() factory} takes from the prepared run: learners made from the run's
 * seed, config and {@code --init}, the labeled set and the unlabeled pool, and the run's length. The run layer's
 * {@code dev.mentor.run.RunContext} is one.
 */
public interface MethodContext {
    /** A learner of the run's architecture, optimizer and weight average, seeded by the run's seed and {@code seedOffset}. */
    Learner newLearner(long seedOffset);

    /** As {@link #newLearner(long)}, of another architecture (a second student). */
    Learner newLearner(String architecture, long seedOffset);

    ImageSet labeled();

    ImageSet unlabeled();

    /** The input normalisation the run's learners see. */
    Normalization normalization();

    /** The run's optimizer steps. */
    long totalSteps();
}
