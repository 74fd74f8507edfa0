package dev.mentor.cli;

import dev.mentor.Switch;
import dev.mentor.method.StudentTraining;
import dev.mentor.run.SelfTrainingConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mentor train pseudo-label}: the classic recipe, teacher → pseudo-labels → retrain on labeled ∪ pseudo-labeled. */
@Command(name = "pseudo-label", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pseudo-labeling: train a teacher on the labeled images (or take --teacher), label the unlabeled pool "
                + "with it, and train the same model again from scratch on labeled + pseudo-labeled images, with the same "
                + "augmentation and regularisation as the teacher.",
            "OUT/round-0 is the teacher, OUT/round-1 the student with its pseudo-labels/ artifact; OUT/rounds.json sums them up."})
final class PseudoLabelTrainCommand extends TrainMethodCommand {
    static final SelfTrainingOptions.Defaults DEFAULTS = new SelfTrainingOptions.Defaults("hard", 0, "off");

    @Mixin
    SelfTrainingOptions selfTraining;

    @Mixin
    TrainOptions options;

    PseudoLabelTrainCommand() {
        super(StudentTraining.PSEUDO_LABEL);
    }

    @Override
    public Integer call() {
        SelfTrainingConfig config = options.resume != null ? null : selfTraining.toConfig(descriptor.name(), 1,
                List.of(options.model), options.epochsOrDefault(), DEFAULTS, Switch.ON, Switch.ON);
        SelfTrainingCommands.run(options, config, selfTraining.studentBudgetGiven(), out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--student-steps", Integer.toString(call.steps()), "--teacher", call.prerequisite().toString());
    }
}
