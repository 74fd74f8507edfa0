package dev.mentor.cli;

import dev.mentor.method.Supervised;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mentor train supervised}: the labeled-only baseline every other method is measured against. */
@Command(name = "supervised", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train on the labeled images only (cross-entropy): the baseline.")
final class SupervisedCommand extends TrainMethodCommand {
    @Mixin
    TrainOptions options;

    SupervisedCommand() {
        super(Supervised.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        Training.run(Supervised.DESCRIPTOR, options, null, out(), err());
        return 0;
    }
}
