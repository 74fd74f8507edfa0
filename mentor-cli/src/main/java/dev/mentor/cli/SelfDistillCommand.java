package dev.mentor.cli;

import dev.mentor.Switch;
import dev.mentor.method.SelfDistillation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train self-distill}: data-distortion guided self-distillation (Xu & Liu, 2019). */
@Command(name = "self-distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "One network, two distortions of each image: CE on both, symmetric KL between them, MMD between their feature means. "
                + "The distortion policy is --augment.")
final class SelfDistillCommand extends TrainMethodCommand {
    @Option(names = "--kl-weight", defaultValue = "0.25", description = "λ, weight of KL(p_a‖p_b) + KL(p_b‖p_a); the paper's is 1, which ended 1.95 points below supervised training on an RGB set (default: ${DEFAULT-VALUE})")
    double klWeight;

    @Option(names = "--mmd-weight", defaultValue = "0.0", description = "μ, weight of ‖mean(h_a) − mean(h_b)‖²; the paper's is 1, "
            + "which cost 1.2 points at 1,000 Fashion-MNIST labels and 10 on the UCI digits (docs/RESULTS.md) (default: ${DEFAULT-VALUE})")
    double mmdWeight;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Softmax temperature of the KL term (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--normalize-loss", paramLabel = "on|off", defaultValue = "on", description = "Divide the loss by 1 + --kl-weight, "
            + "so its steps are as long as cross-entropy's at the same rate; off: the paper's loss (default: ${DEFAULT-VALUE})")
    String normalizeLoss;

    @Mixin
    TrainOptions options;

    SelfDistillCommand() {
        super(SelfDistillation.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        SelfDistillation.Options saved = Training.savedOrGiven(options, SelfDistillation.DESCRIPTOR,
                () -> new SelfDistillation.Options(klWeight, mmdWeight, temperature, Switch.parse("normalize_loss", normalizeLoss).on()));
        Training.runSaved(SelfDistillation.DESCRIPTOR, options, saved, out(), err());
        return 0;
    }
}
