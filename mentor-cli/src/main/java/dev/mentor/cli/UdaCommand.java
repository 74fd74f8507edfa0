package dev.mentor.cli;

import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.ConsistencyTraining;
import dev.mentor.method.DistributionAlignment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mentor train uda}: Unsupervised Data Augmentation (Xie et al., 2020). */
@Command(name = "uda", mixinStandardHelpOptions = true, sortOptions = false,
        description = "UDA: the prediction on a weak view, sharpened with --temperature and kept when its confidence reaches --threshold, "
                + "is the soft target of a strong view (the strong policy). --augment is the labeled policy.")
final class UdaCommand implements Callable<Integer> {
    @Mixin
    ConsistencyOptions.WithUda consistency;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsistencyConfig config = consistency.toConfig();
        Training.run("uda", options, config, ConsistencyConfig.class, c -> context -> ConsistencyTraining.uda(context.newLearner(0), c,
                        c.distributionAlignment() ? DistributionAlignment.toLabeled(context.labeled()) : null),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
