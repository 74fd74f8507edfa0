package dev.mentor.method;

import dev.mentor.MentorException;
import java.util.Objects;

/**
 * The options of Meta Pseudo Labels. The teacher's own learning rate and warm-up are the run's
 * ({@code --lr}, {@code --warmup-epochs}); the student warms up as long after its wait.
 *
 * @param teacher the teacher's UDA consistency (μ, λ_u and its ramp, τ, T, views)
 * @param labelSmoothing ε of the teacher's labels and of the student's pseudo-labels
 * @param sign which difference of the student's labeled loss is the MPL factor
 * @param mplWeight weight of the MPL term: 1 is MPL; 0 keeps everything else (teacher, student,
 *     schedules, fine-tuning) and removes the feedback, so the teacher is plain UDA: the ablation
 *     that isolates what the MPL term adds
 * @param studentLearningRate the student's peak learning rate
 * @param studentWaitSteps steps before the student learns (its learning rate is 0 and its step is skipped)
 * @param finetuneEpochs epochs of fine-tuning the student on the labeled images at the end (a convenience:
 *     passes over the labeled set), or 0 to count the fine-tuning in {@code finetuneSteps}
 * @param finetuneSteps optimizer steps of the fine-tuning when {@code finetuneEpochs} is 0: 0 for none,
 *     null for {@link #FINETUNE_SHARE} of the run's steps
 * @param finetuneLearningRate the fine-tuning's constant learning rate
 * @param reducedTeacher Reduced MPL's settings, or null for a full teacher of the run's architecture
 */
public record MplConfig(ConsistencyConfig teacher, double labelSmoothing, MplSign sign, double mplWeight,
        double studentLearningRate, long studentWaitSteps, int finetuneEpochs, Long finetuneSteps, double finetuneLearningRate,
        ReducedTeacherConfig reducedTeacher) {

    public MplConfig {
        Objects.requireNonNull(teacher, "teacher");
        Objects.requireNonNull(sign, "sign");
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw MentorException.of("label_smoothing", "must be in [0, 1), got " + labelSmoothing);
        }
        if (!(mplWeight >= 0) || Double.isInfinite(mplWeight)) {
            throw MentorException.of("mpl_weight", "must be >= 0, got " + mplWeight);
        }
        if (!(studentLearningRate > 0) || Double.isInfinite(studentLearningRate)) {
            throw MentorException.of("student_learning_rate", "must be > 0, got " + studentLearningRate);
        }
        if (studentWaitSteps < 0) {
            throw MentorException.of("student_wait_steps", "must be >= 0, got " + studentWaitSteps);
        }
        if (finetuneEpochs < 0) {
            throw MentorException.of("finetune_epochs", "must be >= 0, got " + finetuneEpochs);
        }
        if (finetuneSteps != null && finetuneSteps < 0) {
            throw MentorException.of("finetune_steps", "must be >= 0, got " + finetuneSteps);
        }
        if (!(finetuneLearningRate > 0) || Double.isInfinite(finetuneLearningRate)) {
            throw MentorException.of("finetune_learning_rate", "must be > 0, got " + finetuneLearningRate);
        }
    }

    /**
     * The default fine-tuning: this share of the run's steps. It is what 20 epochs were at 1,000 labels,
     * batch 64 and 1,600 steps, where MPL was tuned, but it means the same at any label count: 20 epochs
     * of 40 labels were 20 steps.
     */
    public static final double FINETUNE_SHARE = 0.2;

    /**
     * The fine-tuning's optimizer steps (0 for none).
     *
     * @param runSteps the run's (MPL phase's) steps
     * @param passSteps steps of one pass over the labeled images
     */
    public long finetuneSteps(long runSteps, long passSteps) {
        if (finetuneEpochs > 0) {
            return finetuneEpochs * passSteps;
        }
        if (finetuneSteps != null) {
            return finetuneSteps;
        }
        return defaultFinetuneSteps(runSteps);
    }

    /** The default fine-tuning of a run of {@code runSteps}: {@link #FINETUNE_SHARE} of them, at least 1. */
    public static long defaultFinetuneSteps(long runSteps) {
        return Math.max(1, Math.round(FINETUNE_SHARE * runSteps));
    }
}
