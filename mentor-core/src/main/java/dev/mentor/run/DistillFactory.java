package dev.mentor.run;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.data.Split;
import dev.mentor.data.Splitter;
import dev.mentor.data.Subset;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.method.Distillation;
import dev.mentor.method.Method;
import dev.mentor.method.Supervised;
import dev.mentor.teacher.CachedLogits;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.teacher.Teacher;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.teacher.Teachers;
import dev.mentor.train.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds knowledge distillation for a prepared run: loads the teacher (a finished Mentor run, a
 * TorchScript or an ONNX file; {@link Teachers}), optionally reads its logits from (or writes them to) the
 * teacher cache, and trains the run's model as the student. What {@code mentor train distill} runs; a
 * Java user builds the same with {@code new Experiment(config, new DistillFactory(...), log)}.
 *
 * @param teacher the teacher's file or run directory
 * @param teacherNormalization what a TorchScript/ONNX teacher expects its inputs normalised with; null for the student's
 * @param options temperature, weights and kinds of distillation
 * @param cacheDirectory where the teacher's logits are cached; null to compute them live every step
 * @param log where the teacher's description and the cache's messages go
 * @param teacherLabels the folder of an artifact of {@code mentor pseudo-label} (with {@code --spark}: stored as fp32) in
 *     which the teacher, a Mentor run, labeled this run's pool (its {@code --unlabeled folder:DIR}, or the training images
 *     left after the split, as {@code mentor pseudo-label --teacher RUN} without {@code --unlabeled} labels them): the
 *     pool's cached logits are then log p ({@link CachedLogits#ofDistributions}) instead of the teacher's outputs computed
 *     here; or null
 */
