package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.FreeMatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mentor train freematch}: FreeMatch (Wang et al., 2023). */
@Command(name = "freematch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FreeMatch: FixMatch's hard pseudo-labels of a weak view as targets of a strong view, kept by self-adaptive "
                + "thresholds (a global one from the model's mean confidence, scaled per class by how much the model predicts "
                + "it) instead of a fixed --threshold, plus a fairness term; the thresholds are saved in each checkpoint.")
final class FreeMatchCommand implements Callable<Integer> {
    @Mixin
    ConsistencyOptions consistency;

    @Option(names = "--ema-momentum", defaultValue = "0.999", description = "λ, momentum of the thresholds' moving averages (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--fairness-weight", defaultValue = "0.01", description = "λ_f, weight of the self-adaptive fairness term; 0 for none (default: ${DEFAULT-VALUE})")
    double fairnessWeight;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (consistency.threshold != null) {
            throw new MentorException("--threshold: FreeMatch adapts its thresholds; see --ema-momentum instead");
        }
        consistency.refuseAlignment("freematch");
        FreeMatch.Options given = new FreeMatch.Options(consistency.fixMatch(), momentum, fairnessWeight);
        Training.run("freematch", options, given, FreeMatch.Options.class, o -> context -> FreeMatch.create(context.newLearner(0), o),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
