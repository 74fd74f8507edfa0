package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.mentor.augment.Augmentation;
import dev.mentor.loss.Consistency;
import dev.mentor.loss.Losses;
import dev.mentor.model.ModelSpec;
import dev.mentor.ndarray.Scalars;
import dev.mentor.train.Learner;
import dev.mentor.train.PhaseTimer;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Meta Pseudo Labels (Pham et al., CVPR 2021): a teacher and a student learn together; the student
 * learns from the teacher's pseudo-labels, and the teacher learns from how much that helped the
 * student on labeled data. Each step:
 * <ol>
 *   <li>teacher forward: its own loss ({@link UdaTeacher}: CE on smoothed labels + λ_u(t)·UDA) and
 *       its logits z_T on the strong view; the pseudo-labels ŷ = argmax z_T (detached);</li>
 *   <li>student step on (strong view, smooth(ŷ)); its labeled CE is measured just before and just
 *       after the update, in inference mode, so the difference is the update's effect alone (not
 *       dropout noise or a BatchNorm statistics change);</li>
 *   <li>MPL term: f · CE(ŷ, z_T) with f = {@link MplSign#factor}(old, new), a Java float, so no graph
 *       links the teacher's loss to the student;</li>
 *   <li>teacher backward of its loss + {@code mplWeight}·f·CE(ŷ, z_T), and its update.</li>
 * </ol>
 * Only one gradient collector is open at a time: the teacher's graph is built in the first, kept,
 * and back-propagated in the last. During the student's wait ({@code --student-wait-steps}) phase
 * 2 is skipped, f = 0 and the student's components are absent (an epoch's mean of them is still
 * divided by all its steps). Components: the teacher's, {@code student} (CE on pseudo-labels),
 * {@code student_labeled} (labeled CE after the step), {@code mpl_factor} (f, every step),
 * {@code mpl} (f·CE), {@code student_lr} and {@code ms_PHASE} for each phase. After its steps,
 * {@link #followUp} fine-tunes the student (its weight average when there is one) on the labels.
 */
public final class MetaPseudoLabels implements Method {
    /** Built by {@code dev.mentor.run.MplFactory}, which may read a large teacher's outputs (Reduced MPL). */
    public static final MethodDescriptor<MplConfig> DESCRIPTOR = new MethodDescriptor<>("mpl",
            "Meta Pseudo Labels: a teacher learns from its student's progress", FixMatch.TRAITS, MplConfig.class, null,
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, true, "Meta Pseudo Labels (UDA teacher, mu = 7) then the student fine-tuned on labels"));

    private final MplTeacher teacher;
    private final Learner student;
    private final MplConfig config;
    private final Schedule studentSchedule;
    private final Supplier<Learner> finetuneLearner;
    private final long finetuneSteps;
    private final List<Augmentation> views;

    /**
     * @param studentSchedule the student's learning rate per step (0 while it waits)
     * @param finetuneLearner builds the model the student's weights are copied into for fine-tuning
     * @param finetuneSteps the fine-tuning's steps ({@link MplConfig#finetuneSteps(long, long)}), 0 for none
     */
    public MetaPseudoLabels(MplTeacher teacher, Learner student, MplConfig config, Schedule studentSchedule,
            Supplier<Learner> finetuneLearner, long finetuneSteps) {
        this.teacher = teacher;
        this.student = student;
        this.config = config;
        this.studentSchedule = studentSchedule;
        this.finetuneLearner = finetuneLearner;
        this.finetuneSteps = finetuneSteps;
        this.views = teacher.unlabeledViews(student.spec().width());
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public Map<String, Learner> learners() {
        return Map.of("teacher", teacher.learner(), "student", student);
    }

    @Override
    public Learner evaluated() {
        return student;
    }

    @Override
    public Map<String, Learner> reported() {
        return teacher.learner().spec() == null ? Map.of() : Map.of("teacher", teacher.learner());
    }

    /**
     * The teacher, when it has the student's architecture: at small budgets or with many labels the student, which learns
     * only the teacher's pseudo-labels before its fine-tuning, can end below its own teacher (issue 7: 82.6% against
     * 84.9%; issue 17's matrix, 100 labels per class: 79.3% against 82.5%), and the run keeps whichever is better on
     * validation.
     */
    @Override
    public Map<String, Learner> alternatives() {
        ModelSpec spec = teacher.learner().spec();
        return spec != null && spec.architecture().equals(student.spec().architecture()) && spec.classes() == student.spec().classes()
                ? Map.of("teacher", teacher.learner()) : Map.of();
    }

    @Override
    public List<Augmentation> unlabeledViews() {
        return views;
    }

    @Override
    public TargetSource labeledAuxiliary() {
        return teacher.labeledAuxiliary();
    }

    @Override
    public TargetSource unlabeledAuxiliary() {
        return teacher.unlabeledAuxiliary();
    }

    @Override
    public int unlabeledBatchSize(int labeledBatchSize) {
        return config.teacher().unlabeledBatchSize(labeledBatchSize);
    }

    @Override
    public StepResult trainStep(StepContext context) {
        PhaseTimer timer = new PhaseTimer();
        TeacherForward teacherForward = teacherForward(context);
        Map<String, Float> components = new LinkedHashMap<>(teacherForward.pass().components());
        timer.lap("teacher_forward");
        float factor = 0;
        float studentRate = studentSchedule.at(context.step());
        if (context.step() >= config.studentWaitSteps()) {
            NDArray targets = Losses.smoothed(teacherForward.pseudoLabels(), (float) config.labelSmoothing());
            components.put("student", studentBackward(context, targets));
            timer.lap("student_forward_backward");
            NDArray labeled = context.labeledImages(0);
            NDArray labels = context.labeledTargets();
            float before = labeledLoss(labeled, labels);
            timer.lap("student_measure");
            student.step(studentRate);
            timer.lap("student_update");
            float after = labeledLoss(labeled, labels);
            timer.lap("student_measure");
            components.put("student_labeled", after);
            factor = config.sign().factor(before, after);
        }
        float weightedFactor = (float) (config.mplWeight() * factor);
        float teacherLoss = teacherBackward(teacherForward, weightedFactor);
        timer.lap("teacher_backward");
        teacher.learner().step(context.learningRate());
        timer.lap("teacher_update");
        components.put("mpl_factor", factor);
        components.put("mpl", weightedFactor * teacherForward.mplCrossEntropy().getFloat());
        components.put("student_lr", studentRate);
        components.putAll(timer.components());
        return new StepResult(teacherLoss, components);
    }

    /**
     * The teacher's pass, its pseudo-labels ŷ (one-hot, detached) and CE(ŷ, z_T) with its graph to the teacher.
     */
    record TeacherForward(MplTeacher.Pass pass, NDArray pseudoLabels, NDArray mplCrossEntropy) {}

    /** Phase 1, in its own collector: the teacher's graph is kept for {@link #teacherBackward}. */
    TeacherForward teacherForward(StepContext context) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            MplTeacher.Pass pass = teacher.forward(context);
            NDArray pseudoLabels = Consistency.hardTargets(pass.studentViewLogits());
            return new TeacherForward(pass, pseudoLabels, Losses.softCrossEntropy(pass.studentViewLogits(), pseudoLabels));
        }
    }

    /** Phase 2a: the student's gradient from the pseudo-labels of its view; returns its loss. */
    float studentBackward(StepContext context, NDArray targets) {
        NDArray images = context.unlabeledImages(views.size() - 1);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Losses.softCrossEntropy(student.forward(images, true).get(0), targets.stopGradient());
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Phase 3: the teacher's gradient from its own loss plus {@code weightedFactor}·CE(ŷ, z_T); returns the loss. */
    float teacherBackward(TeacherForward forward, float weightedFactor) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = forward.pass().loss().add(Scalars.mul(forward.mplCrossEntropy(), weightedFactor));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** The student's labeled CE in inference mode; outside a collector, so no graph is built. */
    private float labeledLoss(NDArray images, NDArray labels) {
        return Losses.softCrossEntropy(student.forward(images, false).get(0), labels).getFloat();
    }

    /** Fine-tuning the student on the labeled images: its deployable weights copied into a fresh learner. */
    @Override
    public FollowUp followUp() {
        if (finetuneSteps == 0) {
            return null;
        }
        return new FollowUp("finetune", finetuneSteps, config.finetuneLearningRate(), () -> {
            Learner tuned = finetuneLearner.get();
            tuned.copyWeightsOf(student);
            return new Supervised(tuned);
        });
    }
}
