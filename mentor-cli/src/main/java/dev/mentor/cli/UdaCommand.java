package dev.mentor.cli;

import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.ConsistencyTraining;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mentor train uda}: Unsupervised Data Augmentation (Xie et al., 2020). */
@Command(name = "uda", mixinStandardHelpOptions = true, sortOptions = false,
        description = "UDA: the prediction on a weak view, sharpened with --temperature and kept when its confidence reaches --threshold, "
                + "is the soft target of a strong view (the strong policy). --augment is the labeled policy.")
final class UdaCommand implements Callable<Integer> {
    @Option(names = "--unlabeled-ratio", defaultValue = "7", description = "μ, unlabeled images per labeled image in a step (default: ${DEFAULT-VALUE})")
    int unlabeledRatio;

    @Option(names = "--lambda-u", defaultValue = "1.0", description = "λ_u, weight of the consistency loss (default: ${DEFAULT-VALUE})")
    double lambdaU;

    @Option(names = "--threshold", defaultValue = "0.8", description = "τ, confidence (unsharpened) a weak-view prediction needs to become a target (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--temperature", defaultValue = "0.4", description = "T, sharpening temperature of the targets (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--uda-steps", defaultValue = "0", description = "Steps over which λ_u ramps up linearly; 0 for none (default: ${DEFAULT-VALUE})")
    long udaSteps;

    @Option(names = "--no-flip", description = "Views without horizontal flips (for classes that are not mirror-symmetric)")
    boolean noFlip;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsistencyConfig config = new ConsistencyConfig(unlabeledRatio, lambdaU, threshold, temperature, udaSteps, !noFlip);
        Training.run("uda", options, config, ConsistencyConfig.class, c -> context -> ConsistencyTraining.uda(context.newLearner(0), c),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
