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

    @Option(names = "--mimicry-ramp-steps", paramLabel = "N", description = "Steps over which the mimicry weight grows linearly "
            + "from 0 to --mimicry-weight; 0 for the full weight from the first step, as the paper (default: 30%% of the run's steps)")
    Long rampSteps;

    @Option(names = "--normalize-loss", paramLabel = "on|off", defaultValue = "on", description = "Divide each student's loss by "
            + "1 + --mimicry-weight, so its steps are as long as cross-entropy's at the same rate; off: the paper's loss (default: ${DEFAULT-VALUE})")
    String normalizeLoss;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    /**
     * What {@code method.json} keeps of a mutual-learning run's options, for {@code --resume}.
     *
     * @param rampSteps the ramp's steps when given, else null
     * @param rampShare the ramp as a share of the run's steps when {@code rampSteps} was not given; null in
     *     runs from before the ramp existed (no ramp)
     */
    record Saved(List<String> models, double mimicryWeight, Boolean normalizeLoss, Long rampSteps, Double rampShare) {
        long ramp(long runSteps) {
            return rampSteps != null ? rampSteps : rampShare != null ? Math.round(rampShare * runSteps) : 0;
        }
    }

    /** The default ramp: this share of the run's steps. */
    static final double RAMP_SHARE = 0.3;

    @Override
    public Integer call() {
        if (rampSteps != null && rampSteps < 0) {
            throw new MentorException("--mimicry-ramp-steps: must be >= 0, got " + rampSteps);
        }
        Saved saved = Training.savedOrGiven(options, Saved.class,
                () -> new Saved(models != null ? models : List.of(options.model, options.model), mimicryWeight,
                        Switch.parse("normalize_loss", normalizeLoss).on(), rampSteps, rampSteps == null ? RAMP_SHARE : null));
        List<String> models = saved.models();
        if (models.size() != 2) {
            throw new MentorException("--models: name exactly two students, got " + models);
        }
        models.forEach(Models::check);
        options.model = models.get(0);
        Training.run("mutual", options, saved, c -> new MutualLearning(c.newLearner(models.get(0), 0), c.newLearner(models.get(1), 1),
                saved.mimicryWeight(), Boolean.TRUE.equals(saved.normalizeLoss()), saved.ramp(c.totalSteps())), null, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
