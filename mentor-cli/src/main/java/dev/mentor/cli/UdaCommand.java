package dev.mentor.cli;

import dev.mentor.method.Uda;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mentor train uda}: Unsupervised Data Augmentation (Xie et al., 2020). */
@Command(name = "uda", mixinStandardHelpOptions = true, sortOptions = false,
        description = "UDA: the prediction on a weak view, sharpened with --temperature and kept when its confidence reaches --threshold, "
                + "is the soft target of a strong view (by default the strong policy; --strong-augment). --augment is the labeled policy.")
final class UdaCommand extends TrainMethodCommand {
    @Mixin
    ConsistencyOptions.WithUda consistency;

    @Mixin
    TrainOptions options;

    UdaCommand() {
        super(Uda.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        Training.run(Uda.DESCRIPTOR, options, consistency.toConfig(), out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--unlabeled-ratio", "7", "--threshold", "0.8", "--temperature", "0.4", "--uda-steps",
                Integer.toString(call.steps() / 10));
    }
}
