package dev.mentor.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mentor train METHOD}: one subcommand per training method. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model with one of Mentor's methods.",
        subcommands = {SupervisedCommand.class, TransferCommand.class, DistillCommand.class, MutualCommand.class,
            SelfDistillCommand.class, FixMatchCommand.class, FlexMatchCommand.class, FreeMatchCommand.class, UdaCommand.class, MplCommand.class, PseudoLabelTrainCommand.class,
            NoisyStudentCommand.class})
final class TrainCommand implements Runnable {
    /** The subcommands, one per method of {@link dev.mentor.method.MethodInfo#ALL}: each names its method's descriptor. */
    static List<TrainMethodCommand> commands() {
        return new CommandLine(new TrainCommand()).getSubcommands().values().stream()
                .map(command -> (TrainMethodCommand) command.getCommand()).toList();
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
