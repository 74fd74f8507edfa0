package dev.mentor.cli;

import picocli.CommandLine.Command;

/** {@code mentor bench ...}: performance measurements, each printing {@code img/s: N} last, and the benchmark suite (accuracy of every method). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure performance.",
        subcommands = {ThroughputCommand.class, BenchAugmentCommand.class, BenchMplCommand.class, BenchSuiteCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
