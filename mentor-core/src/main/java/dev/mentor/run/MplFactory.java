package dev.mentor.run;

import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.method.MetaPseudoLabels;
import dev.mentor.method.Method;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplTeacher;
import dev.mentor.method.ReducedTeacher;
import dev.mentor.method.ReducedTeacherConfig;
import dev.mentor.method.UdaTeacher;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.Models;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.teacher.Teacher;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.teacher.Teachers;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Builds {@link MetaPseudoLabels} for a run: the student (the run's architecture, optimizer and
 * EMA), the teacher (the same architecture without EMA; with {@code --init} both start from that run, as a warm-started
 * student beside a fresh teacher would learn the teacher's first guesses; or Reduced MPL's MLP over the cached outputs
 * of a frozen run, TorchScript or ONNX classifier), the student's learning rate (0 while it waits, then the run's warm-up and its
 * {@code --lr-schedule} to the last step) and the fine-tuning learner (no dropout, no weight decay, no EMA).
 */
public record MplFactory(MplConfig config, Consumer<String> log) implements MethodFactory {
    private static final long STUDENT = 0;
    private static final long TEACHER = 1;
    private static final long FINETUNE = 2;

    @Override
    public Method create(RunContext context) {
        MplTeacher teacher = config.reducedTeacher() == null
                ? new UdaTeacher(context.startedLearner(TEACHER, context.config().optimizer(), 0),
                        config.teacher(), config.labelSmoothing())
                : reducedTeacher(context, config.reducedTeacher());
        Learner student = context.newLearner(STUDENT);
        ModelSpec s = context.spec();
        ModelSpec noDropout = new ModelSpec(s.architecture(), s.channels(), s.height(), s.width(), s.classes(), 0, s.stochasticDepth());
        OptimizerConfig o = context.config().optimizer();
        OptimizerConfig noDecay = new OptimizerConfig(o.name(), o.momentum(), o.nesterov(), 0, o.decayNormAndBias(),
                o.beta1(), o.beta2(), o.epsilon());
        return new MetaPseudoLabels(teacher, student, config, studentSchedule(context),
                () -> context.newLearner(FINETUNE, noDropout, noDecay, 0),
                config.finetuneSteps(context.totalSteps(), Budget.passSteps(context.labeled().size(), context.config().batchSize())));
    }

    private Schedule studentSchedule(RunContext context) {
        long total = context.totalSteps();
        long wait = config.studentWaitSteps();
        if (wait >= total) {
            throw MentorException.of("student_wait_steps", "must be below the run's " + total + " steps, got " + wait);
        }
        long warmup = Math.min(context.warmupSteps(), total - wait);
        return Schedule.delayed(wait, context.config().lrSchedule().schedule(config.studentLearningRate(), warmup, total - wait));
    }

    private MplTeacher reducedTeacher(RunContext context, ReducedTeacherConfig reduced) {
        CachedOutputs outputs;
        try (Teacher large = Teachers.load(Path.of(reduced.teacher()), context.models(), context.spec(), context.normalization(), null,
                context.manager())) {
            if (large.classes() != context.spec().classes()) {
                throw MentorException.of("reduced_teacher", large.describe() + " predicts " + large.classes()
                        + " classes, the data has " + context.spec().classes());
            }
            TeacherCache cache = new TeacherCache(reduced.cacheDirectory() != null ? Path.of(reduced.cacheDirectory())
                    : TeacherCache.defaultDirectory(), log);
            outputs = cache.outputs(large, context.labeled(), context.unlabeled(), context.normalization(), context.manager());
        } catch (MentorException e) {
            throw "teacher".equals(e.component()) ? e.about("reduced_teacher") : e;
        }
        int classes = context.spec().classes();
        Learner mlp = context.newCustomLearner(TEACHER, () -> Models.mlp(reduced.hiddenLayers(), reduced.width(), classes),
                new Shape(1, classes));
        return new ReducedTeacher(mlp, outputs, config.teacher(), config.labelSmoothing());
    }

    /** Fails early, naming {@code --reduced-teacher}, when the large teacher's path is not a run or a model file. */
    public static void checkLargeTeacher(String teacher) {
        Path path = Path.of(teacher);
        if (ModelFormat.of(path, "reduced_teacher") == ModelFormat.MENTOR_RUN && Files.isDirectory(path)
                && !Files.isRegularFile(path.resolve(RunDirectory.MODEL))) {
            throw MentorException.of("reduced_teacher", teacher + " has no trained model (" + RunDirectory.MODEL
                    + "); give the directory of a finished Mentor run");
        }
    }
}
