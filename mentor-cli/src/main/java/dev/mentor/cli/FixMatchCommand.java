package dev.mentor.cli;

import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.ConsistencyTraining;
import dev.mentor.method.DistributionAlignment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mentor train fixmatch}: FixMatch (Sohn et al., 2020). */
@Command(name = "fixmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FixMatch: the hard pseudo-label of a weak view (flip + crop), kept when its confidence reaches --threshold, "
                + "is the target of a strong view (the strong policy: flip + crop, RandAugment, Cutout). --augment is the labeled policy.")
final class FixMatchCommand implements Callable<Integer> {
    @Mixin
    ConsistencyOptions consistency;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsistencyConfig config = consistency.fixMatch();
        Training.run("fixmatch", options, config, ConsistencyConfig.class, c -> context -> ConsistencyTraining.fixMatch(context.newLearner(0), c,
                        c.distributionAlignment() ? DistributionAlignment.toLabeled(context.labeled()) : null),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
