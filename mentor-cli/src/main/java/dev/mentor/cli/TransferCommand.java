package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.Transfer;
import dev.mentor.run.SavedModel;
import dev.mentor.teacher.Pretrained;
import dev.mentor.train.Learner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mentor train transfer --pretrained RUN_DIR --mode linear-probe|fine-tune}. */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reuse a pre-trained backbone with a new head: linear probe (backbone frozen, BatchNorm statistics included) "
                + "or fine-tune (everything, the backbone at a smaller rate); gradual unfreezing with --unfreeze-after.")
final class TransferCommand implements Callable<Integer> {
    @Option(names = "--pretrained", required = true, paramLabel = "RUN_DIR", description = "A finished Mentor run whose backbone to reuse")
    Path pretrained;

    @Option(names = "--mode", defaultValue = "fine-tune", description = "linear-probe or fine-tune (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--backbone-lr-scale", defaultValue = "0.1", description = "Backbone learning rate relative to the head's when fine-tuning (default: ${DEFAULT-VALUE})")
    double backboneRateScale;

    @Option(names = "--unfreeze-after", defaultValue = "-1", paramLabel = "EPOCHS", description = "With linear-probe: fine-tune from this epoch on (default: never)")
    int unfreezeAfter;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Transfer.Mode parsed = switch (mode) {
            case "linear-probe" -> Transfer.Mode.LINEAR_PROBE;
            case "fine-tune" -> Transfer.Mode.FINE_TUNE;
            default -> throw new MentorException("--mode: unknown mode '" + mode + "' (expected linear-probe or fine-tune)");
        };
        SavedModel saved = SavedModel.read(pretrained);
        if (options.resume == null) {
            options.model = saved.spec().architecture();
        }
        double scale = parsed == Transfer.Mode.FINE_TUNE || unfreezeAfter >= 0 ? backboneRateScale : 1.0;
        Training.run("transfer", options, c -> {
            Learner learner = c.newLearner(0);
            Pretrained.loadBackbone(saved, learner, pretrained.toString());
            return new Transfer(learner, parsed, scale, unfreezeAfter);
        }, saved.normalization(), spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
