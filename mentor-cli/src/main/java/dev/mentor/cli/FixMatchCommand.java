package dev.mentor.cli;

import dev.mentor.method.FixMatch;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mentor train fixmatch}: FixMatch (Sohn et al., 2020). */
@Command(name = "fixmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "FixMatch: the hard pseudo-label of a weak view (flip + crop), kept when its confidence reaches --threshold, "
                + "is the target of a strong view (by default the strong policy: flip + crop, RandAugment, Cutout; --strong-augment). "
                + "--augment is the labeled policy.")
final class FixMatchCommand extends TrainMethodCommand {
    @Mixin
    ConsistencyOptions consistency;

    @Mixin
    TrainOptions options;

    FixMatchCommand() {
        super(FixMatch.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        Training.run(FixMatch.DESCRIPTOR, options, consistency.fixMatch(), out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--unlabeled-ratio", "7", "--threshold", "0.95");
    }
}
