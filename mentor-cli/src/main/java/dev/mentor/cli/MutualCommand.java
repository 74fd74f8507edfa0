package dev.mentor.cli;

import dev.mentor.Switch;
import dev.mentor.MentorException;
import dev.mentor.method.MutualLearning;
import dev.mentor.model.Models;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train mutual --models A,B}: deep mutual learning of two students. */
@Command(name = "mutual", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deep mutual learning: two students trained together from scratch, each distilling from the other's predictions. "
                + "The first is validated during training; the one better on validation at the end is saved (the first on a tie or "
                + "without a validation split).")
final class MutualCommand extends TrainMethodCommand {
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

    MutualCommand() {
        super(MutualLearning.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        if (rampSteps != null && rampSteps < 0) {
            throw new MentorException("--mimicry-ramp-steps: must be >= 0, got " + rampSteps);
        }
        MutualLearning.Options saved = Training.savedOrGiven(options, MutualLearning.DESCRIPTOR,
                () -> new MutualLearning.Options(models != null ? models : List.of(options.model, options.model), mimicryWeight,
                        Switch.parse("normalize_loss", normalizeLoss).on(), rampSteps,
                        rampSteps == null ? MutualLearning.Options.RAMP_SHARE : null));
        List<String> models = saved.models();
        if (models.size() != 2) {
            throw new MentorException("--models: name exactly two students, got " + models);
        }
        models.forEach(Models::check);
        options.model = models.get(0);
        Training.runSaved(MutualLearning.DESCRIPTOR, options, saved, out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--models", call.settings().model() + "," + call.settings().model());
    }
}
