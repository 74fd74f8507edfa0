package dev.mentor.run;

import dev.mentor.Choices;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.Switch;
import dev.mentor.augment.AugmentPolicy;
import dev.mentor.method.StudentTraining;
import dev.mentor.model.ArchitectureSpec;
import dev.mentor.model.Models;
import dev.mentor.teacher.PseudoLabelTargets;
import dev.mentor.teacher.Selection;
import java.util.List;

/**
 * How a self-training run goes round after round (Noisy Student, Xie et al. 2020; with one round and
 * no extra noise, the classic pseudo-label recipe). Round 0 is the teacher, trained on the labeled
 * images (or an existing run, {@code teacher}); round r ≥ 1 pseudo-labels the pool with the model of
 * round r−1 and trains a student on labeled ∪ pseudo-labeled images.
 *
 * @param method {@code noisy-student} or {@code pseudo-label}, the name its checkpoints carry
 * @param rounds student rounds R (R + 1 training stages with the teacher)
 * @param models the teacher's model, then each round's student; the last repeats for later rounds
 * @param studentEpochs epochs of each student (the teacher's are the run's {@code --epochs}); a student
 *     warms up for the same share of its epochs as the teacher of its own
 * @param pseudoLabels soft distributions or hard labels as the student's targets
 * @param minConfidence pseudo-labels less confident are dropped
 * @param balance whether classes are brought to one count
 * @param balancePerClass the per-class count; 0 for the mean per class after filtering
 * @param pseudoRatio pseudo-labeled images per labeled image in each batch
 * @param inputNoise whether students see the run's augmentation (off: none, no CutMix/MixUp)
 * @param modelNoise whether students keep dropout and stochastic depth (off: both 0)
 * @param teacher an existing finished run to use as round 0, or null to train one
 * @param studentSteps optimizer steps of each student instead of {@code studentEpochs}, or null
 * @param minConfidenceOnValidation whether each round chooses its threshold on the validation split
 *     ({@link dev.mentor.teacher.ThresholdChoice}, {@code --min-confidence auto}) instead of {@code minConfidence}
 * @param pseudoLabelsFrom the folder of an artifact of {@code mentor pseudo-label} (single-process or distributed) made by
 *     {@code teacher} for this run's pool, which round 1 trains on instead of labeling the pool itself; or null. Runs
 *     saved before it existed read it as null.
 * @param finalModel which round's model is the run's: {@link FinalModel#BEST} on validation or the {@link FinalModel#LAST};
 *     runs saved before it existed (and the constructors without it) keep the last, as they did
 * @param ensemble finished runs of this run's data and split whose mean prediction with each round's teacher labels that
 *     round's pool when it is more accurate on the validation split than the teacher alone ({@link Labelers}); empty for
 *     none (runs saved before it existed read none)
 */
