package dev.mentor.method;

import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.Map;

/** A training method: what one step does to the learners it owns. */
public interface Method {
    /** The method's name as the CLI spells it ({@code supervised}, {@code mpl}, ...). */
    String name();

    /** Every learner the method trains, by role, for checkpoints and resumption. */
    Map<String, Learner> learners();

    /** The learner that is validated, tested and saved as the run's model. */
    Learner evaluated();

    /** Whether each step also needs a batch of unlabeled images. */
    default boolean usesUnlabeled() {
        return false;
    }

    /** One optimisation step on the context's batches. */
    StepResult trainStep(StepContext context);
}
