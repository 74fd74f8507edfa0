package dev.mentor.cli;

import picocli.CommandLine.Command;

/** {@code mentor tune ...}: hyper-parameter searches that select by validation accuracy, never test. */
@Command(name = "tune", mixinStandardHelpOptions = true, description = "Search hyper-parameters on the validation split.",
        subcommands = {TuneAugmentCommand.class})
final class TuneCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
