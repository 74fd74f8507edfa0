package dev.mentor.cli;

import dev.mentor.method.MethodDescriptor;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code mentor train} subcommand: the method it trains (its {@link MethodDescriptor}: name, options record, factory,
 * suite recipe) and the method's own arguments in a run of the benchmark suite. Its options map to the method's options
 * record; {@link Training} runs it.
 */
abstract class TrainMethodCommand extends Subcommand {
    /** The method this command trains. */
    final MethodDescriptor<?> descriptor;

    TrainMethodCommand(MethodDescriptor<?> method) {
        this.descriptor = method;
    }

    /**
     * What a suite run of the method is given beside the options every run shares ({@link SuiteRecipe#arguments}).
     *
     * @param settings what every run of the suite shares
     * @param steps the run's step budget
     * @param prerequisite the folder of the run the method's recipe requires, or null
     */
    record SuiteCall(Suite.Settings settings, int steps, Path prerequisite) {}

    /** The method's own arguments in a run of the suite; none by default (its options' defaults). */
    List<String> suiteArguments(SuiteCall call) {
        return List.of();
    }
}
