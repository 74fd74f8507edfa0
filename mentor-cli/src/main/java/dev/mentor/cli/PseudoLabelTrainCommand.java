package dev.mentor.cli;

import dev.mentor.Switch;
import dev.mentor.run.SelfTrainingConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mentor train pseudo-label}: the classic recipe, teacher → pseudo-labels → retrain on labeled ∪ pseudo-labeled. */
@Command(name = "pseudo-label", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pseudo-labeling: train a teacher on the labeled images (or take --teacher), label the unlabeled pool "
                + "with it, and train the same model again from scratch on labeled + pseudo-labeled images, with the same "
                + "augmentation and regularisation as the teacher.",
            "OUT/round-0 is the teacher, OUT/round-1 the student with its pseudo-labels/ artifact; OUT/rounds.json sums them up."})
final class PseudoLabelTrainCommand implements Callable<Integer> {
    static final SelfTrainingOptions.Defaults DEFAULTS = new SelfTrainingOptions.Defaults("hard", 0, "off");

    @Mixin
    SelfTrainingOptions selfTraining;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SelfTrainingConfig config = options.resume != null ? null : selfTraining.toConfig(SelfTrainingConfig.PSEUDO_LABEL, 1,
                List.of(options.model), options.epochsOrDefault(), DEFAULTS, Switch.ON, Switch.ON);
        SelfTrainingCommands.run(options, config, selfTraining.studentBudgetGiven(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
