package dev.mentor.method;

import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import dev.mentor.augment.Augmentation;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A training method: what one step does to the learners it owns. */
public interface Method {
    /** The method's name as the CLI spells it ({@code supervised}, {@code mpl}, ...). */
    String name();

    /** Every learner the method trains, by role, for checkpoints and resumption. */
    Map<String, Learner> learners();

    /** The learner that is validated during training, and tested and saved as the run's model unless {@link #chooseFinal} picks another. */
    Learner evaluated();

    /**
     * The learner the run keeps when training ends, given each candidate's accuracy on the validation
     * split: {@link #evaluated()}, unless the method trains several interchangeable models (mutual
     * learning's two students), of which it keeps the best on validation.
     */
    default Learner chooseFinal(ToDoubleFunction<Learner> validationAccuracy) {
        return evaluated();
    }

    /**
     * The views of each labeled image a step receives, as augmentations of the run's labeled policy
     * (default: one view, the policy itself; self-distillation asks for two independent draws).
     */
    default List<Augmentation> labeledViews(Augmentation policy) {
        return List.of(policy);
    }

    /**
     * The views of each unlabeled image a step receives (e.g. weak and strong for consistency
     * training); empty when the method uses no unlabeled images.
     */
    default List<Augmentation> unlabeledViews() {
        return List.of();
    }

    /** Unlabeled images per step for a given labeled batch size (FixMatch's μ·B). */
    default int unlabeledBatchSize(int labeledBatchSize) {
        return labeledBatchSize;
    }

    /** Whether each step also needs a batch of unlabeled images. */
    default boolean usesUnlabeled() {
        return !unlabeledViews().isEmpty();
    }

    /**
     * Per-image rows computed before training that ride along with each labeled batch (e.g. cached
     * teacher logits, read in a step through {@link StepContext#labeledAuxiliary()}), or null.
     */
    default TargetSource labeledAuxiliary() {
        return null;
    }

    /** As {@link #labeledAuxiliary()}, for the unlabeled batches. */
    default TargetSource unlabeledAuxiliary() {
        return null;
    }

    /**
     * The method's own state beyond its learners' weights (FreeMatch's adaptive thresholds), by name,
     * saved in every checkpoint so that a resumed run continues bit-identically; empty for most methods.
     */
    default Map<String, float[]> state() {
        return Map.of();
    }

    /** Restores what {@link #state()} returned; a checkpoint written before the method had state gives an empty map. */
    default void loadState(Map<String, float[]> state) {}

    /** One optimisation step on the context's batches. */
    StepResult trainStep(StepContext context);

    /** A phase to train after this method's epochs (MPL fine-tunes its student), or null for none. */
    default FollowUp followUp() {
        return null;
    }

    /**
     * Other learners whose test accuracy the run reports beside the evaluated one's, by role (MPL's
     * teacher), in {@code metrics.json}'s {@code test_accuracy_by_role}; each must be an image classifier.
     */
    default Map<String, Learner> reported() {
        return Map.of();
    }

    /**
     * Learners of the run's own architecture, by role, that the run keeps instead of its final model (after the
     * follow-up, if any) when one is strictly better on the validation split (MPL's teacher, when it is the student's
     * architecture); each must also be in {@link #reported()}, which names the one kept. Empty for most methods.
     */
    default Map<String, Learner> alternatives() {
        return Map.of();
    }
}
