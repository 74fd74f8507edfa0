package dev.mentor.cli;

import picocli.CommandLine.Command;

/** {@code mentor bench ...}: performance measurements, each printing {@code img/s: N} last. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure performance.",
        subcommands = {ThroughputCommand.class, BenchAugmentCommand.class, BenchMplCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