public record DistillFactory(Path teacher, Normalization teacherNormalization, Distillation.Options options, Path cacheDirectory,
        Consumer<String> log, Path teacherLabels) implements MethodFactory {

    public DistillFactory {
        if (teacherLabels != null && cacheDirectory == null) {
            throw MentorException.of("teacher_labels", OptionText.naming("only with {} (the pool's labels replace its cached logits)", "cache_teacher"));
        }
        if (teacherLabels != null && !(options.unlabeledWeight() > 0)) {
            throw MentorException.of("teacher_labels", OptionText.naming("the pool is not distilled with {} ", "unlabeled_weight")
                    .then(String.valueOf(options.unlabeledWeight())));
        }
        if (teacherLabels != null) {
            PseudoLabelRun.checkExact(teacherLabels, "teacher_labels");
        }
    }

    /** The pool's logits computed by the teacher (or read from the cache), never from an artifact. */
    public DistillFactory(Path teacher, Normalization teacherNormalization, Distillation.Options options, Path cacheDirectory,
            Consumer<String> log) {
        this(teacher, teacherNormalization, options, cacheDirectory, log, null);
    }

    @Override
    public Method create(RunContext context) {
        Teacher t = Teachers.load(teacher, context.models(), context.spec(), context.normalization(), teacherNormalization,
                context.manager());
        log.accept("teacher: " + t.describe());
        if (ownSplitAndArchitecture(teacher, context.config())) {
            log.accept("note: the teacher is a " + context.config().model() + " trained on this run's own labeled split: "
                    + "a student of its size ends near such a teacher (issue 17's matrix: -0.1 to +0.6 points over it on seven "
                    + "data sets), so it gains little over training the teacher longer. A larger teacher, or one trained on more "
                    + "labels, teaches more; fixmatch or flexmatch learn more from the same pool");
        }
        CachedOutputs cached = null;
        if (cacheDirectory != null) {
            TeacherCache cache = new TeacherCache(cacheDirectory, log);
            if (teacherLabels != null) {
                CachedLogits pool = poolFromArtifact(context);
                cached = new CachedOutputs(cache.logits(t, context.labeled(), context.normalization(), context.manager()), pool);
            } else {
                cached = cache.outputs(t, context.labeled(), options.unlabeledWeight() > 0 ? context.unlabeled() : null,
                        context.normalization(), context.manager());
            }
        }
        return new Distillation(context.newLearner(0), t, options, Experiment.augmentation(context.config().augment(),
                context.spec().width()), cached);
    }

    /**
     * Whether {@code teacher} is a plain supervised Mentor run (no {@code --init}) of the student's architecture on the
     * student's own data and split (labeled, validation and test sets): a teacher that knows only what the student's labels
     * can teach it. A semi-supervised or self-training run, or one started from another's weights, learned more than that.
     */
    static boolean ownSplitAndArchitecture(Path teacher, ExperimentConfig student) {
        Path run = runFolder(teacher);
        if (run == null || !Files.isRegularFile(run.resolve(RunDirectory.CONFIG)) || !Files.isRegularFile(run.resolve(RunDirectory.FINAL))) {
            return false;
        }
        ExperimentConfig t;
        String method;
        try {
            t = RunDirectory.readConfig(run, "teacher");
            method = FinalMetrics.read(run.resolve(RunDirectory.FINAL)).method();
        } catch (MentorException e) {
            return false; // not a Mentor run's records: a file teacher, or an older layout; no note
        }
        return Supervised.DESCRIPTOR.name().equals(method) && t.init() == null && Objects.equals(t.model(), student.model())
                && t.splitComponents(student).values().stream().allMatch(v -> Objects.equals(v[0], v[1]));
    }

    /** The run folder {@code teacher} names: the folder itself, or the one holding it when it is a run's model file; else null. */
    private static Path runFolder(Path teacher) {
        Path given = teacher.toAbsolutePath();
        if (Files.isDirectory(given)) {
            return given;
        }
        return given.getFileName().toString().equals(RunDirectory.MODEL) ? given.getParent() : null;
    }

    /** The pool's logits as log p of the teacher's fp32 distributions in {@link #teacherLabels}. */
    private CachedLogits poolFromArtifact(RunContext context) {
        Path run = runFolder(teacher);
        if (run == null || !Files.isRegularFile(run.resolve(RunDirectory.MODEL))) {
            throw MentorException.of("teacher_labels", OptionText.naming("needs a {} that is a Mentor run (an artifact names its teacher by "
                    + "the run's fingerprint), got ", "teacher").then(teacher.toString()));
        }
        PseudoLabels labels = PseudoLabelRun.readGiven(context.models(), teacherLabels, "teacher_labels", run, pool(context), true);
        log.accept(String.format("teacher labels: the pool's %,d distributions read from %s, as logits log p", labels.size(),
                teacherLabels));
        return CachedLogits.ofDistributions(labels);
    }

    /**
     * The run's pool as {@code mentor pseudo-label} names it: an {@code --unlabeled folder:DIR} pool by the paths under the
     * folder; the default pool (the training images left after the split) by their training-set indices, the split drawn
     * again from the labeled set's training set and the run's seed.
     */
    private static UnlabeledPool pool(RunContext context) {
        ExperimentConfig config = context.config();
        if (context.unlabeled() instanceof UnlabeledFolder folder) {
            return UnlabeledPool.of(folder, config.unlabeled(), config.classes());
        }
        if (config.unlabeled() != null || !(context.labeled() instanceof Subset labeled)) {
            throw MentorException.of("teacher_labels", OptionText.naming("needs the run's own pool, an {} folder:DIR or the training images "
                    + "left after the split", "unlabeled"));
        }
        Split split = Splitter.split(labeled.base(), Experiment.splitConfig(config));
        if (split.unlabeled().length != context.unlabeled().size()) {
            throw new IllegalStateException("the split drawn again has " + split.unlabeled().length + " unlabeled images, the run "
                    + context.unlabeled().size());
        }
        return UnlabeledPool.ofSplit(config, labeled.base(), split, context.unlabeled(), null);
    }
}
