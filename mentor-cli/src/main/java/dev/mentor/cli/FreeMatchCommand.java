package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.FreeMatch;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train freematch}: FreeMatch (Wang et al., 2023). */
@Command(name = "freematch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FreeMatch: FixMatch's hard pseudo-labels of a weak view as targets of a strong view, kept by self-adaptive "
                + "thresholds (a global one from the model's mean confidence, scaled per class by how much the model predicts "
                + "it) instead of a fixed --threshold, plus a fairness term; the thresholds are saved in each checkpoint.")
final class FreeMatchCommand extends TrainMethodCommand {
    @Mixin
    ConsistencyOptions consistency;

    @Option(names = "--ema-momentum", defaultValue = "0.999", description = "λ, momentum of the thresholds' moving averages (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--fairness-weight", defaultValue = "0.01", description = "λ_f, weight of the self-adaptive fairness term; 0 for none (default: ${DEFAULT-VALUE})")
    double fairnessWeight;

    @Option(names = "--calibrate-thresholds", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Start the thresholds at the starting model's mean confidence and class expectations on the pool (one "
                    + "inference pass before the first step) instead of at 1/C, where nearly every pseudo-label passes; for runs "
                    + "that start from a trained model (default: ${DEFAULT-VALUE})")
    boolean calibrate;

    @Mixin
    TrainOptions options;

    FreeMatchCommand() {
        super(FreeMatch.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        if (consistency.threshold != null) {
            throw new MentorException("--threshold: FreeMatch adapts its thresholds; see --ema-momentum instead");
        }
        Training.run(FreeMatch.DESCRIPTOR, options, new FreeMatch.Options(consistency.unaligned(descriptor), momentum, fairnessWeight,
                calibrate),
                out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--unlabeled-ratio", "7");
    }
}
