package dev.mentor.run;

import dev.mentor.MentorException;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.method.Distillation;
import dev.mentor.method.Method;
import dev.mentor.teacher.CachedLogits;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.teacher.Teacher;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.teacher.Teachers;
import dev.mentor.train.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *     which the teacher, a Mentor run, labeled this run's {@code --unlabeled folder:DIR} pool: the pool's cached logits
 *     are then log p ({@link CachedLogits#ofDistributions}) instead of the teacher's outputs computed here; or null
 */
public record DistillFactory(Path teacher, Normalization teacherNormalization, Distillation.Options options, Path cacheDirectory,
        Consumer<String> log, Path teacherLabels) implements MethodFactory {

    public DistillFactory {
        if (teacherLabels != null && cacheDirectory == null) {
            throw MentorException.of("teacher_labels", "only with --cache-teacher (the pool's labels replace its cached logits)");
        }
        if (teacherLabels != null && !(options.unlabeledWeight() > 0)) {
            throw MentorException.of("teacher_labels", "the pool is not distilled with --unlabeled-weight " + options.unlabeledWeight());
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

    /** The pool's logits as log p of the teacher's fp32 distributions in {@link #teacherLabels}. */
    private CachedLogits poolFromArtifact(RunContext context) {
        if (!(context.unlabeled() instanceof UnlabeledFolder folder)) {
            throw MentorException.of("teacher_labels", "needs an --unlabeled folder:DIR pool, the one the artifact labeled; this run's "
                    + "pool is the unlabeled part of " + context.config().data());
        }
        Path run = Files.isDirectory(teacher) ? teacher : teacher.getParent();
        if (run == null || !Files.isRegularFile(run.resolve(RunDirectory.MODEL))) {
            throw MentorException.of("teacher_labels", "needs a --teacher that is a Mentor run (an artifact names its teacher by "
                    + "the run's fingerprint), got " + teacher);
        }
        PseudoLabels labels = PseudoLabelRun.readGiven(context.models(), teacherLabels, "teacher_labels", run,
                UnlabeledPool.of(folder, context.config().unlabeled(), context.config().classes()), true);
        log.accept(String.format("teacher labels: the pool's %,d distributions read from %s, as logits log p", labels.size(),
                teacherLabels));
        return CachedLogits.ofDistributions(labels);
    }
}
