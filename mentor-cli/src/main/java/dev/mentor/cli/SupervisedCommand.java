package dev.mentor.cli;

import dev.mentor.method.Supervised;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mentor train supervised}: the labeled-only baseline every other method is measured against. */
@Command(name = "supervised", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train on the labeled images only (cross-entropy): the baseline.")
final class SupervisedCommand implements Callable<Integer> {
    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Training.run("supervised", options, context -> new Supervised(context.newLearner(0)),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
