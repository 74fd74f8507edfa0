package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.loss.Losses;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A student trained on labeled and pseudo-labeled images (self-training: Lee 2013's pseudo-label
 * recipe, and each round of Noisy Student, Xie et al. 2020):
 * <pre>
 *   L = (1/n) Σ_labeled CE(y, f(A(x))) + (1/m) Σ_pseudo CE(ŷ, f(A(x̃)))
 * </pre>
 * where ŷ is the teacher's distribution (soft) or its one-hot argmax (hard), A the input noise
 * (the run's augmentation policy, e.g. RandAugment) and f the student with its model noise (dropout,
 * stochastic depth). Each step takes two batches, so the ratio of pseudo-labeled to labeled images
 * is fixed per batch: m = round(ratio · n) ({@code --pseudo-ratio}). Both go through one forward, so
 * BatchNorm normalises them together, as in the paper's implementation.
 */
public final class StudentTraining implements Method {
    /** What the self-training methods learn from: a teacher's labels of the pool, in rounds. */
    private static final Set<MethodDescriptor.Trait> TRAITS = Set.of(MethodDescriptor.Trait.UNLABELED, MethodDescriptor.Trait.TEACHER,
            MethodDescriptor.Trait.SELF_TRAINING);

    /** Lee (2013)'s pseudo-labeling: one round of {@code dev.mentor.run.SelfTraining}, whose config holds its options. */
    public static final MethodDescriptor<Void> PSEUDO_LABEL = new MethodDescriptor<>("pseudo-label",
            "a teacher labels the pool once; a student learns labels and pseudo-labels", TRAITS, Void.class, null,
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, Supervised.DESCRIPTOR, false, "the supervised run's hard labels of the pool, retrained"));

    /** Noisy Student (Xie et al., 2020): rounds of {@code dev.mentor.run.SelfTraining}, whose config holds its options. */
    public static final MethodDescriptor<Void> NOISY_STUDENT = new MethodDescriptor<>("noisy-student",
            "rounds of an un-noised teacher labeling the pool for a noised student", TRAITS, Void.class, null,
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, Supervised.DESCRIPTOR, false,
                    "the supervised run labels the pool; a noised student (RandAugment, dropout 0.4) learns labeled + pseudo-labeled"));

    private final String name;
    private final Learner student;
    private final Augmentation inputNoise;
    private final TargetSource pseudoLabels;
    private final double pseudoRatio;

    /**
     * @param name the method's name in checkpoints ({@code pseudo-label}, {@code noisy-student})
     * @param inputNoise the augmentation of the pseudo-labeled images (that of the labeled ones is the run's policy)
     * @param pseudoLabels targets of the pseudo-labeled stream, image by image
     * @param pseudoRatio pseudo-labeled images per labeled image in each step
     */
    public StudentTraining(String name, Learner student, Augmentation inputNoise, TargetSource pseudoLabels, double pseudoRatio) {
        if (!(pseudoRatio > 0) || Double.isInfinite(pseudoRatio)) {
            throw MentorException.of("pseudo_ratio", "must be > 0, got " + pseudoRatio);
        }
        this.name = name;
        this.student = student;
        this.inputNoise = inputNoise;
        this.pseudoLabels = pseudoLabels;
        this.pseudoRatio = pseudoRatio;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Learner> learners() {
        return Map.of("model", student);
    }

    @Override
    public Learner evaluated() {
        return student;
    }

    @Override
    public List<Augmentation> unlabeledViews() {
        return List.of(inputNoise);
    }

    /** The teacher's targets ride along with the pseudo-labeled batches as their auxiliary rows. */
    @Override
    public TargetSource unlabeledAuxiliary() {
        return pseudoLabels;
    }

    @Override
    public int unlabeledBatchSize(int labeledBatchSize) {
        return (int) Math.max(1, Math.round(pseudoRatio * labeledBatchSize));
    }

    @Override
    public StepResult trainStep(StepContext context) {
        float labeledLoss;
        float pseudoLoss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray labeled = context.labeledImages(0);
            long n = labeled.getShape().get(0);
            NDList out = student.forward(labeled.concat(context.unlabeledImages(0), 0), true);
            NDArray labeledValue = Losses.softCrossEntropy(out.get(0).get("0:" + n), context.labeledTargets());
            NDArray pseudoValue = Losses.softCrossEntropy(out.get(0).get(n + ":"), context.unlabeledAuxiliary());
            collector.backward(labeledValue.add(pseudoValue));
            labeledLoss = labeledValue.getFloat();
            pseudoLoss = pseudoValue.getFloat();
        }
        student.step(context.learningRate());
        return new StepResult(labeledLoss + pseudoLoss, Map.of("labeled", labeledLoss, "pseudo", pseudoLoss));
    }
}
