package dev.mentor.method;

import ai.djl.ndarray.NDArray;
import dev.mentor.augment.Augmentation;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.TargetSource;
import java.util.List;
import java.util.Map;

/**
 * The teacher side of {@link MetaPseudoLabels}: a trainable model whose predictions on the unlabeled
 * images become the student's pseudo-labels. {@link UdaTeacher} is a full image model trained with
 * labels and UDA; {@link ReducedTeacher} is a small MLP over a frozen large teacher's outputs.
 */
public interface MplTeacher {
    /** The trained model (checkpointed as the {@code teacher} role). */
    Learner learner();

    /** The unlabeled views a step needs; the student learns on the last one. */
    List<Augmentation> unlabeledViews(int width);

    /** Per-image rows that ride along with the labeled batches (Reduced MPL's frozen logits), or null. */
    default TargetSource labeledAuxiliary() {
        return null;
    }

    /** As {@link #labeledAuxiliary()}, for the unlabeled batches. */
    default TargetSource unlabeledAuxiliary() {
        return null;
    }

    /**
     * The teacher's forward of one step, called inside a gradient collector.
     *
     * @return its own loss, without the MPL term, and its logits for the unlabeled images of the
     *     student's view, both with their graph to the teacher
     */
    Pass forward(StepContext context);

    /**
     * @param loss the teacher's own loss (labels, consistency)
     * @param studentViewLogits {@code (μB, classes)} logits whose arg-max the student learns
     * @param components named values of the loss, for the step's report
     */
    record Pass(NDArray loss, NDArray studentViewLogits, Map<String, Float> components) {}
}
