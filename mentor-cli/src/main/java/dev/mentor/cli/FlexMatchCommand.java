package dev.mentor.cli;

import dev.mentor.method.FlexMatch;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train flexmatch}: FlexMatch (Zhang et al., 2021). */
@Command(name = "flexmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FlexMatch: FixMatch's hard pseudo-labels of a weak view as targets of a strong view, kept by per-class "
                + "thresholds from curriculum pseudo-labeling: --threshold scaled down for the classes the model has learned "
                + "less (fewer pool images predicted above it), and low for all early on; the curriculum is saved in each checkpoint.")
final class FlexMatchCommand extends TrainMethodCommand {
    @Mixin
    ConsistencyOptions consistency;

    @Option(names = "--threshold-warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep the thresholds low while most of the pool has not passed --threshold yet (default: ${DEFAULT-VALUE})")
    boolean warmup;

    @Option(names = "--calibrate-thresholds", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Start the curriculum from the pool images the starting model predicts above --threshold (one inference "
                    + "pass before the first step) instead of from none, where every threshold is 0; for runs that start from a "
                    + "trained model (default: ${DEFAULT-VALUE})")
    boolean calibrate;

    @Mixin
    TrainOptions options;

    FlexMatchCommand() {
        super(FlexMatch.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        Training.run(FlexMatch.DESCRIPTOR, options, new FlexMatch.Options(consistency.unaligned(descriptor), warmup, calibrate), out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--unlabeled-ratio", "7", "--threshold", "0.95");
    }
}
