package dev.mentor.cli;

import dev.mentor.method.FlexMatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mentor train flexmatch}: FlexMatch (Zhang et al., 2021). */
@Command(name = "flexmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FlexMatch: FixMatch's hard pseudo-labels of a weak view as targets of a strong view, kept by per-class "
                + "thresholds from curriculum pseudo-labeling: --threshold scaled down for the classes the model has learned "
                + "less (fewer pool images predicted above it), and low for all early on; the curriculum is saved in each checkpoint.")
final class FlexMatchCommand implements Callable<Integer> {
    @Mixin
    ConsistencyOptions consistency;

    @Option(names = "--threshold-warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep the thresholds low while most of the pool has not passed --threshold yet (default: ${DEFAULT-VALUE})")
    boolean warmup;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        consistency.refuseAlignment("flexmatch");
        FlexMatch.Options given = new FlexMatch.Options(consistency.fixMatch(), warmup);
        Training.run("flexmatch", options, given, FlexMatch.Options.class,
                o -> context -> FlexMatch.create(context.newLearner(0), context.unlabeled().size(), o),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
