package dev.mentor.run;

import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.method.FrozenOutputs;
import dev.mentor.method.MetaPseudoLabels;
import dev.mentor.method.Method;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplTeacher;
import dev.mentor.method.ReducedTeacher;
import dev.mentor.method.ReducedTeacherConfig;
import dev.mentor.method.UdaTeacher;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.Models;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds {@link MetaPseudoLabels} for a run: the student (the run's architecture, optimizer and
 * EMA), the teacher (the same architecture without EMA, or Reduced MPL's MLP over a finished run's
 * frozen outputs), the student's learning rate (0 while it waits, then the run's warm-up and a cosine
 * to 0 at the last step) and the fine-tuning learner (no dropout, no weight decay, no EMA).
 */
public record MplFactory(MplConfig config) implements MethodFactory {
    private static final long STUDENT = 0;
    private static final long TEACHER = 1;
    private static final long FINETUNE = 2;

    @Override
    public Method create(RunContext context) {
        MplTeacher teacher = config.reducedTeacher() == null
                ? new UdaTeacher(context.newLearner(TEACHER, context.spec(), context.config().optimizer(), 0),
                        config.teacher(), config.labelSmoothing())
                : reducedTeacher(context, config.reducedTeacher());
        Learner student = context.newLearner(STUDENT);
        ModelSpec s = context.spec();
        ModelSpec noDropout = new ModelSpec(s.architecture(), s.channels(), s.height(), s.width(), s.classes(), 0, s.stochasticDepth());
        OptimizerConfig o = context.config().optimizer();
        OptimizerConfig noDecay = new OptimizerConfig(o.name(), o.momentum(), o.nesterov(), 0, o.decayNormAndBias(),
                o.beta1(), o.beta2(), o.epsilon());
        return new MetaPseudoLabels(teacher, student, config, studentSchedule(context),
                () -> context.newLearner(FINETUNE, noDropout, noDecay, 0));
    }

    private Schedule studentSchedule(RunContext context) {
        long total = context.totalSteps();
        long wait = config.studentWaitSteps();
        if (wait >= total) {
            throw new MentorException("--student-wait-steps: must be below the run's " + total + " steps, got " + wait);
        }
        long warmup = Math.min(context.warmupSteps(), total - wait);
        return Schedule.delayed(wait, Schedule.cosine(config.studentLearningRate(), warmup, total - wait, 0));
    }

    private MplTeacher reducedTeacher(RunContext context, ReducedTeacherConfig reduced) {
        SavedModel large = readLargeTeacher(reduced.run());
        ModelSpec s = large.spec();
        ModelSpec run = context.spec();
        if (s.classes() != run.classes() || s.channels() != run.channels() || s.height() != run.height() || s.width() != run.width()) {
            throw new MentorException(String.format("--reduced-teacher: %s was trained on %dx%dx%d images of %d classes; this data has %dx%dx%d images of %d classes",
                    reduced.run(), s.channels(), s.height(), s.width(), s.classes(), run.channels(), run.height(), run.width(), run.classes()));
        }
        FrozenOutputs labeled;
        FrozenOutputs unlabeled;
        try (Learner frozen = large.load(context.manager())) {
            labeled = FrozenOutputs.of(frozen, large.normalization(), context.labeled());
            unlabeled = FrozenOutputs.of(frozen, large.normalization(), context.unlabeled());
        }
        int classes = run.classes();
        Learner mlp = context.newCustomLearner(TEACHER, () -> Models.mlp(reduced.hiddenLayers(), reduced.width(), classes),
                new Shape(1, classes));
        return new ReducedTeacher(mlp, labeled, unlabeled, config.teacher(), config.labelSmoothing());
    }

    /** The large teacher's saved model; a folder without one is a user error naming {@code --reduced-teacher}. */
    public static SavedModel readLargeTeacher(String run) {
        Path path = Path.of(run);
        if (!Files.isRegularFile(path) && !Files.isRegularFile(path.resolve(RunDirectory.MODEL))) {
            throw new MentorException("--reduced-teacher: " + run + " has no trained model (" + RunDirectory.MODEL
                    + "); give the directory of a finished Mentor run");
        }
        return SavedModel.read(path);
    }
}
