package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.Distillation;
import dev.mentor.run.Experiment;
import dev.mentor.teacher.RunTeacher;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mentor train distill --teacher RUN_DIR}: knowledge distillation into the {@code --model}. */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Knowledge distillation: the student learns the teacher's softened distribution (T²·KL) mixed with CE on labels; "
                + "unlabeled images (the pool) get the distillation term alone.")
final class DistillCommand implements Callable<Integer> {
    @Option(names = "--teacher", required = true, paramLabel = "RUN_DIR", description = "The teacher: a finished Mentor run")
    Path teacher;

    @Option(names = "--temperature", defaultValue = "4", description = "T (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--alpha", defaultValue = "0.9", description = "Weight of the distillation term on labeled images; 1 − alpha goes to CE (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--unlabeled-weight", defaultValue = "1", description = "Weight of distillation on unlabeled pool images; 0 uses labeled images only (default: ${DEFAULT-VALUE})")
    double unlabeledWeight;

    @Option(names = "--distill", split = ",", defaultValue = "logits", description = "logits, features (FitNets hint), attention (AT), combinable (default: ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--hint-weight", defaultValue = "1", description = "Weight of the hint loss (default: ${DEFAULT-VALUE})")
    double hintWeight;

    @Option(names = "--attention-weight", defaultValue = "500", description = "Weight of attention transfer, the paper's β/2 (default: ${DEFAULT-VALUE})")
    double attentionWeight;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Distillation.Options method = new Distillation.Options(temperature, alpha, unlabeledWeight, kinds(kinds),
                hintWeight, attentionWeight);
        Training.run("distill", options, c -> {
            RunTeacher t = new RunTeacher(teacher, c.normalization(), c.manager());
            spec.commandLine().getErr().println("teacher: " + t.describe());
            return new Distillation(c.newLearner(0), t, method, Experiment.augmentation(c.config().augment(), c.spec().width()));
        }, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }

    static EnumSet<Distillation.Kind> kinds(List<String> names) {
        EnumSet<Distillation.Kind> kinds = EnumSet.noneOf(Distillation.Kind.class);
        for (String name : names) {
            try {
                kinds.add(Distillation.Kind.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new MentorException("--distill: unknown kind '" + name + "' (expected logits, features or attention)");
            }
        }
        return kinds;
    }
}
