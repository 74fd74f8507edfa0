package dev.mentor.cli;

import picocli.CommandLine.Command;

/** {@code mentor train METHOD}: one subcommand per training method. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model with one of Mentor's methods.",
        subcommands = {SupervisedCommand.class, TransferCommand.class, DistillCommand.class, MutualCommand.class,
            SelfDistillCommand.class, FixMatchCommand.class, FlexMatchCommand.class, FreeMatchCommand.class, UdaCommand.class, MplCommand.class, PseudoLabelTrainCommand.class,
            NoisyStudentCommand.class})
final class TrainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
