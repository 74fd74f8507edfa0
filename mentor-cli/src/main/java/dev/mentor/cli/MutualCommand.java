package dev.mentor.cli;

import dev.mentor.Switch;
import dev.mentor.MentorException;
import dev.mentor.method.MutualLearning;
import dev.mentor.model.Models;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mentor train mutual --models A,B}: deep mutual learning of two students. */
@Command(name = "mutual", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deep mutual learning: two students trained together from scratch, each distilling from the other's predictions. "
                + "The first is evaluated and saved.")
final class MutualCommand implements Callable<Integer> {
    @Option(names = "--models", split = ",", description = "The two students, e.g. cnn-small,resnet-20 (default: --model twice)")
    List<String> models;

    @Option(names = "--mimicry-weight", defaultValue = "1", description = "Weight of KL(partner ‖ self) (default: ${DEFAULT-VALUE})")
    double mimicryWeight;

    @Option(names = "--mimicry-ramp-steps", defaultValue = "0", paramLabel = "N", description = "Steps over which the mimicry "
            + "weight grows linearly from 0 to --mimicry-weight (default: ${DEFAULT-VALUE}: the full weight from the first step)")
    long rampSteps;

    @Option(names = "--normalize-loss", paramLabel = "on|off", defaultValue = "on", description = "Divide each student's loss by "
            + "1 + --mimicry-weight, so its steps are as long as cross-entropy's at the same rate; off: the paper's loss (default: ${DEFAULT-VALUE})")
    String normalizeLoss;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    /** What {@code method.json} keeps of a mutual-learning run's options, for {@code --resume}. */
    record Saved(List<String> models, double mimicryWeight, Boolean normalizeLoss, Long rampSteps) {}

    @Override
    public Integer call() {
        Saved saved = Training.savedOrGiven(options, Saved.class,
                () -> new Saved(models != null ? models : List.of(options.model, options.model), mimicryWeight,
                        Switch.parse("--normalize-loss", normalizeLoss).on(), rampSteps));
        List<String> models = saved.models();
        if (models.size() != 2) {
            throw new MentorException("--models: name exactly two students, got " + models);
        }
        models.forEach(Models::check);
        options.model = models.get(0);
        Training.run("mutual", options, saved, c -> new MutualLearning(c.newLearner(models.get(0), 0), c.newLearner(models.get(1), 1),
                saved.mimicryWeight(), Boolean.TRUE.equals(saved.normalizeLoss()), saved.rampSteps() == null ? 0 : saved.rampSteps()), null, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
