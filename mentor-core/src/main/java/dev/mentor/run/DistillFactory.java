package dev.mentor.run;

import dev.mentor.method.Distillation;
import dev.mentor.method.Method;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.teacher.Teacher;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.teacher.Teachers;
import dev.mentor.train.Normalization;
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
 */
public record DistillFactory(Path teacher, Normalization teacherNormalization, Distillation.Options options, Path cacheDirectory,
        Consumer<String> log) implements MethodFactory {

    @Override
    public Method create(RunContext context) {
        Teacher t = Teachers.load(teacher, context.spec(), context.normalization(), teacherNormalization, context.manager());
        log.accept("teacher: " + t.describe());
        CachedOutputs cached = null;
        if (cacheDirectory != null) {
            cached = new TeacherCache(cacheDirectory, log).outputs(t, context.labeled(),
                    options.unlabeledWeight() > 0 ? context.unlabeled() : null, context.normalization(), context.manager());
        }
        return new Distillation(context.newLearner(0), t, options, Experiment.augmentation(context.config().augment(),
                context.spec().width()), cached);
    }
}
