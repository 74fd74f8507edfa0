package dev.mentor.cli;

import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.ConsistencyTraining;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mentor train fixmatch}: FixMatch (Sohn et al., 2020). */
@Command(name = "fixmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FixMatch: the hard pseudo-label of a weak view (flip + crop), kept when its confidence reaches --threshold, "
                + "is the target of a strong view (the strong policy: flip + crop, RandAugment, Cutout). --augment is the labeled policy.")
final class FixMatchCommand implements Callable<Integer> {
    @Option(names = "--unlabeled-ratio", defaultValue = "7", description = "μ, unlabeled images per labeled image in a step (default: ${DEFAULT-VALUE})")
    int unlabeledRatio;

    @Option(names = "--lambda-u", defaultValue = "1.0", description = "λ_u, weight of the unlabeled loss (default: ${DEFAULT-VALUE})")
    double lambdaU;

    @Option(names = "--threshold", defaultValue = "0.95", description = "τ, confidence a weak-view prediction needs to become a pseudo-label (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--no-flip", description = "Views without horizontal flips (for classes that are not mirror-symmetric)")
    boolean noFlip;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsistencyConfig config = ConsistencyConfig.fixMatch(unlabeledRatio, lambdaU, threshold, !noFlip);
        Training.run("fixmatch", options, config, ConsistencyConfig.class, c -> context -> ConsistencyTraining.fixMatch(context.newLearner(0), c),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