public record SelfTrainingConfig(String method, int rounds, List<String> models, int studentEpochs,
        PseudoLabelTargets.Kind pseudoLabels, double minConfidence, Switch balance, int balancePerClass,
        double pseudoRatio, Switch inputNoise, Switch modelNoise, String teacher, Long studentSteps,
        boolean minConfidenceOnValidation, String pseudoLabelsFrom, FinalModel finalModel, List<String> ensemble) {

    /**
     * Which model a self-training run returns. {@code BEST}: of the teacher (round 0) and every round's student, the
     * one with the highest validation accuracy, ties going to the later round (the paper iterates while the student
     * is better, and keeps the last); {@code LAST}: the last round's student whatever validation says.
     */
    public enum FinalModel {
        BEST, LAST;

        /** {@code best} or {@code last}; anything else is an error naming {@code final_model}. */
        public static FinalModel parse(String text) {
            return Choices.parse("final_model", text, values());
        }
    }

    /** No ensemble (the components before one could be given). */
    public SelfTrainingConfig(String method, int rounds, List<String> models, int studentEpochs,
            PseudoLabelTargets.Kind pseudoLabels, double minConfidence, Switch balance, int balancePerClass,
            double pseudoRatio, Switch inputNoise, Switch modelNoise, String teacher, Long studentSteps,
            boolean minConfidenceOnValidation, String pseudoLabelsFrom, FinalModel finalModel) {
        this(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass, pseudoRatio, inputNoise,
                modelNoise, teacher, studentSteps, minConfidenceOnValidation, pseudoLabelsFrom, finalModel, List.of());
    }

    /** The last round's model is the run's (the components before the final model could be chosen on validation). */
    public SelfTrainingConfig(String method, int rounds, List<String> models, int studentEpochs,
            PseudoLabelTargets.Kind pseudoLabels, double minConfidence, Switch balance, int balancePerClass,
            double pseudoRatio, Switch inputNoise, Switch modelNoise, String teacher, Long studentSteps,
            boolean minConfidenceOnValidation, String pseudoLabelsFrom) {
        this(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass, pseudoRatio, inputNoise,
                modelNoise, teacher, studentSteps, minConfidenceOnValidation, pseudoLabelsFrom, FinalModel.LAST);
    }

    /** Round 1 labels the pool itself (the components before an artifact could be given). */
    public SelfTrainingConfig(String method, int rounds, List<String> models, int studentEpochs,
            PseudoLabelTargets.Kind pseudoLabels, double minConfidence, Switch balance, int balancePerClass,
            double pseudoRatio, Switch inputNoise, Switch modelNoise, String teacher, Long studentSteps,
            boolean minConfidenceOnValidation) {
        this(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass, pseudoRatio, inputNoise,
                modelNoise, teacher, studentSteps, minConfidenceOnValidation, null);
    }

    /** A fixed threshold (the components before it could be chosen on validation). */
    public SelfTrainingConfig(String method, int rounds, List<String> models, int studentEpochs,
            PseudoLabelTargets.Kind pseudoLabels, double minConfidence, Switch balance, int balancePerClass,
            double pseudoRatio, Switch inputNoise, Switch modelNoise, String teacher, Long studentSteps) {
        this(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass, pseudoRatio, inputNoise,
                modelNoise, teacher, studentSteps, false);
    }

    /** Students counted in epochs (the components before budgets in steps existed). */
    public SelfTrainingConfig(String method, int rounds, List<String> models, int studentEpochs,
            PseudoLabelTargets.Kind pseudoLabels, double minConfidence, Switch balance, int balancePerClass,
            double pseudoRatio, Switch inputNoise, Switch modelNoise, String teacher) {
        this(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass, pseudoRatio, inputNoise,
                modelNoise, teacher, null);
    }

    /** The self-training methods' names, from their descriptors. */
    public static final String NOISY_STUDENT = StudentTraining.NOISY_STUDENT.name();
    public static final String PSEUDO_LABEL = StudentTraining.PSEUDO_LABEL.name();
    public static final int MAX_ROUNDS = 100;

    public SelfTrainingConfig {
        finalModel = finalModel == null ? FinalModel.LAST : finalModel;
        ensemble = ensemble == null ? List.of() : List.copyOf(ensemble);
        if (!NOISY_STUDENT.equals(method) && !PSEUDO_LABEL.equals(method)) {
            throw new MentorException("self-training: unknown method '" + method + "'");
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw MentorException.of("rounds", "must be in [1, " + MAX_ROUNDS + "], got " + rounds);
        }
        if (models == null || models.isEmpty() || models.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw MentorException.of("models", "give a comma-separated list of models, got " + models);
        }
        models = List.copyOf(models);
        if (models.size() > rounds + 1) {
            throw MentorException.of("models", models.size() + " models for " + rounds + " rounds: give at most "
                    + (rounds + 1) + ", the teacher's and one per round");
        }
        for (String model : models) {
            try {
                Models.check(model);
            } catch (MentorException e) {
                throw "model".equals(e.component()) ? e.about("models") : e.within("models");
            }
        }
        if (studentSteps != null && studentSteps <= 0) {
            throw MentorException.of("student_steps", "must be > 0, got " + studentSteps);
        }
        if (studentEpochs <= 0) {
            throw MentorException.of("student_epochs", "must be > 0, got " + studentEpochs);
        }
        if (!(pseudoRatio > 0) || Double.isInfinite(pseudoRatio)) {
            throw MentorException.of("pseudo_ratio", "must be > 0, got " + pseudoRatio);
        }
        if (pseudoLabels == null || inputNoise == null || modelNoise == null) {
            throw MentorException.naming("{}, {} and {} need values", "pseudo_labels", "input_noise", "model_noise");
        }
        new Selection.Options(minConfidence, balance, balancePerClass);
        if (pseudoLabelsFrom != null && teacher == null) {
            throw MentorException.of("pseudo_labels_from", OptionText.text(pseudoLabelsFrom + " needs ").thenOption("teacher")
                    .then(", the finished run whose labels they are (round 1's teacher)"));
        }
        if (!ensemble.isEmpty() && pseudoLabelsFrom != null) {
            throw MentorException.of("ensemble", OptionText.text("not with ").thenOption("pseudo_labels_from")
                    .then(", whose labels are its teacher's alone"));
        }
        List<java.nio.file.Path> runs = ensemble.stream().map(r -> java.nio.file.Path.of(r).toAbsolutePath().normalize()).toList();
        if (teacher != null && runs.contains(java.nio.file.Path.of(teacher).toAbsolutePath().normalize())) {
            throw MentorException.of("ensemble", teacher + " is the teacher; give the other runs");
        }
        if (new java.util.HashSet<>(runs).size() != runs.size()) {
            throw MentorException.of("ensemble", "names a run twice: " + String.join(", ", ensemble));
        }
    }

    /** The same config with each student trained {@code steps} optimizer steps. */
    public SelfTrainingConfig withStudentSteps(Long steps) {
        return new SelfTrainingConfig(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass,
                pseudoRatio, inputNoise, modelNoise, teacher, steps, minConfidenceOnValidation, pseudoLabelsFrom, finalModel, ensemble);
    }

    /** The same config with {@code runs} as its ensemble ({@link #ensemble}). */
    public SelfTrainingConfig withEnsemble(List<String> runs) {
        return new SelfTrainingConfig(method, rounds, models, studentEpochs, pseudoLabels, minConfidence, balance, balancePerClass,
                pseudoRatio, inputNoise, modelNoise, teacher, studentSteps, minConfidenceOnValidation, pseudoLabelsFrom, finalModel, runs);
    }

    /** The filtering and balancing of every round (with {@code minConfidence}; see {@link #selection(double)}). */
    public Selection.Options selection() {
        return new Selection.Options(minConfidence, balance, balancePerClass);
    }

    /** The filtering and balancing of a round whose threshold was chosen on validation. */
    public Selection.Options selection(double threshold) {
        return new Selection.Options(threshold, balance, balancePerClass);
    }

    /** The model of round {@code round} (0: the teacher). */
    public String modelOf(int round) {
        return models.get(Math.min(round, models.size() - 1));
    }

    /**
     * The config of one round's training run: the run's own for the teacher (its noise included, as in
     * the paper); for a student, its model and epochs, without input or model noise when switched off,
     * and the teacher's warm-up scaled to the student's epochs (5 warm-up epochs of 100 become 1 of 20),
     * so a student shorter than the teacher's warm-up still trains; a student counted in steps
     * ({@code --student-steps}) warms up as {@link #studentWarmup}. Every round starts from the run's
     * {@code --init} when it has one (where the architecture matches: see {@link RunContext}).
     */
    public ExperimentConfig roundConfig(ExperimentConfig c, int round) {
        // a run counted in steps has the same total and warm-up whatever its labeled set (only its validation chunk, unused
        // here, depends on it); one counted in epochs has no budget without it: its students warm up by default here
        return roundConfig(c, round, c.steps() == null ? null : Budget.of(c, 1));
    }

    /**
     * As {@link #roundConfig(ExperimentConfig, int)}, with the teacher's resolved budget ({@link Budget#of} over the
     * labeled set), so that a student counted in steps keeps a warm-up the user set in epochs.
     */
    public ExperimentConfig roundConfig(ExperimentConfig c, int round, Budget teacher) {
        boolean student = round > 0;
        boolean input = !student || inputNoise.on();
        boolean model = !student || modelNoise.on();
        double warmup = student ? c.warmupEpochs() * studentEpochs / c.epochs() : c.warmupEpochs();
        Long steps = student ? studentSteps : c.steps();
        Long warmupSteps = !student ? c.warmupSteps() : studentSteps != null ? Long.valueOf(studentWarmup(studentSteps, teacher)) : null;
        return new ExperimentConfig(c.data(), c.unlabeled(), c.classes(), c.imageSize(), c.testSplit(), c.labels(), c.labelsPerClass(),
                c.validationPerClass(), ArchitectureSpec.parse(modelOf(round)), model ? c.dropout() : 0, model ? c.stochasticDepth() : 0,
                student ? studentEpochs : c.epochs(), c.batchSize(), c.learningRate(), warmup, c.optimizer(),
                c.ema(), input ? c.augment() : AugmentPolicy.NONE, input ? c.cutmix() : 0, input ? c.mixup() : 0, c.mixSwitch(),
                c.seed(), c.loaderThreads(), steps, warmupSteps, c.init(), c.precision(), c.lrSchedule());
    }

    /**
     * The warm-up of a student of {@code studentSteps} steps: the default ({@link Budget#defaultWarmup}) when the run's own
     * warm-up is its default or its budget is unknown, else the same share of the student's steps as the run's warm-up is
     * of the run's steps, at least one step when that is not 0 (so {@code --warmup-steps 0}, as the papers' rate schedule
     * is used, stays 0 for every student; a student used to warm up by default whatever the user set). The run's budget
     * is this command's ({@code --steps} or {@code --epochs}), also when {@code --teacher} names a run trained elsewhere. A
     * warm-up set to exactly the default's value reads as the default: the resolved config no longer says which it was.
     */
    static long studentWarmup(long studentSteps, Budget teacher) {
        if (teacher == null || teacher.warmup() == Budget.defaultWarmup(teacher.total())) {
            return Budget.defaultWarmup(studentSteps);
        }
        long share = Math.round((double) teacher.warmup() * studentSteps / teacher.total());
        return Math.min(studentSteps, teacher.warmup() > 0 ? Math.max(1, share) : 0);
    }
}
